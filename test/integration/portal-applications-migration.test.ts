import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import * as m0001 from '../../src-portal/db/migrations/0001-catalogue.js';
import * as m0002 from '../../src-portal/db/migrations/0002-auth.js';
import { openPortalDatabase } from '../../src-portal/db/database.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('0003-applications upgrades a database holding data from 0002 without touching it', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mig-'));
  const file = path.join(dir, 'portal.sqlite');
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  const migrated = await new Migrator({
    db: old,
    provider: { getMigrations: () => Promise.resolve({ '0001-catalogue': m0001, '0002-auth': m0002 }) },
  }).migrateToLatest();
  expect(migrated.error).toBeUndefined();
  await sql`insert into agencies (code, name, level) values ('000.00.53.H48', 'UBND xã Bình Sơn', 'xa')`.execute(old);
  await old.destroy();

  const { db, close } = await openPortalDatabase(file);
  try {
    expect(await db.selectFrom('agencies').selectAll().execute()).toEqual([{ code: '000.00.53.H48', name: 'UBND xã Bình Sơn', level: 'xa' }]);
    expect(await db.selectFrom('applications').selectAll().execute()).toEqual([]);
    // The per-agency daily series is unique at the database level too.
    const row = {
      agency_code: '000.00.53.H48',
      agency_name: 'UBND xã Bình Sơn',
      seq_day: '2026-03-02',
      seq: 1,
      procedure_code: '1.001193.000.00.00.H48',
      procedure_name: 'Đăng ký khai sinh',
      processing_days: 0,
      channel: 'truc_tuyen',
      status: 1,
      applicant_name: 'Nguyễn Văn An',
      applicant_citizen_id: '051090000001',
      applicant_json: '{}',
      fields_json: '{}',
      submitted_by_account_id: 1,
      owner_account_id: null,
      received_by_account_id: null,
      received_by_name: null,
      kiosk_id: null,
      received_at: '2026-03-02T02:00:00.000Z',
      appointment_at: '2026-03-02T02:00:00.000Z',
      fee_items_json: '[]',
      fee_total: 0,
      payment_status: 'mien',
      paid_at: null,
      updated_at: '2026-03-02T02:00:00.000Z',
    };
    await db.insertInto('applications').values({ ...row, code: '000.00.53.H48-260302-0001', idempotency_key: 'key-00000001' }).execute();
    await expect(
      db.insertInto('applications').values({ ...row, code: '000.00.53.H48-260302-0002', idempotency_key: 'key-00000002' }).execute(),
    ).rejects.toThrow(/UNIQUE/);
  } finally {
    await close();
  }
});
