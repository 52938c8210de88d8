import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';
import { testClock } from '../support/portal.js';
import { call as authCall, solvedCaptcha } from '../support/portal-auth.js';
import {
  AGENCY_A,
  KHAI_SINH_FILES,
  applicationForm,
  call,
  khaiSinhApplication,
  startApplicationsPortal,
  submit,
  type ApplicationsPortal,
  type TestAccount,
} from './portal-applications.fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');

/**
 * A province runs several portal processes behind one PostgreSQL database.
 * Two real portals share one database (and one attachment folder) here,
 * and kiosks send to both at once: what one process guarantees alone
 * (gap-free mã hồ sơ, one application per Idempotency-Key, the login
 * attempt limit, one winner of two officer actions) must hold between them. Only in the portal-pg
 * project: SQLite is one process's embedded file.
 */
describe('two portal processes on one PostgreSQL database', () => {
  const clock = testClock(MONDAY_9AM);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-two-'));
  let a: ApplicationsPortal;
  let b: ApplicationsPortal;
  let citizen: TestAccount;

  beforeAll(async () => {
    expect(inject('postgresUrl'), 'runs in the portal-pg project, on its cluster').toBeTruthy();
    // One after the other: the second finds the schema migrated and the catalogue seeded.
    a = await startApplicationsPortal({ now: clock.now, dataDir });
    b = await startApplicationsPortal({ now: clock.now, dataDir });
    citizen = await a.citizen();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a session opened on one is honoured by the other', async () => {
    expect((await call(b.url, 'GET', '/api/v1/applications?mine=1', citizen.token)).status).toBe(200);
  });

  it('40 submissions sent to both at once get 40 distinct, consecutive codes', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => submit((i % 2 ? b : a).url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES))),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(201));
    const seqs = replies.map((r) => {
      const parts = parseMaHoSo(String(r.body.code));
      expect(parts?.agencyCode).toBe(AGENCY_A.code);
      return parts?.seq ?? 0;
    });
    expect(seqs.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('one Idempotency-Key sent to both at once creates one application; a replay on either gives its code', async () => {
    for (let round = 0; round < 3; round++) {
      const key = crypto.randomUUID();
      const body = () => applicationForm(khaiSinhApplication(), KHAI_SINH_FILES);
      const racing = await Promise.all([submit(a.url, citizen.token, body(), key), submit(b.url, citizen.token, body(), key)]);
      // The loser either saw the finished answer (a replay, 201) or the claim still in flight (409, retry later).
      for (const r of racing) expect([201, 409]).toContain(r.status);
      const created = racing.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      const code = String(created[0]?.body.code);
      for (const r of created) expect(r.body.code).toBe(code);
      for (const portal of [a, b]) {
        const replay = await submit(portal.url, citizen.token, body(), key);
        expect(replay.status).toBe(201);
        expect(replay.body.code).toBe(code);
      }
      const rows = await a.context.db.selectFrom('applications').select('code').where('idempotency_key', 'like', `%:${key}`).execute();
      expect(rows.map((r) => r.code)).toEqual([code]);
    }
  });

  it('20 wrong passwords sent to both at once: exactly 5 are checked, the other 15 meet the lock', async () => {
    const citizenId = '051090009001';
    await a.citizen({ citizenId });
    const prepared = [];
    for (let i = 0; i < 20; i++) prepared.push({ username: citizenId, password: `Sai@${i}-mat-khau`, ...(await solvedCaptcha(a.url)) });
    const answers = await Promise.all(prepared.map((body, i) => authCall((i % 2 ? b : a).url, 'POST', '/api/v1/auth/login', { body })));
    const counts: Record<number, number> = {};
    for (const r of answers) counts[r.status] = (counts[r.status] ?? 0) + 1;
    expect(counts).toEqual({ 401: 5, 423: 15 });
  });

  it('two officers accepting one application through different processes: one wins, the other gets 409 STATUS_CHANGED', async () => {
    const [first, second] = [await a.officer(), await b.officer()];
    for (let round = 0; round < 3; round++) {
      const created = await submit(a.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
      const code = String(created.body.code);
      const accept = (portal: ApplicationsPortal, officer: TestAccount) =>
        call(portal.url, 'POST', `/api/v1/officer/applications/${code}/accept`, officer.token, { expectedStatus: 1 });
      const replies = await Promise.all([accept(a, first), accept(b, second)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)?.body.error?.code).toBe('STATUS_CHANGED');
      const accepted = await a.context.db
        .selectFrom('application_status_history')
        .innerJoin('applications', 'applications.id', 'application_status_history.application_id')
        .select('application_status_history.id')
        .where('applications.code', '=', code)
        .where('to_status', '=', 2)
        .execute();
      expect(accepted).toHaveLength(1);
    }
  });
});
