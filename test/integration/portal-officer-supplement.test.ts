import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFullViewSchema, ApplicationPublicViewSchema } from '../../src-shared/portal-applications-api.js';
import { AcceptedSchema, SupplementReceivedSchema, SupplementRequestedSchema, SupplementRequestViewSchema, WorklistSchema } from '../../src-shared/portal-officer-api.js';
import { testClock } from '../support/portal.js';
import { AGENCY_A, JPEG, PDF, khaiSinhApplication, type FilePart, type TestAccount } from './portal-applications.fixture.js';
import { sendSupplement, startOfficerPortal, supplementForm, type OfficerPortal } from './portal-officer-fixture.js';

const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');
const NEW_TO_KHAI: FilePart = { part: 'doc:to-khai', bytes: Buffer.concat([PDF, Buffer.from('% ban ky lai\n')]), name: 'tờ khai có chữ ký.pdf', type: 'application/pdf' };
const NEW_CHUNG_SINH: FilePart = { part: 'doc:giay-chung-sinh', bytes: Buffer.concat([JPEG, Buffer.from([1, 2, 3])]), name: 'chung-sinh.jpg', type: 'image/jpeg' };

describe('Yêu cầu bổ sung and Bổ sung hồ sơ', () => {
  const clock = testClock(MONDAY_9AM);
  let p: OfficerPortal;
  let owner: TestAccount;
  let stranger: TestAccount;
  let officer: TestAccount;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    owner = await p.citizen({ fullName: 'Nguyễn Văn An' });
    stranger = await p.citizen({ fullName: 'Người Lạ' });
    officer = await p.officer(AGENCY_A.code, 'Trần Thị Bình');
  });
  afterAll(async () => {
    await p.close();
  });

  const askFor = (code: string, components: { componentId: string; reason?: string }[], note = 'Tờ khai chưa có chữ ký của người đi khai sinh.') =>
    p.request('POST', `/api/v1/officer/applications/${code}/request-supplement`, {
      token: officer.token,
      body: { expectedStatus: 1, components, note },
    });

  it('round trip: the officer asks, the citizen gets an SMS and sees exactly what was asked, sends it once, the officer accepts; timeline 1 → 5 → 2', async () => {
    const code = await p.newApplication(owner.token);
    const asked = await askFor(code, [{ componentId: 'to-khai', reason: 'Thiếu chữ ký.' }]);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const { application, request } = SupplementRequestedSchema.parse(asked.body);
    expect(application.status.code).toBe(5);
    expect(request).toMatchObject({
      code,
      stage: 'reception',
      state: 'open',
      components: [{ componentId: 'to-khai', name: 'Tờ khai đăng ký khai sinh', reason: 'Thiếu chữ ký.' }],
      note: 'Tờ khai chưa có chữ ký của người đi khai sinh.',
      requestedBy: { accountId: officer.accountId, name: 'Trần Thị Bình' },
      applicantName: 'Nguyễn Văn An',
    });

    const sms = await p.request('GET', '/api/v1/dev/sms?to=0912345678');
    const messages = sms.body.messages as { body: string }[];
    expect(messages[0]?.body).toBe(
      `Cổng DVC Quảng Ngãi: hồ sơ ${code} cần bổ sung 1 thành phần. Vui lòng xem Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ và gửi bổ sung tại kiosk một cửa hoặc Cổng dịch vụ công.`,
    );

    // The owner sees the request; another citizen does not.
    const seen = await p.request('GET', `/api/v1/applications/${code}/supplement-request`, { token: owner.token });
    expect(SupplementRequestViewSchema.parse(seen.body).components.map((c) => c.componentId)).toEqual(['to-khai']);
    expect((await p.request('GET', `/api/v1/applications/${code}/supplement-request`, { token: stranger.token })).status).toBe(403);

    // Waiting for the citizen: not in the worklist, and accepting is refused.
    const waiting = WorklistSchema.parse((await p.request('GET', '/api/v1/officer/worklist', { token: officer.token })).body);
    expect(waiting.items.map((i) => i.code)).not.toContain(code);
    const tooEarly = await p.request('POST', `/api/v1/officer/applications/${code}/accept`, { token: officer.token, body: { expectedStatus: 5 } });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error?.code).toBe('SUPPLEMENT_PENDING');

    const key = crypto.randomUUID();
    const first = await sendSupplement(p.url, code, owner.token, supplementForm({ note: 'Đã ký bổ sung.' }, [NEW_TO_KHAI]), key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const received = SupplementReceivedSchema.parse(first.body);
    expect(received).toMatchObject({ code, requestId: request.id, status: { code: 5 }, documents: [{ componentId: 'to-khai', files: 1 }] });

    // The same key again (a retried send): the original answer, nothing stored twice.
    const again = await sendSupplement(p.url, code, owner.token, supplementForm({ note: 'Đã ký bổ sung.' }, [NEW_TO_KHAI]), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const [twice, otherBody] = await Promise.all([
      sendSupplement(p.url, code, owner.token, supplementForm({ note: 'Đã ký bổ sung.' }, [NEW_TO_KHAI]), key),
      sendSupplement(p.url, code, owner.token, supplementForm({ note: 'Khác.' }, [NEW_TO_KHAI]), key),
    ]);
    expect(twice.body).toEqual(first.body);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A second supplement under a new key is refused while the officer has not decided.
    const second = await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI]));
    expect(second.status).toBe(409);
    expect(second.body.error?.code).toBe('ALREADY_SUPPLEMENTED');

    const full = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`, { token: officer.token })).body);
    expect(full.attachments.filter((a) => a.originalName === 'tờ khai có chữ ký.pdf')).toHaveLength(1);
    expect(full.attachments).toHaveLength(3);
    expect(full.timeline.at(-1)).toMatchObject({ from: { code: 5 }, to: { code: 5 }, actorRole: 'citizen', note: 'Người nộp đã gửi bổ sung hồ sơ: Đã ký bổ sung.' });

    // Back in the officer's worklist, marked supplemented.
    clock.advance(60_000);
    const back = WorklistSchema.parse((await p.request('GET', '/api/v1/officer/worklist', { token: officer.token })).body);
    const item = back.items.find((i) => i.code === code);
    expect(item).toMatchObject({ supplemented: true, status: { code: 5 }, waitingSince: received.supplementedAt });

    // The officer previews the new file inline.
    const sha = full.attachments.find((a) => a.originalName === 'tờ khai có chữ ký.pdf')?.sha256 ?? '';
    const file = await fetch(`${p.url}/api/v1/officer/applications/${code}/attachments/${sha}`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('tờ khai có chữ ký.pdf')}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(NEW_TO_KHAI.bytes)).toBe(true);
    const img = full.attachments.find((a) => a.mime === 'image/jpeg')?.sha256 ?? '';
    const image = await fetch(`${p.url}/api/v1/officer/applications/${code}/attachments/${img}`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const asOwner = await fetch(`${p.url}/api/v1/officer/applications/${code}/attachments/${sha}`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(asOwner.status).toBe(403);

    const accepted = await p.request('POST', `/api/v1/officer/applications/${code}/accept`, { token: officer.token, body: { expectedStatus: 5 } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(AcceptedSchema.parse(accepted.body).application.status.code).toBe(2);
    const closed = SupplementRequestViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}/supplement-request`, { token: owner.token })).body);
    expect(closed.state).toBe('closed');

    const pub = ApplicationPublicViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`)).body);
    expect(pub.progress.map((s) => s.status.code)).toEqual([1, 5, 2]);
    expect(JSON.stringify(pub)).not.toContain('Trần Thị Bình');
    expect(JSON.stringify(pub)).not.toContain('chữ ký');
  });

  it('accepts only what was asked, all of it, and only while waiting for it', async () => {
    const code = await p.newApplication(owner.token);
    const notYet = await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI]));
    expect(notYet.status).toBe(409);
    expect(notYet.body.error).toMatchObject({ code: 'NOT_AWAITING_SUPPLEMENT', message: `Hồ sơ ${code} không ở trạng thái chờ bổ sung giấy tờ.` });

    expect((await askFor(code, [{ componentId: 'to-khai' }, { componentId: 'giay-chung-sinh' }])).status).toBe(200);
    const extra = await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI, NEW_CHUNG_SINH, { ...NEW_TO_KHAI, part: 'doc:giay-uy-quyen' }]));
    expect(extra.status).toBe(400);
    expect(extra.body.error?.code).toBe('COMPONENT_NOT_REQUESTED');
    expect(extra.body.error?.message).toBe('Chỉ gửi bổ sung các thành phần hồ sơ cán bộ đã yêu cầu; không yêu cầu: giay-uy-quyen.');
    const partial = await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI]));
    expect(partial.status).toBe(400);
    expect(partial.body.error?.message).toBe('Còn thiếu thành phần hồ sơ được yêu cầu bổ sung: Giấy chứng sinh.');
    const notPdf = await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI, { ...NEW_CHUNG_SINH, bytes: Buffer.from('xin chào'), name: 'a.txt' }]));
    expect(notPdf.status).toBe(415);
    expect(notPdf.body.error?.code).toBe('UNSUPPORTED_FILE_TYPE');
    const byStranger = await sendSupplement(p.url, code, stranger.token, supplementForm({}, [NEW_TO_KHAI, NEW_CHUNG_SINH]));
    expect(byStranger.status).toBe(403);
    const noKey = await fetch(`${p.url}/api/v1/applications/${code}/supplements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}` },
      body: supplementForm({}, [NEW_TO_KHAI, NEW_CHUNG_SINH]),
    });
    expect(noKey.status).toBe(400);
    // Nothing of the refused sends was stored; the right one goes through.
    const view = ApplicationFullViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`, { token: owner.token })).body);
    expect(view.attachments).toHaveLength(2);
    const ok = await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI, NEW_CHUNG_SINH]));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a kiosk sends the supplement for the citizen (its outbox), and the officer may still refuse after it', async () => {
    const kiosk = await p.kiosk('KIOSK-BS-01');
    const code = await p.newApplication(owner.token);
    expect((await askFor(code, [{ componentId: 'giay-chung-sinh' }])).status).toBe(200);
    const sent = await sendSupplement(p.url, code, kiosk.token, supplementForm({}, [NEW_CHUNG_SINH]));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const row = await p.context.db
      .selectFrom('application_status_history')
      .select(['actor_role', 'kiosk_id'])
      .where('note', '=', 'Người nộp đã gửi bổ sung hồ sơ.')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_role: 'kiosk', kiosk_id: 'KIOSK-BS-01' });
    const refused = await p.request('POST', `/api/v1/officer/applications/${code}/reject`, {
      token: officer.token,
      body: { expectedStatus: 5, reason: 'Giấy chứng sinh bổ sung không hợp lệ.' },
    });
    expect(refused.status).toBe(200);
    const pub = ApplicationPublicViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`)).body);
    expect(pub.progress.map((s) => s.status.code)).toEqual([1, 5, 3]);
  });

  it('a supplement asked during processing returns the file to processing (2 → 5 → 4)', async () => {
    const code = await p.newApplication(owner.token);
    expect((await p.request('POST', `/api/v1/officer/applications/${code}/accept`, { token: officer.token, body: { expectedStatus: 1 } })).status).toBe(200);
    const asked = await p.request('POST', `/api/v1/officer/applications/${code}/request-supplement`, {
      token: officer.token,
      body: { expectedStatus: 2, components: [{ componentId: 'to-khai' }], note: 'Cần bản có công chứng.' },
    });
    expect(SupplementRequestedSchema.parse(asked.body).request.stage).toBe('processing');
    expect((await sendSupplement(p.url, code, owner.token, supplementForm({}, [NEW_TO_KHAI]))).status).toBe(201);
    // Not a reception matter: not in the worklist, cannot be "accepted" again.
    const list = WorklistSchema.parse((await p.request('GET', '/api/v1/officer/worklist', { token: officer.token })).body);
    expect(list.items.map((i) => i.code)).not.toContain(code);
    expect((await p.request('POST', `/api/v1/officer/applications/${code}/accept`, { token: officer.token, body: { expectedStatus: 5 } })).status).toBe(409);
    const resumed = await p.request('POST', `/api/v1/officer/applications/${code}/start-processing`, { token: officer.token, body: { expectedStatus: 5 } });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    const pub = ApplicationPublicViewSchema.parse((await p.request('GET', `/api/v1/applications/${code}`)).body);
    expect(pub.progress.map((s) => s.status.code)).toEqual([1, 2, 5, 4]);
  });

  it('refuses a request naming a component the procedure does not have, or none', async () => {
    const code = await p.newApplication(owner.token, khaiSinhApplication());
    const unknown = await askFor(code, [{ componentId: 'so-ho-khau' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('UNKNOWN_DOCUMENT_COMPONENT');
    const none = await askFor(code, []);
    expect(none.status).toBe(400);
    expect(none.body.error?.message).toContain('Vui lòng chọn ít nhất một thành phần hồ sơ cần bổ sung.');
  });
});
