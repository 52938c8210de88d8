import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import * as m0001 from '../../src-portal/db/migrations/0001-catalogue.js';
import * as m0002 from '../../src-portal/db/migrations/0002-auth.js';
import * as m0003 from '../../src-portal/db/migrations/0003-applications.js';
import * as m0004 from '../../src-portal/db/migrations/0004-auth-hardening.js';
import * as m0005 from '../../src-portal/db/migrations/0005-officer-work.js';
import * as m0006 from '../../src-portal/db/migrations/0006-kiosk-heartbeats.js';
import * as m0007 from '../../src-portal/db/migrations/0007-queue.js';
import { openPortalDatabase } from '../../src-portal/db/database.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('0008-kiosk-heartbeat-place keeps the heartbeats of kiosks that never sent a place, with place null', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mig8-'));
  const file = path.join(dir, 'portal.sqlite');
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  const before = {
    '0001-catalogue': m0001,
    '0002-auth': m0002,
    '0003-applications': m0003,
    '0004-auth-hardening': m0004,
    '0005-officer-work': m0005,
    '0006-kiosk-heartbeats': m0006,
    '0007-queue': m0007,
  };
  const migrated = await new Migrator({ db: old, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest();
  expect(migrated.error).toBeUndefined();
  const t = '2026-03-02T02:00:00.000Z';
  await sql`insert into kiosk_heartbeats (kiosk_id, received_at, sent_at, version, queue_depth, oldest_pending_at, last_sync_at, devices_json, free_disk_bytes)
    values ('KIOSK-01', ${t}, ${t}, '1.0.0', 2, ${t}, null, '{"printer":"none","tokenReader":"absent","scanner":"wedge"}', 1024)`.execute(old);
  await old.destroy();

  const { db, close } = await openPortalDatabase(file);
  try {
    expect(await db.selectFrom('kiosk_heartbeats').select(['kiosk_id', 'version', 'queue_depth', 'place']).execute()).toEqual([
      { kiosk_id: 'KIOSK-01', version: '1.0.0', queue_depth: 2, place: null },
    ]);
  } finally {
    await close();
  }
});
