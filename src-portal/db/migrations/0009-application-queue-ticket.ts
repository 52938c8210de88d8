import type { Kysely } from 'kysely';

/**
 * The queue ticket ("Số thứ tự", e.g. B-015) an application received at a
 * counter came with, so the officer's view and the receipt can name it.
 * Nullable: older applications and those sent without a ticket have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('queue_ticket', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('queue_ticket').execute();
}
