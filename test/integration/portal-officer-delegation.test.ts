import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCreatedSchema, ApplicationFullViewSchema } from '../../src-shared/portal-applications-api.js';
import { testClock } from '../support/portal.js';
import { KHAI_SINH_FILES, applicationForm, khaiSinhApplication, type TestAccount } from './portal-applications.fixture.js';
import { CAM_THANH_KHAI_SINH, startOfficerPortal, type OfficerPortal } from './portal-officer-fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');
const DELEGATION_INVALID =
  'Phiên đăng nhập của cán bộ tiếp nhận (X-On-Behalf-Of) không hợp lệ hoặc đã hết hạn. Cán bộ vui lòng đăng nhập lại ca làm việc rồi gửi lại hồ sơ.';

describe('receiving on behalf: a kiosk forwards the shift officer\'s session', () => {
  const clock = testClock(MONDAY_9AM);
  let p: OfficerPortal;
  let kiosk: TestAccount;
  let officer: TestAccount;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    kiosk = await p.kiosk('KIOSK-CT-01');
    officer = await p.demo('canbo.camthanh');
  });
  afterAll(async () => {
    await p.close();
  });

  const camThanhApplication = () => ({ ...khaiSinhApplication(), procedureCode: CAM_THANH_KHAI_SINH.code, channel: 'truc_tiep' as const, kioskId: 'KIOSK-CT-01' });

  async function send(onBehalfOf: string | null, key: string = crypto.randomUUID(), token = kiosk.token) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'idempotency-key': key };
    if (onBehalfOf !== null) headers['x-on-behalf-of'] = onBehalfOf;
    const res = await fetch(`${p.url}/api/v1/applications`, { method: 'POST', headers, body: applicationForm(camThanhApplication(), KHAI_SINH_FILES) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  }

  it('records and audits the officer, not the kiosk device, as the receiver; the kiosk id is kept', async () => {
    const r = await send(officer.token);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const created = ApplicationCreatedSchema.parse(r.body);
    // Nothing owed and the officer's own agency: received at once, as at an assisted counter.
    expect(created.status.code).toBe(2);
    const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${created.code}`, { token: officer.token })).body);
    expect(view.receivedBy).toEqual({ accountId: officer.accountId, name: 'Võ Văn Tùng' });
    expect(view.kioskId).toBe('KIOSK-CT-01');
    expect(view.timeline.map((t) => [t.to.code, t.actorRole, t.actorName])).toEqual([
      [1, 'officer', 'Võ Văn Tùng'],
      [2, 'officer', 'Võ Văn Tùng'],
    ]);
    const audit = await p.context.db
      .selectFrom('application_status_history')
      .innerJoin('applications', 'applications.id', 'application_status_history.application_id')
      .select(['actor_account_id', 'application_status_history.kiosk_id', 'received_by_account_id', 'submitted_by_account_id'])
      .where('applications.code', '=', created.code)
      .execute();
    expect(audit).toEqual([
      { actor_account_id: officer.accountId, kiosk_id: 'KIOSK-CT-01', received_by_account_id: officer.accountId, submitted_by_account_id: kiosk.accountId },
      { actor_account_id: officer.accountId, kiosk_id: 'KIOSK-CT-01', received_by_account_id: officer.accountId, submitted_by_account_id: kiosk.accountId },
    ]);
  });

  it('refuses a forged token with a Vietnamese 403 and creates nothing; the same key then goes through with a real one', async () => {
    const before = await p.context.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const key = crypto.randomUUID();
    const forged = await send('gia-mao-gia-mao-gia-mao-gia-mao-0000', key);
    expect(forged.status).toBe(403);
    expect(forged.body.error).toEqual({ code: 'DELEGATION_INVALID', message: DELEGATION_INVALID });
    const after = await p.context.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await send(officer.token, key)).status).toBe(201);
  });

  it('refuses an expired officer session, a citizen\'s session, and a delegation sent by anyone but a kiosk', async () => {
    const officerToken = officer.token;
    clock.advance(31 * 60_000);
    kiosk = await p.kiosk('KIOSK-CT-01');
    const expired = await send(officerToken);
    expect(expired.status).toBe(403);
    expect(expired.body.error?.message).toBe(DELEGATION_INVALID);

    const citizen = await p.citizen();
    const notOfficer = await send(citizen.token);
    expect(notOfficer.status).toBe(403);
    expect(notOfficer.body.error?.code).toBe('DELEGATION_INVALID');

    officer = await p.demo('canbo.camthanh');
    const fromCitizen = await send(officer.token, crypto.randomUUID(), citizen.token);
    expect(fromCitizen.status).toBe(403);
    expect(fromCitizen.body.error?.message).toBe('Chỉ kiosk một cửa mới được gửi hồ sơ thay mặt cán bộ tiếp nhận.');
  });

  it('without the header the kiosk still submits self-service applications, received by no one', async () => {
    const r = await send(null);
    expect(r.status).toBe(201);
    const created = ApplicationCreatedSchema.parse(r.body);
    expect(created.status.code).toBe(1);
    const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${created.code}`, { token: officer.token })).body);
    expect(view.receivedBy).toBeNull();
    expect(view.timeline[0]).toMatchObject({ actorRole: 'kiosk' });
  });
});
