import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RatingCriteriaSchema, RatingSummarySchema, ReturnedSchema } from '../../src-shared/portal-officer-api.js';
import { testClock } from '../support/portal.js';
import { AGENCY_A, THUONG_TRU_FILES, cccd, khaiSinhApplication, thuongTruApplication, type TestAccount } from './portal-applications.fixture.js';
import { startOfficerPortal, type OfficerPortal } from './portal-officer-fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');
const APPLICANT_ID = khaiSinhApplication().applicant.citizenId;

describe('Trả kết quả and Đánh giá mức độ hài lòng', () => {
  const clock = testClock(MONDAY_9AM);
  let p: OfficerPortal;
  let owner: TestAccount;
  let stranger: TestAccount;
  let receiver: TestAccount;
  let returner: TestAccount;
  let allTwos: Record<string, number>;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    owner = await p.citizen({ citizenId: APPLICANT_ID, fullName: 'Nguyễn Văn An' });
    stranger = await p.citizen({ fullName: 'Người Lạ' });
    receiver = await p.officer(AGENCY_A.code, 'Trần Thị Bình');
    returner = await p.officer(AGENCY_A.code, 'Phạm Văn Đức');
    const criteria = RatingCriteriaSchema.parse((await p.request('GET', '/api/v1/ratings/criteria')).body);
    allTwos = Object.fromEntries(criteria.criteria.map((c) => [c.id, 2]));
  });
  afterAll(async () => {
    await p.close();
  });

  const act = (token: string, code: string, path: string, body: unknown) => p.request('POST', `/api/v1/officer/applications/${code}/${path}`, { token, body });

  async function processed(application: unknown = khaiSinhApplication(), files?: typeof THUONG_TRU_FILES): Promise<string> {
    const code = await p.newApplication(owner.token, application, files);
    if ((application as { procedureCode: string }).procedureCode !== khaiSinhApplication().procedureCode) {
      expect((await act(receiver.token, code, 'pay-at-counter', undefined)).status).toBe(200);
    }
    for (const [path, expectedStatus] of [['accept', 1], ['start-processing', 2], ['finish-processing', 4]] as const) {
      const r = await act(receiver.token, code, path, { expectedStatus });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    return code;
  }

  it('serves the criteria and the scale as data with their source', async () => {
    const criteria = RatingCriteriaSchema.parse((await p.request('GET', '/api/v1/ratings/criteria')).body);
    expect(criteria.criteria).toHaveLength(9);
    expect(criteria.scale.map((s) => s.score)).toEqual([2, 1, 0]);
    expect(criteria.source.documents.join(' ')).toContain('Quyết định 766/QĐ-TTg ngày 23/6/2022');
    expect(criteria.source.documents.join(' ')).toContain('Nghị định 61/2018/NĐ-CP');
  });

  it('refuses a CCCD that is not the applicant\'s, then returns to the applicant: status 10, slip, audit', async () => {
    const code = await processed();
    const wrong = await act(returner.token, code, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: cccd(999) } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toEqual({
      code: 'CITIZEN_ID_MISMATCH',
      message: 'Số CCCD không khớp với người nộp hồ sơ. Vui lòng kiểm tra lại giấy tờ của người nhận, hoặc ghi nhận người được ủy quyền nhận thay.',
    });
    const still = await p.request('GET', `/api/v1/applications/${code}`, { token: returner.token });
    expect((still.body.status as { code: number }).code).toBe(9);

    clock.advance(60_000);
    const r = await act(returner.token, code, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: ` ${APPLICANT_ID} ` } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const returned = ReturnedSchema.parse(r.body);
    expect(returned.application.status.code).toBe(10);
    expect(returned.slip).toMatchObject({
      code,
      recipient: { kind: 'applicant', fullName: 'Nguyễn Văn An', note: null },
      returnedBy: { accountId: returner.accountId, name: 'Phạm Văn Đức' },
      returnedAt: clock.now().toISOString(),
      feesCollected: 0,
    });
    expect(returned.application.timeline.at(-1)).toMatchObject({ from: { code: 9 }, to: { code: 10 }, actorName: 'Phạm Văn Đức', note: 'Đã trả kết quả cho người nộp hồ sơ.' });
    expect(returned.ratingToken.length).toBeGreaterThanOrEqual(40);

    const twice = await act(returner.token, code, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: APPLICANT_ID } });
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('STATUS_CHANGED');
  });

  it('only in status 9', async () => {
    const code = await p.newApplication(owner.token);
    const r = await act(returner.token, code, 'return', { expectedStatus: 1, recipient: { kind: 'applicant', citizenId: APPLICANT_ID } });
    expect(r.status).toBe(409);
    expect(r.body.error?.code).toBe('RESULT_NOT_READY');
  });

  it('records an authorised person, and collects fees still due first', async () => {
    const code = await processed(thuongTruApplication('truc_tiep'), THUONG_TRU_FILES);
    const recipient = { kind: 'authorised', fullName: 'Lê Văn Tám', citizenId: cccd(77), note: 'Giấy ủy quyền số 12/UQ ngày 01/3/2026.' };
    const unpaid = await act(returner.token, code, 'return', { expectedStatus: 9, recipient });
    expect(unpaid.status).toBe(409);
    expect(unpaid.body.error?.code).toBe('FEES_DUE');
    expect(unpaid.body.error?.message).toBe(`Hồ sơ ${code} còn phí, lệ phí 20.000 đồng chưa thu. Vui lòng thu phí, lệ phí trước khi trả kết quả.`);
    const r = await act(returner.token, code, 'return', { expectedStatus: 9, recipient, collectFees: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const returned = ReturnedSchema.parse(r.body);
    expect(returned.slip).toMatchObject({ recipient: { kind: 'authorised', fullName: 'Lê Văn Tám', note: 'Giấy ủy quyền số 12/UQ ngày 01/3/2026.' }, feesCollected: 20000 });
    expect(returned.application.fees.paidAt).toBe(clock.now().toISOString());
    expect(returned.application.timeline.slice(-2).map((t) => [t.from?.code, t.to.code, t.note])).toEqual([
      [9, 9, 'Đã thu phí, lệ phí 20.000 đồng tại quầy.'],
      [9, 10, 'Đã trả kết quả cho người được ủy quyền nhận thay.'],
    ]);
    const stored = await p.context.db.selectFrom('application_returns').selectAll().where('recipient_name', '=', 'Lê Văn Tám').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ recipient_kind: 'authorised', recipient_citizen_id: cccd(77), fees_collected: 20000, returned_by_account_id: returner.accountId });
  });

  it('rates once with the token from the return, without signing in; a second rating is 409', async () => {
    const code = await processed();
    const returned = ReturnedSchema.parse((await act(returner.token, code, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: APPLICANT_ID } })).body);
    const incomplete = await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: { thai_do_can_bo: 2 }, ratingToken: returned.ratingToken } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error?.message).toContain('Chưa chấm tiêu chí "Tổng thời gian giải quyết thủ tục hành chính so với thời gian quy định".');
    const offScale = await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: { ...allTwos, thai_do_can_bo: 5 }, ratingToken: returned.ratingToken } });
    expect(offScale.status).toBe(400);

    const first = await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: { ...allTwos, thai_do_can_bo: 1 }, comment: 'Cán bộ nhiệt tình.', ratingToken: returned.ratingToken } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ code, ratedAt: clock.now().toISOString() });
    const reused = await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: allTwos, ratingToken: returned.ratingToken } });
    expect(reused.status).toBe(403);
    expect(reused.body.error?.code).toBe('RATING_TOKEN_INVALID');
    const byOwner = await p.request('POST', `/api/v1/applications/${code}/rating`, { token: owner.token, body: { scores: allTwos } });
    expect(byOwner.status).toBe(409);
    expect(byOwner.body.error).toEqual({ code: 'ALREADY_RATED', message: `Hồ sơ ${code} đã được đánh giá mức độ hài lòng. Mỗi hồ sơ chỉ được đánh giá một lần.` });
  });

  it('rates in status 9 by the owner only; not before; a token of another application does not work', async () => {
    const early = await p.newApplication(owner.token);
    const tooEarly = await p.request('POST', `/api/v1/applications/${early}/rating`, { token: owner.token, body: { scores: allTwos } });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error?.code).toBe('RATING_NOT_ALLOWED');

    const code = await processed();
    expect((await p.request('POST', `/api/v1/applications/${code}/rating`, { token: stranger.token, body: { scores: allTwos } })).status).toBe(403);
    expect((await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: allTwos } })).status).toBe(401);
    const other = await processed();
    const otherToken = ReturnedSchema.parse((await act(returner.token, other, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: APPLICANT_ID } })).body).ratingToken;
    expect((await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: allTwos, ratingToken: otherToken } })).status).toBe(403);
    const ok = await p.request('POST', `/api/v1/applications/${code}/rating`, { token: owner.token, body: { scores: { ...allTwos, thai_do_can_bo: 0 } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a rating token expires an hour after the return', async () => {
    const code = await processed();
    const { ratingToken } = ReturnedSchema.parse((await act(returner.token, code, 'return', { expectedStatus: 9, recipient: { kind: 'applicant', citizenId: APPLICANT_ID } })).body);
    clock.advance(61 * 60_000);
    const r = await p.request('POST', `/api/v1/applications/${code}/rating`, { body: { scores: allTwos, ratingToken } });
    expect(r.status).toBe(403);
    owner = await p.renew(owner);
    receiver = await p.renew(receiver);
    returner = await p.renew(returner);
    stranger = await p.renew(stranger);
  });

  it('aggregates per agency and per officer rated (the one who accepted), never saying who rated', async () => {
    const r = await p.request('GET', '/api/v1/officer/ratings/summary', { token: returner.token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const summary = RatingSummarySchema.parse(r.body);
    expect(summary.agency).toMatchObject({ code: AGENCY_A.code, name: AGENCY_A.name, count: 2 });
    // Two ratings: thai_do_can_bo 1 and 0, everything else 2.
    expect(summary.agency.averages.thai_do_can_bo).toBe(0.5);
    expect(summary.agency.averages.tong_thoi_gian).toBe(2);
    expect(summary.agency.overall).toBe(round((2 * 8 * 2 + 1 + 0) / 18));
    expect(summary.officers).toEqual([{ accountId: receiver.accountId, name: 'Trần Thị Bình', ...pick(summary.agency) }]);
    const text = JSON.stringify(r.body);
    for (const who of ['Nguyễn Văn An', APPLICANT_ID, 'Cán bộ nhiệt tình']) expect(text).not.toContain(who);

    const empty = RatingSummarySchema.parse((await p.request('GET', '/api/v1/officer/ratings/summary?from=2026-03-03', { token: returner.token })).body);
    expect(empty.agency.count).toBe(0);
    expect(empty.agency.overall).toBeNull();
    const other = await p.officer('000.00.31.H48');
    const theirs = RatingSummarySchema.parse((await p.request('GET', '/api/v1/officer/ratings/summary', { token: other.token })).body);
    expect(theirs.agency.count).toBe(0);
    expect((await p.request('GET', '/api/v1/officer/ratings/summary', { token: owner.token })).status).toBe(403);
  });
});

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function pick(a: { count: number; averages: Record<string, number | null>; overall: number | null }) {
  return { count: a.count, averages: a.averages, overall: a.overall };
}
