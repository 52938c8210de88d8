import type { Kysely } from 'kysely';

/**
 * The counter officer's work: which kiosk an audit row was made through,
 * supplement requests, returns of results, satisfaction ratings and the
 * one-time tokens that let a citizen rate at the kiosk right after a return.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('application_status_history').addColumn('kiosk_id', 'text').execute();

  await db.schema
    .createTable('supplement_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('components_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by_account_id', 'integer', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('kiosk_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('supplemented_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('supplement_requests_app').on('supplement_requests').column('application_id').execute();

  await db.schema
    .createTable('application_returns')
    .addColumn('application_id', 'integer', (c) => c.primaryKey().references('applications.id').onDelete('cascade'))
    .addColumn('returned_at', 'text', (c) => c.notNull())
    .addColumn('returned_by_account_id', 'integer', (c) => c.notNull())
    .addColumn('returned_by_name', 'text', (c) => c.notNull())
    .addColumn('kiosk_id', 'text')
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_citizen_id', 'text', (c) => c.notNull())
    .addColumn('recipient_note', 'text')
    .addColumn('fees_collected', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rating_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // No column says who rated: the officer rated must never learn it, and the portal does not need it.
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('applications.id').onDelete('cascade'))
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('officer_account_id', 'integer')
    .addColumn('officer_name', 'text')
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ratings_agency').on('ratings').columns(['agency_code', 'rated_at']).execute();
}
