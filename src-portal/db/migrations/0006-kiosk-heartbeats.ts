import type { Kysely } from 'kysely';

/** The fleet: the last heartbeat of each kiosk (one row per kiosk, replaced by the next). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kiosk_heartbeats')
    .addColumn('kiosk_id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('queue_depth', 'integer', (c) => c.notNull())
    .addColumn('oldest_pending_at', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('devices_json', 'text', (c) => c.notNull())
    .addColumn('free_disk_bytes', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kiosk_heartbeats').execute();
}
