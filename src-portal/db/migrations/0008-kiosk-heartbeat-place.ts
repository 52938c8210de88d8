import type { Kysely } from 'kysely';

/** The place a kiosk names on its papers, shown on the fleet list; null for rows from kiosks that did not send it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('kiosk_heartbeats').addColumn('place', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('kiosk_heartbeats').dropColumn('place').execute();
}
