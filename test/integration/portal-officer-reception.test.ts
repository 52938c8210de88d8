import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFullViewSchema, ApplicationPublicViewSchema } from '../../src-shared/portal-applications-api.js';
import { AcceptedSchema, RejectedSchema, WorklistSchema } from '../../src-shared/portal-officer-api.js';
import { testClock } from '../support/portal.js';
import { AGENCY_A, THUONG_TRU, THUONG_TRU_FILES, khaiSinhApplication, thuongTruApplication, type TestAccount } from './portal-applications.fixture.js';
import { CAM_THANH_KHAI_SINH, startOfficerPortal, type OfficerPortal } from './portal-officer-fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');
const HOUR = 3_600_000;

describe('officer reception: worklist, Tiếp nhận, Từ chối tiếp nhận', () => {
  const clock = testClock(MONDAY_9AM);
  let p: OfficerPortal;
  let citizen: TestAccount;
  let officer: TestAccount;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    citizen = await p.citizen();
    officer = await p.officer(AGENCY_A.code, 'Trần Thị Bình');
    await p.kiosk('KIOSK-QN-01');
  });
  afterAll(async () => {
    await p.close();
  });

  /** Moves the test clock and opens fresh sessions (an idle session lasts 30 minutes). */
  const at = async (when: Date) => {
    clock.set(when);
    citizen = await p.renew(citizen);
    officer = await p.renew(officer);
  };

  const worklist = async (token: string, query = '') => {
    const r = await p.request('GET', `/api/v1/officer/worklist${query}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return WorklistSchema.parse(r.body);
  };

  it('lists the agency\'s applications waiting for reception, from kiosks and online, with filters and overdue', async () => {
    await at(MONDAY_9AM);
    const kiosk = await p.kiosk('KIOSK-QN-01');
    const online = await p.newApplication(citizen.token);
    clock.advance(20 * 60_000);
    const fromKiosk = await p.newApplication(kiosk.token, { ...khaiSinhApplication(), kioskId: 'KIOSK-QN-01', channel: 'truc_tiep' });
    const otherProcedure = await p.newApplication(citizen.token, thuongTruApplication(), THUONG_TRU_FILES);
    const otherAgency = await p.newApplication(citizen.token, { ...khaiSinhApplication(), procedureCode: CAM_THANH_KHAI_SINH.code });

    const all = await worklist(officer.token);
    const codes = all.items.map((i) => i.code);
    // Oldest first, both channels, only this agency.
    expect(codes).toEqual([online, fromKiosk, otherProcedure]);
    expect(codes).not.toContain(otherAgency);
    expect(all.items.find((i) => i.code === fromKiosk)?.kioskId).toBe('KIOSK-QN-01');
    expect(all.items.every((i) => i.status.code === 1 && !i.supplemented)).toBe(true);
    expect(all.dueWorkingDays).toBe(1);
    // Due one working day after arrival: Tuesday 09:00 for the Monday 09:00 one.
    expect(all.items[0]?.dueAt).toBe(new Date(MONDAY_9AM.getTime() + 24 * HOUR).toISOString());

    const byProcedure = await worklist(officer.token, `?procedureCode=${encodeURIComponent(THUONG_TRU.code)}`);
    expect(byProcedure.items.map((i) => i.code)).toEqual([otherProcedure]);
    expect((await worklist(officer.token, '?from=2026-03-03')).items).toEqual([]);
    expect((await worklist(officer.token, '?from=2026-03-02&to=2026-03-02')).total).toBe(3);
    expect((await worklist(officer.token, '?overdue=1')).items).toEqual([]);

    // Tuesday 09:10: only the Monday 09:00 one is past its day.
    await at(new Date(MONDAY_9AM.getTime() + 24 * HOUR + 10 * 60_000));
    const overdue = await worklist(officer.token, '?overdue=1');
    expect(overdue.items.map((i) => i.code)).toEqual([online]);
    expect(overdue.items[0]?.overdue).toBe(true);

    const r = await p.request('GET', '/api/v1/officer/worklist?from=2026-3-2', { token: officer.token });
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toContain('Ngày phải có dạng YYYY-MM-DD.');

    // Clear the list for the next tests.
    for (const code of [online, fromKiosk]) {
      expect((await p.request('POST', `/api/v1/officer/applications/${code}/reject`, { token: officer.token, body: { expectedStatus: 1, reason: 'Kiểm thử.' } })).status).toBe(200);
    }
  });

  it('Tiếp nhận counts the appointment from the moment of acceptance and answers what the Mẫu 01 receipt needs', async () => {
    await at(MONDAY_9AM);
    const code = await p.newApplication(citizen.token, thuongTruApplication('truc_tiep'), THUONG_TRU_FILES);
    // Wednesday 09:00: the fee is to be paid at the counter, then the officer receives it.
    await at(new Date(MONDAY_9AM.getTime() + 48 * HOUR));
    expect((await p.request('POST', `/api/v1/officer/applications/${code}/pay-at-counter`, { token: officer.token })).status).toBe(200);
    const r = await p.request('POST', `/api/v1/officer/applications/${code}/accept`, {
      token: officer.token,
      headers: { 'x-kiosk-id': 'KIOSK-QN-01' },
      body: { expectedStatus: 1, note: 'Hồ sơ đầy đủ.' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { application, receipt } = AcceptedSchema.parse(r.body);
    // 7 working days from Wed 04/3 09:00 → Fri 13/3 09:00 (Vietnam time), not from the Monday of submission.
    const expected = new Date('2026-03-13T02:00:00.000Z').toISOString();
    expect(receipt.appointmentAt).toBe(expected);
    expect(application.appointmentAt).toBe(expected);
    expect(receipt.acceptedAt).toBe(new Date(MONDAY_9AM.getTime() + 48 * HOUR).toISOString());
    expect(receipt.receivedBy).toEqual({ accountId: officer.accountId, name: 'Trần Thị Bình' });
    expect(receipt.kioskId).toBe('KIOSK-QN-01');
    expect(receipt.applicant).toEqual({ fullName: 'Lê Thị Hoa', address: 'Phường Nghĩa Lộ, tỉnh Quảng Ngãi', phone: '0987654321', email: null });
    expect(receipt.documents.map((d) => [d.componentId, d.files])).toEqual([
      ['to-khai', 1],
      ['giay-to-cho-o', 1],
    ]);
    expect(receipt.fees).toMatchObject({ total: 20000, status: 'thu_tai_quay' });
    expect(application.status.code).toBe(2);
    expect(application.timeline.at(-1)).toMatchObject({ from: { code: 1 }, to: { code: 2 }, actorRole: 'officer', actorName: 'Trần Thị Bình', note: 'Hồ sơ đầy đủ.' });

    // The audit row names the kiosk too.
    const row = await p.context.db
      .selectFrom('application_status_history')
      .innerJoin('applications', 'applications.id', 'application_status_history.application_id')
      .select(['application_status_history.kiosk_id', 'application_status_history.actor_account_id'])
      .where('applications.code', '=', code)
      .where('to_status', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kiosk_id: 'KIOSK-QN-01', actor_account_id: officer.accountId });

    // The public lookup shows the move, without names or notes.
    const pub = ApplicationPublicViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`)).body);
    expect(pub.progress.map((s) => s.status.code)).toEqual([1, 2]);
    expect(JSON.stringify(pub)).not.toContain('Trần Thị Bình');
    expect(JSON.stringify(pub)).not.toContain('Lê Thị Hoa');
    expect(JSON.stringify(pub)).not.toContain('Hồ sơ đầy đủ');
  });

  it('refuses an unknown kiosk id in X-Kiosk-Id rather than writing it into the audit', async () => {
    const code = await p.newApplication(citizen.token);
    const r = await p.request('POST', `/api/v1/officer/applications/${code}/accept`, {
      token: officer.token,
      headers: { 'x-kiosk-id': 'KIOSK-GIA-MAO' },
      body: { expectedStatus: 1 },
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('UNKNOWN_KIOSK');
    expect(r.body.error?.message).toBe('Mã kiosk trong tiêu đề X-Kiosk-Id không phải một kiosk đã đăng ký với Cổng dịch vụ công.');
  });

  it('Từ chối tiếp nhận records the reason and answers the slip; a decided application is no longer waiting', async () => {
    const code = await p.newApplication(citizen.token);
    const r = await p.request('POST', `/api/v1/officer/applications/${code}/reject`, {
      token: officer.token,
      body: { expectedStatus: 1, reason: 'Thủ tục không thuộc thẩm quyền giải quyết của UBND xã.' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { application, slip } = RejectedSchema.parse(r.body);
    expect(application.status.code).toBe(3);
    expect(slip).toMatchObject({ code, reason: 'Thủ tục không thuộc thẩm quyền giải quyết của UBND xã.', rejectedBy: { accountId: officer.accountId, name: 'Trần Thị Bình' }, applicantName: 'Nguyễn Văn An' });
    expect(application.timeline.at(-1)).toMatchObject({ to: { code: 3 }, note: 'Thủ tục không thuộc thẩm quyền giải quyết của UBND xã.', actorName: 'Trần Thị Bình' });
    expect((await worklist(officer.token)).items.map((i) => i.code)).not.toContain(code);

    const empty = await p.request('POST', `/api/v1/officer/applications/${code}/reject`, { token: officer.token, body: { expectedStatus: 3, reason: '  ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toContain('Vui lòng nhập lý do từ chối tiếp nhận.');
  });

  it('moves an accepted application 2 → 4 → 9, each step audited; a step from the wrong status is 409', async () => {
    const code = await p.newApplication(citizen.token);
    const step = (path: string, expectedStatus: number) =>
      p.request('POST', `/api/v1/officer/applications/${code}/${path}`, { token: officer.token, body: { expectedStatus } });
    expect((await step('accept', 1)).status).toBe(200);
    const early = await step('finish-processing', 2);
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('ILLEGAL_TRANSITION');
    expect((await step('start-processing', 2)).status).toBe(200);
    const done = await step('finish-processing', 4);
    expect(done.status).toBe(200);
    const view = ApplicationFullViewSchema.parse(done.body);
    expect(view.timeline.map((t) => [t.from?.code ?? null, t.to.code, t.actorRole])).toEqual([
      [null, 1, 'citizen'],
      [1, 2, 'officer'],
      [2, 4, 'officer'],
      [4, 9, 'officer'],
    ]);
  });
});
