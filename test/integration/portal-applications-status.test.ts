import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidCrc, parseVietQr } from '../../src-shared/domain/vietqr.js';
import { ApplicationFullViewSchema, ApplicationListSchema, PaymentQuoteSchema } from '../../src-shared/portal-applications-api.js';
import { testClock } from '../support/portal.js';
import {
  AGENCY_B,
  KHAI_SINH_FILES,
  THUONG_TRU_FILES,
  applicationForm,
  call,
  khaiSinhApplication,
  startApplicationsPortal,
  submit,
  thuongTruApplication,
  type ApplicationsPortal,
  type TestAccount,
} from './portal-applications.fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');

describe('statuses, payments and the officer API', () => {
  let p: ApplicationsPortal;
  let citizen: TestAccount;
  let officer: TestAccount;
  const clock = testClock(MONDAY_9AM);

  beforeAll(async () => {
    p = await startApplicationsPortal({ now: clock.now });
    citizen = await p.citizen();
    officer = await p.officer();
  });
  afterAll(async () => {
    await p.close();
  });

  async function newApplication(application: unknown, files: typeof KHAI_SINH_FILES, token = citizen.token): Promise<string> {
    const r = await submit(p.url, token, applicationForm(application, files));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return String(r.body.code);
  }

  const move = (code: string, to: number, token = officer.token, note?: string) =>
    call(p.url, 'POST', `/api/v1/officer/applications/${code}/status`, token, note === undefined ? { to } : { to, note });
  // Reception and the return have their own actions (the generic move refuses them).
  const accept = (code: string, note?: string) =>
    call(p.url, 'POST', `/api/v1/officer/applications/${code}/accept`, officer.token, note === undefined ? { expectedStatus: 1 } : { expectedStatus: 1, note });
  const handBack = (code: string, citizenId: string, note: string) =>
    call(p.url, 'POST', `/api/v1/officer/applications/${code}/return`, officer.token, { expectedStatus: 9, recipient: { kind: 'applicant', citizenId }, note });

  it('walks a free application through the legal statuses and keeps an audit trail', async () => {
    const code = await newApplication(khaiSinhApplication(), KHAI_SINH_FILES);
    expect((await accept(code, 'Hồ sơ đầy đủ.')).status).toBe(200);
    clock.advance(60_000);
    expect((await move(code, 4)).status).toBe(200);
    clock.advance(60_000);
    expect((await move(code, 9)).status).toBe(200);
    clock.advance(60_000);
    // The generic move cannot hand the result back: the return checks the person.
    const generic = await move(code, 10, officer.token, 'Đã trả Giấy khai sinh.');
    expect(generic.status).toBe(409);
    expect(generic.body.error?.code).toBe('USE_DEDICATED_ACTION');
    expect((await handBack(code, khaiSinhApplication().applicant.citizenId, 'Đã trả Giấy khai sinh.')).status).toBe(200);
    const view = ApplicationFullViewSchema.parse((await call(p.url, 'GET', `/api/v1/applications/${code}`, officer.token)).body);
    expect(view.status).toEqual({ code: 10, key: 'da_tra_ket_qua', name: 'Đã trả kết quả' });
    expect(view.timeline.map((t) => [t.from?.code ?? null, t.to.code, t.actorRole, t.actorName, t.note])).toEqual([
      [null, 1, 'citizen', 'Nguyễn Văn An', null],
      [1, 2, 'officer', 'Trần Thị Bình', 'Hồ sơ đầy đủ.'],
      [2, 4, 'officer', 'Trần Thị Bình', null],
      [4, 9, 'officer', 'Trần Thị Bình', null],
      [9, 10, 'officer', 'Trần Thị Bình', 'Đã trả kết quả cho người nộp hồ sơ. Đã trả Giấy khai sinh.'],
    ]);
    expect(view.timeline.map((t) => t.at)).toEqual([0, 0, 1, 2, 3].map((m) => new Date(MONDAY_9AM.getTime() + m * 60_000).toISOString()));

    // 10 is final.
    const again = await move(code, 4);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses an illegal move with 409, naming both statuses, and records nothing', async () => {
    const code = await newApplication(khaiSinhApplication(), KHAI_SINH_FILES);
    const r = await move(code, 9);
    expect(r.status).toBe(409);
    expect(r.body.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(r.body.error?.message).toBe(`Không thể chuyển hồ sơ ${code} từ trạng thái "Mới đăng ký" sang "Đã xử lý xong".`);
    const view = ApplicationFullViewSchema.parse((await call(p.url, 'GET', `/api/v1/applications/${code}`, officer.token)).body);
    expect(view.status.code).toBe(1);
    expect(view.timeline).toHaveLength(1);
    expect((await move(code, 11)).status).toBe(400);
  });

  it('only officers of the receiving agency move statuses', async () => {
    const code = await newApplication(khaiSinhApplication(), KHAI_SINH_FILES);
    const stranger = await p.officer(AGENCY_B.code);
    const wrong = await move(code, 2, stranger.token);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.code).toBe('WRONG_AGENCY');
    expect((await move(code, 2, citizen.token)).status).toBe(403);
    expect((await call(p.url, 'POST', `/api/v1/officer/applications/${code}/status`, null, { to: 2 })).status).toBe(401);
  });

  it('an application that owes fees is received only once paid: quote, VietQR, sandbox confirmation', async () => {
    const code = await newApplication(thuongTruApplication('truc_tuyen'), THUONG_TRU_FILES);
    const refused = await accept(code);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('FEES_UNPAID');

    const quote = PaymentQuoteSchema.parse((await call(p.url, 'POST', `/api/v1/applications/${code}/payment`, citizen.token)).body);
    expect(quote.items).toEqual([{ kind: 'le_phi', name: 'Lệ phí đăng ký cư trú (trực tuyến)', amount: 10000, channel: 'truc_tuyen' }]);
    expect(quote.total).toBe(10000);
    expect(quote.status).toBe('chua_thanh_toan');
    expect(quote.vietQr).not.toBeNull();
    const qr = quote.vietQr ?? '';
    expect(hasValidCrc(qr)).toBe(true);
    expect(parseVietQr(qr)).toEqual({
      dynamic: true,
      bankBin: '970415',
      account: '113000999999',
      service: 'QRIBFTTA',
      amount: 10000,
      purpose: code,
      billNumber: code,
    });
    expect(qr.startsWith('000201010212')).toBe(true);
    expect(qr).toContain('5303704');

    // Strangers get no fee data.
    const stranger = await p.citizen({ fullName: 'Võ Thị Lan' });
    expect((await call(p.url, 'POST', `/api/v1/applications/${code}/payment`, stranger.token)).status).toBe(403);

    const paid = await call(p.url, 'POST', `/api/v1/dev/payments/${code}/confirm`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'da_thanh_toan', vietQr: null, paidAt: clock.now().toISOString() });
    // A second callback from the bank changes nothing.
    expect((await call(p.url, 'POST', `/api/v1/dev/payments/${code}/confirm`)).body.status).toBe('da_thanh_toan');

    const received = await accept(code);
    expect(received.status).toBe(200);
    const view = ApplicationFullViewSchema.parse(received.body.application);
    expect(view.fees.status).toBe('da_thanh_toan');
    expect(view.timeline.map((t) => [t.to.code, t.actorRole, t.note])).toEqual([
      [1, 'citizen', null],
      [1, 'system', 'Đã nhận chuyển khoản phí, lệ phí 10.000 đồng.'],
      [2, 'officer', null],
    ]);
  });

  it('in person and by post the in-person fee applies; "pay at counter" lets the officer receive it', async () => {
    const code = await newApplication(thuongTruApplication('truc_tiep'), THUONG_TRU_FILES);
    const postal = await submit(p.url, citizen.token, applicationForm(thuongTruApplication('buu_chinh'), THUONG_TRU_FILES));
    expect((postal.body.fees as { total: number }).total).toBe(20000);

    const counter = await call(p.url, 'POST', `/api/v1/officer/applications/${code}/pay-at-counter`, officer.token);
    expect(counter.status).toBe(200);
    expect(counter.body).toMatchObject({ total: 20000, status: 'thu_tai_quay', vietQr: null, paidAt: null });
    expect((await call(p.url, 'POST', `/api/v1/officer/applications/${code}/pay-at-counter`, citizen.token)).status).toBe(403);
    const elsewhere = await p.officer(AGENCY_B.code);
    expect((await call(p.url, 'POST', `/api/v1/officer/applications/${code}/pay-at-counter`, elsewhere.token)).status).toBe(403);
    expect((await accept(code)).status).toBe(200);
  });

  it('the applicant may name the fee case; a fee item that does not apply is refused', async () => {
    const exempt = await submit(p.url, citizen.token, applicationForm({ ...thuongTruApplication('truc_tuyen'), feeItems: [] }, THUONG_TRU_FILES));
    expect(exempt.body.fees).toEqual({ items: [], total: 0, status: 'mien' });
    const wrongChannel = await submit(
      p.url,
      citizen.token,
      applicationForm({ ...thuongTruApplication('truc_tuyen'), feeItems: ['Lệ phí đăng ký cư trú (trực tiếp)'] }, THUONG_TRU_FILES),
    );
    expect(wrongChannel.status).toBe(400);
    expect(wrongChannel.body.error?.details).toEqual([
      { path: 'feeItems', message: 'Khoản phí, lệ phí "Lệ phí đăng ký cư trú (trực tiếp)" không áp dụng cho thủ tục này theo kênh nộp đã chọn.' },
    ]);
  });

  it('a free application has nothing to pay', async () => {
    const code = await newApplication(khaiSinhApplication(), KHAI_SINH_FILES);
    const quote = await call(p.url, 'POST', `/api/v1/applications/${code}/payment`, citizen.token);
    expect(quote.body).toMatchObject({ items: [], total: 0, status: 'mien', vietQr: null, payee: null });
    const confirm = await call(p.url, 'POST', `/api/v1/dev/payments/${code}/confirm`);
    expect(confirm.status).toBe(409);
    expect(confirm.body.error?.code).toBe('NOTHING_TO_PAY');
  });

  it('an officer submitting at the counter for a walk-in receives it at once when nothing is owed', async () => {
    const free = await submit(p.url, officer.token, applicationForm({ ...khaiSinhApplication(), channel: 'truc_tiep', kioskId: 'KIOSK-BS-01' }, KHAI_SINH_FILES));
    expect(free.status).toBe(201);
    expect(free.body.status).toEqual({ code: 2, key: 'duoc_tiep_nhan', name: 'Được tiếp nhận' });
    const view = ApplicationFullViewSchema.parse((await call(p.url, 'GET', `/api/v1/applications/${String(free.body.code)}`, officer.token)).body);
    expect(view.receivedBy).toEqual({ accountId: officer.accountId, name: 'Trần Thị Bình' });
    expect(view.kioskId).toBe('KIOSK-BS-01');
    expect(view.timeline.map((t) => [t.from?.code ?? null, t.to.code, t.actorRole])).toEqual([
      [null, 1, 'officer'],
      [1, 2, 'officer'],
    ]);

    const owing = await submit(p.url, officer.token, applicationForm(thuongTruApplication('truc_tiep'), THUONG_TRU_FILES));
    expect(owing.body.status).toMatchObject({ code: 1 });
  });

  it('lists the agency\'s applications by status for its officers only', async () => {
    const all = ApplicationListSchema.parse((await call(p.url, 'GET', '/api/v1/officer/applications', officer.token)).body);
    expect(all.total).toBeGreaterThan(5);
    const fresh = ApplicationListSchema.parse((await call(p.url, 'GET', '/api/v1/officer/applications?status=1', officer.token)).body);
    expect(fresh.items.length).toBeGreaterThan(0);
    expect(fresh.items.every((i) => i.status.code === 1)).toBe(true);
    expect(fresh.total).toBeLessThan(all.total);
    const paged = ApplicationListSchema.parse((await call(p.url, 'GET', '/api/v1/officer/applications?page=2&pageSize=2', officer.token)).body);
    expect(paged.items).toHaveLength(2);

    const elsewhere = await p.officer(AGENCY_B.code);
    expect((await call(p.url, 'GET', '/api/v1/officer/applications', elsewhere.token)).body.total).toBe(0);
    expect((await call(p.url, 'GET', '/api/v1/officer/applications', citizen.token)).status).toBe(403);
    expect((await call(p.url, 'GET', '/api/v1/officer/applications?status=12', officer.token)).status).toBe(400);
  });
});

describe('production mode', () => {
  it('has no payment sandbox', async () => {
    const p = await startApplicationsPortal({ mode: 'production', now: testClock(MONDAY_9AM).now });
    try {
      const { token } = await p.citizen();
      const code = String((await submit(p.url, token, applicationForm(thuongTruApplication(), THUONG_TRU_FILES))).body.code);
      const r = await call(p.url, 'POST', `/api/v1/dev/payments/${code}/confirm`);
      expect(r.status).toBe(404);
      expect(r.body.error?.code).toBe('NOT_FOUND');
    } finally {
      await p.close();
    }
  });
});
