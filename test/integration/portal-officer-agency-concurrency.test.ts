import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFullViewSchema, ApplicationPublicViewSchema } from '../../src-shared/portal-applications-api.js';
import { testClock } from '../support/portal.js';
import { khaiSinhApplication, type TestAccount } from './portal-applications.fixture.js';
import { CAM_THANH_KHAI_SINH, startOfficerPortal, type OfficerPortal } from './portal-officer-fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');
const WRONG_AGENCY = (code: string) => `Hồ sơ ${code} thuộc cơ quan khác; tài khoản cán bộ này không xử lý được hồ sơ này.`;

describe('officer actions: own agency only, safe against two officers at once', () => {
  const clock = testClock(MONDAY_9AM);
  let p: OfficerPortal;
  let citizen: TestAccount;
  let camThanh: TestAccount;
  let tuPhap: TestAccount;
  let colleague: TestAccount;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    citizen = await p.citizen({ fullName: 'Nguyễn Văn An' });
    camThanh = await p.demo('canbo.camthanh');
    tuPhap = await p.demo('canbo.tuphap');
    colleague = await p.officer(CAM_THANH_KHAI_SINH.agency.code, 'Lê Văn Cường');
  });
  afterAll(async () => {
    await p.close();
  });

  const newCamThanhApplication = () => p.newApplication(citizen.token, { ...khaiSinhApplication(), procedureCode: CAM_THANH_KHAI_SINH.code });
  const act = (token: string, code: string, path: string, body: unknown) => p.request('POST', `/api/v1/officer/applications/${code}/${path}`, { token, body });

  it('every action on another agency\'s application is 403 WRONG_AGENCY in Vietnamese, and changes nothing', async () => {
    const code = await newCamThanhApplication();
    const attempts: [string, unknown][] = [
      ['accept', { expectedStatus: 1 }],
      ['reject', { expectedStatus: 1, reason: 'Không thuộc thẩm quyền.' }],
      ['request-supplement', { expectedStatus: 1, components: [{ componentId: 'to-khai' }], note: 'Bổ sung tờ khai.' }],
      ['start-processing', { expectedStatus: 2 }],
      ['finish-processing', { expectedStatus: 4 }],
      ['return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: '051090000001' } }],
      ['status', { to: 2 }],
    ];
    for (const [path, body] of attempts) {
      const r = await act(tuPhap.token, code, path, body);
      expect(r.status, path).toBe(403);
      expect(r.body.error, path).toEqual({ code: 'WRONG_AGENCY', message: WRONG_AGENCY(code) });
    }
    const file = await p.request('GET', `/api/v1/officer/applications/${code}/attachments/${'0'.repeat(64)}`, { token: tuPhap.token });
    expect(file.status).toBe(403);
    expect(file.body.error?.code).toBe('WRONG_AGENCY');
    // Sở Tư pháp's worklist does not show it; Cẩm Thành's does.
    const theirs = await p.request('GET', '/api/v1/officer/worklist', { token: tuPhap.token });
    expect((theirs.body.items as { code: string }[]).map((i) => i.code)).not.toContain(code);
    const ours = await p.request('GET', '/api/v1/officer/worklist', { token: camThanh.token });
    expect((ours.body.items as { code: string }[]).map((i) => i.code)).toContain(code);

    const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`, { token: camThanh.token })).body);
    expect(view.status.code).toBe(1);
    expect(view.timeline).toHaveLength(1);
  });

  it('two officers accepting at once: one succeeds, the other gets 409 STATUS_CHANGED with a clear message; one audit row', async () => {
    const code = await newCamThanhApplication();
    const [a, b] = await Promise.all([
      act(camThanh.token, code, 'accept', { expectedStatus: 1 }),
      act(colleague.token, code, 'accept', { expectedStatus: 1 }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error?.code).toBe('STATUS_CHANGED');
    expect(loser.body.error?.message).toBe(
      `Hồ sơ ${code} vừa được cập nhật (trạng thái hiện tại: "Được tiếp nhận"), có thể bởi một cán bộ khác. Vui lòng tải lại hồ sơ rồi thao tác lại.`,
    );
    expect(loser.body.error?.details).toEqual({ current: 2, expected: 1 });
    const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`, { token: camThanh.token })).body);
    expect(view.timeline.filter((t) => t.to.code === 2)).toHaveLength(1);
  });

  it('accept, reject and ask for a supplement all at once on one application: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const code = await newCamThanhApplication();
      const replies = await Promise.all([
        act(camThanh.token, code, 'accept', { expectedStatus: 1 }),
        act(colleague.token, code, 'reject', { expectedStatus: 1, reason: 'Hồ sơ không hợp lệ.' }),
        act(colleague.token, code, 'request-supplement', { expectedStatus: 1, components: [{ componentId: 'to-khai' }], note: 'Thiếu chữ ký.' }),
        act(camThanh.token, code, 'accept', { expectedStatus: 1 }),
      ]);
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
      expect(replies.filter((r) => r.status === 409).every((r) => r.body.error?.code === 'STATUS_CHANGED')).toBe(true);
      expect(replies.filter((r) => r.status === 409)).toHaveLength(3);
      const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`, { token: camThanh.token })).body);
      expect(view.timeline).toHaveLength(2);
    }
  });

  it('a stale expected status is refused even without a race', async () => {
    const code = await newCamThanhApplication();
    expect((await act(camThanh.token, code, 'accept', { expectedStatus: 1 })).status).toBe(200);
    const r = await act(colleague.token, code, 'start-processing', { expectedStatus: 1 });
    expect(r.status).toBe(409);
    expect(r.body.error?.code).toBe('STATUS_CHANGED');
  });

  it('the generic status move takes an expected status too, and leaves reception, supplements and the return to their own actions', async () => {
    const code = await newCamThanhApplication();
    const [a, b] = await Promise.all([
      act(camThanh.token, code, 'status', { to: 7, expectedStatus: 1, note: 'Người nộp rút hồ sơ.' }),
      act(colleague.token, code, 'status', { to: 7, expectedStatus: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error?.code).toBe('STATUS_CHANGED');

    const other = await newCamThanhApplication();
    const r = await act(camThanh.token, other, 'status', { to: 5 });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({ code: 'USE_DEDICATED_ACTION', message: `Vui lòng dùng chức năng "Yêu cầu bổ sung" để yêu cầu bổ sung hồ sơ ${other}.` });
    for (const to of [2, 3]) {
      const moved = await act(camThanh.token, other, 'status', { to });
      expect(moved.status).toBe(409);
      expect(moved.body.error?.code).toBe('USE_DEDICATED_ACTION');
    }
  });

  it('audits every status change with who and when, and the public lookup shows each one without names', async () => {
    const code = await newCamThanhApplication();
    clock.advance(60_000);
    expect((await act(camThanh.token, code, 'accept', { expectedStatus: 1 })).status).toBe(200);
    clock.advance(60_000);
    expect((await act(colleague.token, code, 'start-processing', { expectedStatus: 2 })).status).toBe(200);
    clock.advance(60_000);
    expect((await act(colleague.token, code, 'finish-processing', { expectedStatus: 4 })).status).toBe(200);
    clock.advance(60_000);
    const returned = await act(camThanh.token, code, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: khaiSinhApplication().applicant.citizenId } });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);

    const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`, { token: camThanh.token })).body);
    const minute = (m: number) => new Date(MONDAY_9AM.getTime() + m * 60_000).toISOString();
    const base = new Date(view.timeline[0]?.at ?? '').getTime() - MONDAY_9AM.getTime();
    const m0 = base / 60_000;
    expect(view.timeline.map((t) => [t.from?.code ?? null, t.to.code, t.actorRole, t.actorName, t.at])).toEqual([
      [null, 1, 'citizen', 'Nguyễn Văn An', minute(m0)],
      [1, 2, 'officer', 'Võ Văn Tùng', minute(m0 + 1)],
      [2, 4, 'officer', 'Lê Văn Cường', minute(m0 + 2)],
      [4, 9, 'officer', 'Lê Văn Cường', minute(m0 + 3)],
      [9, 10, 'officer', 'Võ Văn Tùng', minute(m0 + 4)],
    ]);

    const pub = await p.request('GET', `/api/v1/applications/${code}`);
    const publicView = ApplicationPublicViewSchema.parse(pub.body);
    expect(publicView.progress.map((s) => [s.status.code, s.at])).toEqual([1, 2, 4, 9, 10].map((c, i) => [c, minute(m0 + i)]));
    const text = JSON.stringify(pub.body);
    for (const name of ['Nguyễn Văn An', 'Võ Văn Tùng', 'Lê Văn Cường', khaiSinhApplication().applicant.citizenId]) expect(text).not.toContain(name);
    expect(publicView.applicantName).toBe('Nguyễn V*** A');
  });
});
