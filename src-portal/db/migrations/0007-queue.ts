import type { Kysely } from 'kysely';

/** Queue tickets of the one-stop centres, their daily counters, kiosks' offline blocks and the board's calls. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queue_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('first_called_at', 'text')
    .addColumn('called_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('misses', 'integer', (c) => c.notNull())
    .addColumn('kiosk_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    // The rule "no two people hold the same number", kept by the database itself.
    .addUniqueConstraint('queue_tickets_number', ['agency_code', 'day', 'area', 'number'])
    .execute();
  await db.schema.createIndex('queue_tickets_line').on('queue_tickets').columns(['agency_code', 'day', 'status']).execute();

  await db.schema
    .createTable('queue_counters')
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('queue_counters_pk', ['agency_code', 'day', 'area'])
    .execute();

  await db.schema
    .createTable('queue_blocks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('kiosk_id', 'text', (c) => c.notNull())
    .addColumn('first_number', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('queue_calls')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('recall', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('queue_calls_agency').on('queue_calls').columns(['agency_code', 'seq']).execute();
}
