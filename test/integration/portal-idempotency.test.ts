import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFingerprint, scopedIdempotencyKey } from '../../src-portal/applications/idempotency.js';
import { testClock } from '../support/portal.js';
import {
  applicationForm,
  call,
  KHAI_SINH_FILES,
  khaiSinhApplication,
  startApplicationsPortal,
  submit,
  type ApplicationsPortal,
  type TestAccount,
} from './portal-applications.fixture.js';

/**
 * Idempotency keys under races and across accounts (issue 17 finding 8):
 * a refused body releases its key and never makes a valid one look like a
 * reused key; one account's keys are not another's.
 */

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');
/** Refused by the portal's field rules (the child's name is required), after the key was claimed. */
const INVALID = khaiSinhApplication({ fields: { childName: '', childBirthDate: '2026-02-20', childSex: 'nu' } });

let p: ApplicationsPortal;
let citizen: TestAccount;

async function countApplications(): Promise<number> {
  const row = await p.context.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  p = await startApplicationsPortal({ now: testClock(MONDAY_9AM).now });
  citizen = await p.citizen();
});
afterAll(async () => {
  await p.close();
});

describe('an invalid and a valid body on one key', () => {
  it('a claim held by another body answers 409 (retry), not 422, and the valid body goes through once it is released', async () => {
    const key = crypto.randomUUID();
    // The invalid body's claim, caught while its validation is still running.
    const claim = {
      key: scopedIdempotencyKey(citizen.accountId, key),
      fingerprint: requestFingerprint(citizen.accountId, INVALID, []),
      account_id: citizen.accountId,
      state: 'in_flight' as const,
      started_at: MONDAY_9AM.toISOString(),
      response_status: null,
      response_body: null,
      application_id: null,
    };
    await p.context.db.insertInto('idempotency_keys').values(claim).execute();
    const busy = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    expect(busy.status).toBe(409);
    expect(busy.body.error?.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(busy.headers.get('retry-after')).toBe('2');

    await p.context.db.deleteFrom('idempotency_keys').where('key', '=', claim.key).execute();
    const retried = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    expect(retried.status).toBe(201);
  });

  it('a refused body releases its key: the fixed body is accepted with the same key', async () => {
    const key = crypto.randomUUID();
    const refused = await submit(p.url, citizen.token, applicationForm(INVALID, KHAI_SINH_FILES), key);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.error?.code).not.toMatch(/^IDEMPOTENCY/);
    expect(await p.context.db.selectFrom('idempotency_keys').select('key').where('key', '=', scopedIdempotencyKey(citizen.accountId, key)).execute()).toEqual([]);
    expect((await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key)).status).toBe(201);
  });

  it('racing in parallel, the valid body is never told IDEMPOTENCY_KEY_REUSED unless it was created', async () => {
    const before = await countApplications();
    const rounds = 15;
    for (let round = 0; round < rounds; round++) {
      const key = crypto.randomUUID();
      const [bad, good] = await Promise.all([
        submit(p.url, citizen.token, applicationForm(INVALID, KHAI_SINH_FILES), key),
        submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key),
      ]);
      expect(good.body.error?.code, `round ${round}`).not.toBe('IDEMPOTENCY_KEY_REUSED');
      expect([201, 409], `round ${round}: ${JSON.stringify(good.body)}`).toContain(good.status);
      // The kiosk retries a 409; by then the invalid body has been refused and its claim released.
      let final = good;
      for (let tries = 0; final.status === 409 && tries < 20; tries++) {
        await new Promise((r) => setTimeout(r, 50));
        final = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
      }
      expect(final.status, `round ${round}`).toBe(201);
      // The invalid body is refused for what it is, or (if it came second) told the key is busy or taken.
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
    }
    expect(await countApplications()).toBe(before + rounds);
  });
});

describe('keys per account', () => {
  it('the same key from two accounts creates two applications, and neither sees the other\'s through by-key', async () => {
    const other = await p.citizen({ fullName: 'Phan Văn Bảy' });
    const key = crypto.randomUUID();
    const mine = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    const theirs = await submit(p.url, other.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.code).not.toBe(mine.body.code);

    const mineByKey = await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, citizen.token);
    const theirsByKey = await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, other.token);
    expect(mineByKey.body).toMatchObject({ state: 'created', application: { code: mine.body.code } });
    expect(theirsByKey.body).toMatchObject({ state: 'created', application: { code: theirs.body.code } });

    // An account with no such key learns nothing, not even that someone else used it.
    const third = await p.citizen({ fullName: 'Lý Thị Tám' });
    const probe = await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, third.token);
    expect(probe.status).toBe(404);
    expect(probe.body.error?.code).toBe('IDEMPOTENCY_KEY_NOT_FOUND');
  });

  it('another account cannot block a key with an in-flight claim', async () => {
    const other = await p.citizen({ fullName: 'Hồ Văn Chín' });
    const key = crypto.randomUUID();
    await p.context.db
      .insertInto('idempotency_keys')
      .values({
        key: scopedIdempotencyKey(other.accountId, key),
        fingerprint: 'x'.repeat(64),
        account_id: other.accountId,
        state: 'in_flight',
        started_at: MONDAY_9AM.toISOString(),
        response_status: null,
        response_body: null,
        application_id: null,
      })
      .execute();
    expect((await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key)).status).toBe(201);
  });
});
