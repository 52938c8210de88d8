import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';
import { ApplicationCreatedSchema, ApplicationFullViewSchema, ApplicationPublicViewSchema } from '../../src-shared/portal-applications-api.js';
import { requestFingerprint, scopedIdempotencyKey } from '../../src-portal/applications/idempotency.js';
import { testClock } from '../support/portal.js';
import {
  AGENCY_A,
  AGENCY_B,
  GIAY_PHEP_XAY_DUNG,
  JPEG,
  GIAY_CHUNG_SINH_FILE,
  KHAI_SINH_FILES,
  PDF,
  TO_KHAI_FILE,
  PNG,
  applicationForm,
  call,
  cccd,
  khaiSinhApplication,
  startApplicationsPortal,
  submit,
  type ApplicationsPortal,
  type TestAccount,
} from './portal-applications.fixture.js';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

// Monday 2 March 2026, 09:00 in Vietnam: the office is open.
const MONDAY_9AM = new Date('2026-03-02T02:00:00.000Z');

async function countApplications(p: ApplicationsPortal): Promise<number> {
  const row = await p.context.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/v1/applications', () => {
  let p: ApplicationsPortal;
  let citizen: TestAccount;

  beforeAll(async () => {
    p = await startApplicationsPortal({ now: testClock(MONDAY_9AM).now });
    citizen = await p.citizen();
  });
  afterAll(async () => {
    await p.close();
  });

  it('creates an application with a well-formed mã hồ sơ, an appointment and content-addressed attachments', async () => {
    const r = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
    expect(r.status).toBe(201);
    const created = ApplicationCreatedSchema.parse(r.body);
    expect(created.code).toBe('000.00.53.H48-260302-0001');
    expect(parseMaHoSo(created.code)).toEqual({ agencyCode: AGENCY_A.code, date: { year: 2026, month: 3, day: 2 }, seq: 1 });
    expect(created.status).toEqual({ code: 1, key: 'moi_dang_ky', name: 'Mới đăng ký' });
    expect(created.receivedAt).toBe(MONDAY_9AM.toISOString());
    // "Trả ngay" (0 working days) during office hours: the result is due at once.
    expect(created.appointmentAt).toBe(MONDAY_9AM.toISOString());
    expect(created.fees).toEqual({ items: [], total: 0, status: 'mien' });
    expect(created.attachments).toBe(2);
    expect(r.headers.get('idempotent-replayed')).toBeNull();

    const full = await call(p.url, 'GET', `/api/v1/applications/${created.code}`, citizen.token);
    const view = ApplicationFullViewSchema.parse(full.body);
    expect(view.fields).toEqual({ childName: 'Nguyễn Thị Bé', childBirthDate: '2026-02-20', childSex: 'nu' });
    expect(view.attachments).toEqual([
      { componentId: 'to-khai', componentName: 'Tờ khai đăng ký khai sinh', originalName: 'to-khai.pdf', mime: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
      {
        componentId: 'giay-chung-sinh',
        componentName: 'Giấy chứng sinh',
        originalName: 'giay-chung-sinh.jpg',
        mime: 'image/jpeg',
        size: JPEG.length,
        sha256: sha256(JPEG),
      },
    ]);
    const stored = path.join(p.dataDir, 'portal', 'attachments', sha256(PDF).slice(0, 2), sha256(PDF));
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
  });

  it('several files for one component, and the JSON part sent as a Blob, are accepted', async () => {
    const form = new FormData();
    form.append('application', new Blob([JSON.stringify(khaiSinhApplication())], { type: 'application/json' }), 'application.json');
    form.append('doc:to-khai', new Blob([PDF]), 'trang-1.pdf');
    form.append('doc:to-khai', new Blob([PNG]), 'trang-2.png');
    form.append('doc:giay-chung-sinh', new Blob([JPEG]), 'gcs.jpg');
    const r = await submit(p.url, citizen.token, form);
    expect(r.status).toBe(201);
    expect(r.body.attachments).toBe(3);
  });

  it('stores the queue ticket of a walk-in received at the counter and shows it to the applicant and the agency\'s officer; none without one', async () => {
    const officer = await p.officer(AGENCY_A.code);
    const withTicket = await submit(p.url, officer.token, applicationForm(khaiSinhApplication({ channel: 'truc_tiep', queueTicket: 'B-015' }), KHAI_SINH_FILES));
    expect(withTicket.status, JSON.stringify(withTicket.body)).toBe(201);
    const code = ApplicationCreatedSchema.parse(withTicket.body).code;
    const row = await p.context.db.selectFrom('applications').select('queue_ticket').where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.queue_ticket).toBe('B-015');
    const seen = ApplicationFullViewSchema.parse((await call(p.url, 'GET', `/api/v1/applications/${code}`, officer.token)).body);
    expect(seen.queueTicket).toBe('B-015');

    const without = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
    const plain = ApplicationFullViewSchema.parse((await call(p.url, 'GET', `/api/v1/applications/${ApplicationCreatedSchema.parse(without.body).code}`, citizen.token)).body);
    expect(plain.queueTicket).toBeNull();
  });

  it('replays the stored answer for the same key and body, creating nothing', async () => {
    const key = crypto.randomUUID();
    const first = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    expect(first.status).toBe(201);
    const before = await countApplications(p);

    // Same content, keys in another order, a new multipart boundary: still the same request.
    const reordered = Object.fromEntries(Object.entries(khaiSinhApplication()).reverse());
    const again = await submit(p.url, citizen.token, applicationForm(reordered, KHAI_SINH_FILES), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countApplications(p)).toBe(before);
  });

  it('refuses the same key with a different body (422), whether the JSON or a file differs', async () => {
    const key = crypto.randomUUID();
    expect((await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key)).status).toBe(201);
    const before = await countApplications(p);

    const otherJson = khaiSinhApplication({ fields: { childName: 'Nguyễn Văn Khác', childBirthDate: '2026-02-20', childSex: 'nam' } });
    const r1 = await submit(p.url, citizen.token, applicationForm(otherJson, KHAI_SINH_FILES), key);
    expect(r1.status).toBe(422);
    expect(r1.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const otherFile = [TO_KHAI_FILE, { part: 'doc:giay-chung-sinh', bytes: PNG, name: 'giay-chung-sinh.jpg' }];
    const r2 = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), otherFile), key);
    expect(r2.status).toBe(422);
    expect(r2.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect(await countApplications(p)).toBe(before);
    // Keys are per account: another account's same key is its own request, not a replay of this one.
    const other = await p.citizen();
    const r3 = await submit(p.url, other.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    expect(r3.status).toBe(201);
    expect(r3.headers.get('idempotent-replayed')).toBeNull();
    expect(await countApplications(p)).toBe(before + 1);
  });

  it('answers 409 while the first request with the key is in flight, and takes over a claim left by a crash', async () => {
    const key = crypto.randomUUID();
    const application = khaiSinhApplication();
    const fingerprint = requestFingerprint(citizen.accountId, application, [
      { part: 'to-khai', sha256: sha256(PDF) },
      { part: 'giay-chung-sinh', sha256: sha256(JPEG) },
    ]);
    const claim = {
      key: scopedIdempotencyKey(citizen.accountId, key),
      fingerprint,
      account_id: citizen.accountId,
      state: 'in_flight' as const,
      started_at: MONDAY_9AM.toISOString(),
      response_status: null,
      response_body: null,
      application_id: null,
    };
    await p.context.db.insertInto('idempotency_keys').values(claim).execute();
    const busy = await submit(p.url, citizen.token, applicationForm(application, KHAI_SINH_FILES), key);
    expect(busy.status).toBe(409);
    expect(busy.body.error?.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(busy.headers.get('retry-after')).toBe('2');

    const byKey = await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, citizen.token);
    expect(byKey.status).toBe(200);
    expect(byKey.body).toEqual({ state: 'in_flight', startedAt: MONDAY_9AM.toISOString() });

    // A claim three minutes old belongs to a request that died: the retry goes through.
    await p.context.db
      .updateTable('idempotency_keys')
      .set({ started_at: new Date(MONDAY_9AM.getTime() - 3 * 60_000).toISOString() })
      .where('key', '=', scopedIdempotencyKey(citizen.accountId, key))
      .execute();
    const retried = await submit(p.url, citizen.token, applicationForm(application, KHAI_SINH_FILES), key);
    expect(retried.status).toBe(201);
  });

  it('requires a session and an Idempotency-Key of 8–100 characters', async () => {
    const form = () => applicationForm(khaiSinhApplication(), KHAI_SINH_FILES);
    const anonymous = await submit(p.url, null, form());
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('UNAUTHENTICATED');
    for (const key of [null, 'ngan', 'x'.repeat(101), 'has a space 123']) {
      const r = await submit(p.url, citizen.token, form(), key);
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    }
  });

  it('refuses a request that is not multipart', async () => {
    const res = await fetch(`${p.url}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${citizen.token}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify(khaiSinhApplication()),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MULTIPART_REQUIRED');
  });

  it('an upload that breaks off leaves no file behind, and the key stays free', async () => {
    const key = crypto.randomUUID();
    const boundary = '----kiosk-test-boundary';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="application"\r\n\r\n${JSON.stringify(khaiSinhApplication())}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="doc:to-khai"; filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const { port } = new URL(p.url);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/api/v1/applications',
        headers: {
          authorization: `Bearer ${citizen.token}`,
          'idempotency-key': key,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + 200_000),
        },
      });
      req.on('error', () => resolve());
      req.write(head);
      req.write(Buffer.concat([PDF, Buffer.alloc(50_000)]), () => setTimeout(() => req.destroy(), 100));
      req.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.readdirSync(path.join(p.dataDir, 'portal', 'attachments-incoming'))).toEqual([]);
    const retry = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    expect(retry.status).toBe(201);
  });

  describe('validation', () => {
    async function expectRefused(form: FormData, status: number, code: string) {
      const key = crypto.randomUUID();
      const r = await submit(p.url, citizen.token, form, key);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error?.code).toBe(code);
      expect(r.body.error?.message).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/);
      // Refused requests leave the key free: it was never bound to an application.
      const row = await p.context.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).executeTakeFirst();
      expect(row).toBeUndefined();
      if (!r.body.error) throw new Error('refusal without an error body');
      return r.body.error;
    }

    it('a malformed queue ticket label, with the expected form in the message; a ticket on an application sent online', async () => {
      const error = await expectRefused(applicationForm(khaiSinhApplication({ queueTicket: 'b-15' }), KHAI_SINH_FILES), 400, 'INVALID_APPLICATION');
      expect(error.message).toContain('Số thứ tự không hợp lệ (ví dụ B-015)');
      const online = await expectRefused(applicationForm(khaiSinhApplication({ queueTicket: 'B-015' }), KHAI_SINH_FILES), 400, 'QUEUE_TICKET_NOT_AT_COUNTER');
      expect(online.message).toContain('tiếp nhận tại quầy');
    });

    it('a missing mandatory document component', async () => {
      const error = await expectRefused(applicationForm(khaiSinhApplication(), [TO_KHAI_FILE]), 400, 'MISSING_DOCUMENTS');
      expect(error.message).toContain('Giấy chứng sinh');
      expect(error.details).toEqual([{ componentId: 'giay-chung-sinh', name: 'Giấy chứng sinh' }]);
    });

    it('a document component the procedure does not have', async () => {
      const files = [...KHAI_SINH_FILES, { part: 'doc:so-ho-khau', bytes: PDF, name: 'shk.pdf' }];
      const error = await expectRefused(applicationForm(khaiSinhApplication(), files), 400, 'UNKNOWN_DOCUMENT_COMPONENT');
      expect(error.details).toEqual([{ componentId: 'so-ho-khau' }]);
    });

    it('bad form fields, each with its own Vietnamese message', async () => {
      const application = {
        procedureCode: GIAY_PHEP_XAY_DUNG.code,
        applicant: { fullName: 'Phạm Văn Cường', citizenId: cccd(3), phone: '0905123456', address: 'Quảng Ngãi' },
        fields: { parcelNumber: '12a', floorArea: 5, floors: 2.5, workType: 'nha_kho', landUseDate: '2026-03-03', unknownField: 'x' },
        channel: 'truc_tuyen',
        declarationAccepted: true,
      };
      const files = [
        { part: 'doc:don-de-nghi', bytes: PDF, name: 'don.pdf' },
        { part: 'doc:ban-ve', bytes: PDF, name: 'ban-ve.pdf' },
      ];
      const error = await expectRefused(applicationForm(application, files), 400, 'INVALID_FIELDS');
      expect(error.details).toEqual(
        expect.arrayContaining([
          { path: 'fields.unknownField', message: 'Trường "unknownField" không có trong tờ khai của thủ tục này.' },
          { path: 'fields.parcelNumber', message: 'Số thửa đất chỉ gồm chữ số.' },
          { path: 'fields.floorArea', message: 'Tổng diện tích sàn (m²): không được nhỏ hơn 10.' },
          { path: 'fields.floors', message: 'Số tầng: phải là số nguyên.' },
          { path: 'fields.landUseDate', message: 'Ngày cấp giấy chứng nhận quyền sử dụng đất: không được sau ngày hôm nay.' },
          { path: 'fields.workType', message: 'Loại công trình: vui lòng chọn một trong các lựa chọn có sẵn.' },
        ]),
      );
      expect(error.details).toHaveLength(6);
    });

    it('a missing required field and an impossible date', async () => {
      const error = await expectRefused(
        applicationForm(khaiSinhApplication({ fields: { childBirthDate: '2026-02-30', childSex: 'nam' } }), KHAI_SINH_FILES),
        400,
        'INVALID_FIELDS',
      );
      expect(error.details).toEqual([
        { path: 'fields.childName', message: 'Họ, chữ đệm, tên người được khai sinh: vui lòng nhập thông tin bắt buộc.' },
        { path: 'fields.childBirthDate', message: 'Ngày sinh: ngày không hợp lệ (cần dạng YYYY-MM-DD, ví dụ 2026-03-02).' },
      ]);
    });

    it('an applicant whose CCCD cannot exist', async () => {
      const applicant = { fullName: 'Nguyễn Văn An', citizenId: '003090123456', phone: '0912345678', address: 'Quảng Ngãi' };
      const error = await expectRefused(applicationForm(khaiSinhApplication({ applicant }), KHAI_SINH_FILES), 400, 'INVALID_FIELDS');
      expect(error.details).toEqual([{ path: 'applicant.citizenId', message: 'Mã tỉnh 003 ở đầu số CCCD không tồn tại.' }]);
    });

    it('a declaration that is not ticked, and a JSON part that is not JSON', async () => {
      const unticked = { ...khaiSinhApplication(), declarationAccepted: false };
      const error = await expectRefused(applicationForm(unticked, KHAI_SINH_FILES), 400, 'INVALID_APPLICATION');
      expect(error.details).toEqual([{ path: 'declarationAccepted', message: 'Vui lòng xác nhận cam đoan thông tin khai báo là đúng sự thật.' }]);

      const form = new FormData();
      form.append('application', '{"procedureCode": ');
      await expectRefused(form, 400, 'INVALID_APPLICATION');
    });

    it('an unknown procedure', async () => {
      await expectRefused(applicationForm(khaiSinhApplication({ procedureCode: '1.999999.000.00.00.H48' }), KHAI_SINH_FILES), 404, 'PROCEDURE_NOT_FOUND');
    });

    it('a file whose name and type say PDF but whose bytes are not', async () => {
      const disguised = Buffer.from('MZ\x90\x00 this is an executable, not a PDF');
      const files = [{ part: 'doc:to-khai', bytes: disguised, name: 'to-khai.pdf', type: 'application/pdf' }, GIAY_CHUNG_SINH_FILE];
      const error = await expectRefused(applicationForm(khaiSinhApplication(), files), 415, 'UNSUPPORTED_FILE_TYPE');
      expect(error.message).toBe('Tệp "to-khai.pdf" không phải PDF, JPEG hoặc PNG. Vui lòng chọn tệp đính kèm đúng định dạng.');
    });

    it('an empty file', async () => {
      const files = [{ part: 'doc:to-khai', bytes: Buffer.alloc(0), name: 'rong.pdf' }, GIAY_CHUNG_SINH_FILE];
      await expectRefused(applicationForm(khaiSinhApplication(), files), 400, 'EMPTY_FILE');
    });

    it('a file over the 10 MB limit, with the limit in the message, and nothing left on disk', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
      const files = [{ part: 'doc:to-khai', bytes: big, name: 'to-khai-scan.pdf' }, GIAY_CHUNG_SINH_FILE];
      const error = await expectRefused(applicationForm(khaiSinhApplication(), files), 413, 'FILE_TOO_LARGE');
      expect(error.message).toBe('Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn 10 MB.');
      expect(fs.readdirSync(path.join(p.dataDir, 'portal', 'attachments-incoming'))).toEqual([]);
    });

    it('after a refusal the same key works once the problem is fixed', async () => {
      const key = crypto.randomUUID();
      const refused = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), [TO_KHAI_FILE]), key);
      expect(refused.status).toBe(400);
      const fixed = await submit(p.url, citizen.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
      expect(fixed.status).toBe(201);
    });
  });
});

describe('upload limits are settings', () => {
  it('refuses an application whose files together pass the configured total', async () => {
    const p = await startApplicationsPortal({ now: testClock(MONDAY_9AM).now, config: { applications: { maxFileMb: 1, maxApplicationMb: 2 } } });
    try {
      const { token } = await p.citizen();
      const chunk = Buffer.concat([PDF, Buffer.alloc(900 * 1024)]);
      const files = [
        { part: 'doc:to-khai', bytes: chunk, name: 'a.pdf' },
        { part: 'doc:giay-chung-sinh', bytes: chunk, name: 'b.pdf' },
        { part: 'doc:giay-uy-quyen', bytes: chunk, name: 'c.pdf' },
      ];
      const r = await submit(p.url, token, applicationForm(khaiSinhApplication(), files));
      expect(r.status).toBe(413);
      expect(r.body.error).toMatchObject({ code: 'APPLICATION_TOO_LARGE', message: 'Tổng dung lượng các tệp đính kèm của hồ sơ phải nhỏ hơn 2 MB.' });

      const one = await submit(p.url, token, applicationForm(khaiSinhApplication(), [{ part: 'doc:to-khai', bytes: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]), name: 'x.pdf' }]));
      expect(one.status).toBe(413);
      expect(one.body.error?.message).toBe('Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn 1 MB.');
    } finally {
      await p.close();
    }
  });
});

describe('mã hồ sơ under concurrency', () => {
  it('100 concurrent submissions to one agency get 100 distinct, consecutive codes', async () => {
    const p = await startApplicationsPortal({ now: testClock(MONDAY_9AM).now });
    try {
      const { token } = await p.citizen();
      const otherAgency = {
        procedureCode: GIAY_PHEP_XAY_DUNG.code,
        applicant: { fullName: 'Phạm Văn Cường', citizenId: cccd(3), phone: '0905123456', address: 'Quảng Ngãi' },
        fields: { parcelNumber: '125', floorArea: 120.5, floors: 3, workType: 'dan_dung' },
        channel: 'truc_tuyen',
        declarationAccepted: true,
        submitter: { kind: 'proxy', relation: 'Tài khoản kiểm thử nộp hộ' },
      };
      const requests = Array.from({ length: 100 }, () => submit(p.url, token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES)));
      const interleaved = submit(p.url, token, applicationForm(otherAgency, [
        { part: 'doc:don-de-nghi', bytes: PDF, name: 'don.pdf' },
        { part: 'doc:ban-ve', bytes: PDF, name: 'ban-ve.pdf' },
      ]));
      const results = await Promise.all(requests);
      expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
      const codes = results.map((r) => String(r.body.code));
      expect(new Set(codes).size).toBe(100);
      const seqs = codes.map((c) => {
        const parts = parseMaHoSo(c);
        expect(parts?.agencyCode).toBe(AGENCY_A.code);
        expect(c.slice(14, 20)).toBe('260302');
        return parts?.seq ?? 0;
      });
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      // Another agency keeps its own series.
      expect((await interleaved).body.code).toBe(`${AGENCY_B.code}-260302-0001`);
    } finally {
      await p.close();
    }
  });

  it('the series restarts each Vietnam day (midnight at UTC+7, not UTC)', async () => {
    const clock = testClock(new Date('2026-03-02T16:59:00.000Z')); // 23:59 on 2 March in Vietnam
    const p = await startApplicationsPortal({ now: clock.now });
    try {
      const { accountId, token } = await p.citizen();
      const a = await submit(p.url, token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
      expect(a.body.code).toBe(`${AGENCY_A.code}-260302-0001`);
      clock.advance(2 * 60_000); // 00:01 on 3 March in Vietnam, still 2 March in UTC
      const b = await submit(p.url, await p.relogin(accountId), applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
      expect(b.body.code).toBe(`${AGENCY_A.code}-260303-0001`);
    } finally {
      await p.close();
    }
  });
});

describe('GET /api/v1/applications/:code', () => {
  let p: ApplicationsPortal;
  let owner: TestAccount;
  let code: string;

  beforeAll(async () => {
    p = await startApplicationsPortal({ now: testClock(MONDAY_9AM).now, config: { applications: { publicLookupsPerMinute: 1000 } } });
    owner = await p.citizen();
    const r = await submit(p.url, owner.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
    code = String(r.body.code);
  });
  afterAll(async () => {
    await p.close();
  });

  it('without a session shows only the public view, with the applicant name masked', async () => {
    const r = await call(p.url, 'GET', `/api/v1/applications/${code}`);
    expect(r.status).toBe(200);
    expect(ApplicationPublicViewSchema.strict().parse(r.body)).toEqual({
      view: 'public',
      code,
      procedureCode: '1.001193.000.00.00.H48',
      procedureName: 'Đăng ký khai sinh',
      agency: AGENCY_A,
      receivedAt: MONDAY_9AM.toISOString(),
      appointmentAt: MONDAY_9AM.toISOString(),
      status: { code: 1, key: 'moi_dang_ky', name: 'Mới đăng ký' },
      applicantName: 'Nguyễn V*** A',
      progress: [{ at: MONDAY_9AM.toISOString(), status: { code: 1, key: 'moi_dang_ky', name: 'Mới đăng ký' } }],
    });
    expect(JSON.stringify(r.body)).not.toContain(cccd(1));
    // the progress names no one: the full name stays with the owner's view
    expect(JSON.stringify(r.body)).not.toContain('Nguyễn Văn An');
  });

  it("with the owner's session shows the full record and timeline", async () => {
    const r = await call(p.url, 'GET', `/api/v1/applications/${code}`, owner.token);
    const view = ApplicationFullViewSchema.parse(r.body);
    expect(view.applicant.citizenId).toBe(cccd(1));
    expect(view.applicant.fullName).toBe('Nguyễn Văn An');
    expect(view.timeline).toEqual([
      { at: MONDAY_9AM.toISOString(), from: null, to: { code: 1, key: 'moi_dang_ky', name: 'Mới đăng ký' }, actorRole: 'citizen', actorName: 'Nguyễn Văn An', note: null },
    ]);
  });

  it("another citizen's session, or an officer of another agency, gets the public view; the receiving agency's officer the full one", async () => {
    const stranger = await p.citizen({ fullName: 'Võ Thị Lan' });
    expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, stranger.token)).body.view).toBe('public');
    const elsewhere = await p.officer(AGENCY_B.code);
    expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, elsewhere.token)).body.view).toBe('public');
    const officer = await p.officer(AGENCY_A.code);
    expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, officer.token)).body.view).toBe('full');
    // The citizen the application is about sees it in full even if someone else submitted it.
    const subject = await p.citizen({ citizenId: cccd(1) });
    expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, subject.token)).body.view).toBe('full');
  });

  it('accepts the code in lower case and with surrounding spaces', async () => {
    const r = await call(p.url, 'GET', `/api/v1/applications/${encodeURIComponent(` ${code.toLowerCase()} `)}`);
    expect(r.status).toBe(200);
    expect(r.body.code).toBe(code);
  });

  it('answers a malformed code with 400 INVALID_CODE and an unknown one with 404', async () => {
    for (const bad of ['abc', '000.00.53.H48-260230-0001', '000.00.53.H48-260302-0000', '000.00.53.H48-260302-12345']) {
      const r = await call(p.url, 'GET', `/api/v1/applications/${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error).toEqual({ code: 'INVALID_CODE', message: 'Mã hồ sơ không đúng định dạng. Mã hồ sơ có dạng 000.00.53.H48-220921-0099.' });
    }
    const unknown = await call(p.url, 'GET', `/api/v1/applications/${AGENCY_A.code}-260302-0999`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('APPLICATION_NOT_FOUND');
  });

  it('lists the owner\'s applications with ?mine=1, and nobody else\'s', async () => {
    const mine = await call(p.url, 'GET', '/api/v1/applications?mine=1', owner.token);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect((mine.body.items as { code: string }[]).map((i) => i.code)).toEqual([code]);
    const stranger = await p.citizen({ fullName: 'Đặng Văn Tư' });
    expect((await call(p.url, 'GET', '/api/v1/applications?mine=1', stranger.token)).body.total).toBe(0);
    expect((await call(p.url, 'GET', '/api/v1/applications?mine=1')).status).toBe(401);
  });

  it('finds an application by its idempotency key for the account that sent it', async () => {
    const key = crypto.randomUUID();
    const created = await submit(p.url, owner.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES), key);
    const r = await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, owner.token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ state: 'created', application: created.body, currentStatus: { code: 1, key: 'moi_dang_ky', name: 'Mới đăng ký' } });

    const stranger = await p.citizen({ fullName: 'Bùi Văn Năm' });
    expect((await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, stranger.token)).status).toBe(404);
    const never = await call(p.url, 'GET', `/api/v1/applications/by-key/${crypto.randomUUID()}`, owner.token);
    expect(never.status).toBe(404);
    expect(never.body.error?.code).toBe('IDEMPOTENCY_KEY_NOT_FOUND');
    expect((await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`)).status).toBe(401);
  });
});

describe('kiosk devices', () => {
  it('send applications with their device session; the citizen, not the kiosk, sees them in full', async () => {
    const p = await startApplicationsPortal({ now: testClock(MONDAY_9AM).now });
    try {
      const enrol = await call(p.url, 'POST', '/api/v1/auth/kiosk', null, { kioskId: 'KIOSK-BS-02', kioskKey: 'k'.repeat(40) });
      expect(enrol.status, JSON.stringify(enrol.body)).toBe(200);
      const kiosk = String(enrol.body.token);
      const key = crypto.randomUUID();
      // A counter's kiosk sending after the officer's session has gone still carries the walk-in's ticket.
      const sent = await submit(p.url, kiosk, applicationForm(khaiSinhApplication({ kioskId: 'KIOSK-BS-02', queueTicket: 'A-003' }), KHAI_SINH_FILES), key);
      expect(sent.status).toBe(201);
      const code = String(sent.body.code);

      const byKey = await call(p.url, 'GET', `/api/v1/applications/by-key/${key}`, kiosk);
      expect(byKey.body).toMatchObject({ state: 'created', application: { code }, currentStatus: { code: 1 } });
      expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, kiosk)).body.view).toBe('public');
      expect((await call(p.url, 'GET', '/api/v1/applications?mine=1', kiosk)).status).toBe(403);

      const applicant = await p.citizen({ citizenId: cccd(1) });
      const view = ApplicationFullViewSchema.parse((await call(p.url, 'GET', `/api/v1/applications/${code}`, applicant.token)).body);
      expect(view.kioskId).toBe('KIOSK-BS-02');
      expect(view.queueTicket).toBe('A-003');
      expect(view.timeline[0]).toMatchObject({ actorRole: 'kiosk', actorName: 'Kiosk KIOSK-BS-02' });
      expect((await call(p.url, 'GET', '/api/v1/applications?mine=1', applicant.token)).body.total).toBe(1);
    } finally {
      await p.close();
    }
  });
});

describe('lookup rate limit', () => {
  it('allows 30 anonymous lookups a minute per address, then 429 with Retry-After until the window moves', async () => {
    const clock = testClock(MONDAY_9AM);
    const p = await startApplicationsPortal({ now: clock.now });
    try {
      const owner = await p.citizen();
      const code = String((await submit(p.url, owner.token, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES))).body.code);
      for (let i = 0; i < 30; i++) {
        // Guesses, malformed codes and hits all count: that is what enumeration looks like.
        const target = i % 3 === 0 ? code : i % 3 === 1 ? `${AGENCY_A.code}-260302-${String(i + 100).padStart(4, '0')}` : 'khong-phai-ma';
        const r = await call(p.url, 'GET', `/api/v1/applications/${target}`);
        expect(r.status).not.toBe(429);
        clock.advance(1000);
      }
      const limited = await call(p.url, 'GET', `/api/v1/applications/${code}`);
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('TOO_MANY_LOOKUPS');
      // The first lookup was 30 s ago: the window frees up in 30 s.
      expect(limited.headers.get('retry-after')).toBe('30');
      expect(limited.body.error?.message).toBe('Quý khách đã tra cứu quá nhiều lần trong một phút. Vui lòng thử lại sau 30 giây.');

      // The owner, signed in, has a budget of their own; officers are not limited.
      expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, owner.token)).status).toBe(200);
      const officer = await p.officer();
      for (let i = 0; i < 35; i++) expect((await call(p.url, 'GET', `/api/v1/applications/${code}`, officer.token)).status).toBe(200);

      clock.advance(30_000);
      expect((await call(p.url, 'GET', `/api/v1/applications/${code}`)).status).toBe(200);
    } finally {
      await p.close();
    }
  });
});
