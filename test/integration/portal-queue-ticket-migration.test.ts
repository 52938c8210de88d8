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

it('0009-application-queue-ticket keeps the applications of 0007, with no ticket, and stores one on the next', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mig-'));
  const file = path.join(dir, 'portal.sqlite');
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  const migrations = { '0001-catalogue': m0001, '0002-auth': m0002, '0003-applications': m0003, '0004-auth-hardening': m0004, '0005-officer-work': m0005, '0006-kiosk-heartbeats': m0006, '0007-queue': m0007 };
  expect((await new Migrator({ db: old, provider: { getMigrations: () => Promise.resolve(migrations) } }).migrateToLatest()).error).toBeUndefined();
  await sql`insert into applications (code, agency_code, agency_name, seq_day, seq, procedure_code, procedure_name, processing_days, channel, status,
      applicant_name, applicant_citizen_id, applicant_json, fields_json, submitted_by_account_id, idempotency_key, received_at, appointment_at,
      fee_items_json, fee_total, payment_status, updated_at)
    values ('000.00.53.H48-260302-0001', '000.00.53.H48', 'UBND xã Bình Sơn', '2026-03-02', 1, '1.001193.000.00.00.H48', 'Đăng ký khai sinh', 0, 'truc_tiep', 1,
      'Nguyễn Văn An', '051090000001', '{}', '{}', 1, 'key-00000001', '2026-03-02T02:00:00.000Z', '2026-03-02T02:00:00.000Z', '[]', 0, 'mien', '2026-03-02T02:00:00.000Z')`.execute(old);
  await old.destroy();

  const { db, close } = await openPortalDatabase(file);
  try {
    expect(await db.selectFrom('applications').select(['code', 'applicant_name', 'queue_ticket']).execute()).toEqual([
      { code: '000.00.53.H48-260302-0001', applicant_name: 'Nguyễn Văn An', queue_ticket: null },
    ]);
    await db.updateTable('applications').set({ queue_ticket: 'B-015' }).where('seq', '=', 1).execute();
    expect((await db.selectFrom('applications').select('queue_ticket').executeTakeFirstOrThrow()).queue_ticket).toBe('B-015');
  } finally {
    await close();
  }
});
