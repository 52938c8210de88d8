import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import * as m0001 from '../../src-portal/db/migrations/0001-catalogue.js';
import * as m0002 from '../../src-portal/db/migrations/0002-auth.js';
import * as m0003 from '../../src-portal/db/migrations/0003-applications.js';
import { scopedIdempotencyKey } from '../../src-portal/applications/idempotency.js';
import { openPortalDatabase } from '../../src-portal/db/database.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('0004-auth-hardening scopes existing idempotency keys to their account, so an old entry retried still replays', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mig4-'));
  const file = path.join(dir, 'portal.sqlite');
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  const migrated = await new Migrator({
    db: old,
    provider: { getMigrations: () => Promise.resolve({ '0001-catalogue': m0001, '0002-auth': m0002, '0003-applications': m0003 }) },
  }).migrateToLatest();
  expect(migrated.error).toBeUndefined();
  const t = '2026-03-02T02:00:00.000Z';
  await sql`insert into accounts (id, role, username, display_name, is_demo, disabled, created_at) values (7, 'kiosk', 'KIOSK-01', 'Kiosk KIOSK-01', 0, 0, ${t})`.execute(old);
  await sql`insert into login_failures (account_id, at) values (7, ${t})`.execute(old);
  await sql`insert into applications (code, agency_code, agency_name, seq_day, seq, procedure_code, procedure_name, processing_days, channel, status,
      applicant_name, applicant_citizen_id, applicant_json, fields_json, submitted_by_account_id, idempotency_key, received_at, appointment_at,
      fee_items_json, fee_total, payment_status, updated_at)
    values ('000.00.53.H48-260302-0001', '000.00.53.H48', 'UBND xã Bình Sơn', '2026-03-02', 1, 'P', 'Đăng ký khai sinh', 0, 'truc_tiep', 1,
      'Nguyễn Văn An', '051090000001', '{}', '{}', 7, 'key-00000001', ${t}, ${t}, '[]', 0, 'mien', ${t})`.execute(old);
  await sql`insert into idempotency_keys (key, fingerprint, account_id, state, started_at, response_status, response_body, application_id)
    values ('key-00000001', 'f', 7, 'done', ${t}, 201, '{}', 1)`.execute(old);
  await old.destroy();

  const { db, close } = await openPortalDatabase(file);
  try {
    expect(await db.selectFrom('idempotency_keys').select(['key', 'state']).execute()).toEqual([{ key: scopedIdempotencyKey(7, 'key-00000001'), state: 'done' }]);
    expect(await db.selectFrom('applications').select('idempotency_key').execute()).toEqual([{ idempotency_key: '7:key-00000001' }]);
    // The failure counted before the upgrade stays a counted (settled) failure.
    expect(await db.selectFrom('login_failures').select(['account_id', 'pending']).execute()).toEqual([{ account_id: 7, pending: 0 }]);
    expect(await db.selectFrom('accounts').select('is_admin').execute()).toEqual([{ is_admin: 0 }]);
  } finally {
    await close();
  }
});
