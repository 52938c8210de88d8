import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import type { CallResult } from '../../src-shared/kiosk-api.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { signInCitizen, signInOfficer, wizardCaptcha } from '../support/host-session.js';

/**
 * The host is the validator of record: an application typed straight
 * through the kiosk API (no wizard in front) meets the same field, CCCD and
 * document rules as the UI, is refused with a Vietnamese message per field,
 * and leaves nothing behind — no application, no outbox entry.
 */

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let host: Host;
let dataDir: string;
let attachments: unknown[];

let rngSeed = 23;
const rng = () => (rngSeed = (rngSeed * 48271) % 2147483647) / 2147483647;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** What is on disk, read beside the running host. */
function written(): { applications: number; outbox: number } {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { applications: count('applications'), outbox: count('outbox') };
  } finally {
    db.close();
  }
}

async function submit(over: { applicant?: object; fields?: object }): Promise<CallResult> {
  return host.dispatch('submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: over.applicant ?? APPLICANT,
    submitter: PROXY_SUBMITTER,
    fields: over.fields ?? KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
    ...(await wizardCaptcha(host)),
  });
}

type Issue = { path: string; message: string };

function refusal(r: CallResult): { code: string; message: string; issues: Issue[] } {
  if (r.ok) throw new Error('the host accepted it');
  return { code: r.error.code, message: r.error.message, issues: r.error.issues ?? [] };
}

beforeAll(async () => {
  portal = await startTestPortal();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-validation-'));
  host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, kioskId: 'KIOSK-VAL', training: true }), { shell: 'browser' });
  await signInCitizen(host, portal.url);
  attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    attachments.push(await call('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
}, 60_000);

afterAll(async () => {
  await host?.close();
  await portal?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('submissions.submit typed straight through the API', () => {
  it('refuses a CCCD that cannot exist (no such province), under applicant.citizenId, writing nothing', async () => {
    const r = refusal(await submit({ applicant: { ...APPLICANT, citizenId: '999190001234' } }));
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.issues).toEqual([{ path: 'applicant.citizenId', message: 'Mã tỉnh 999 ở đầu số CCCD không tồn tại.', key: 'CITIZEN_ID_PROVINCE', params: { province: '999' } }]);
    expect(r.message).toContain('Thông tin hồ sơ chưa hợp lệ');
    expect(written()).toEqual({ applications: 0, outbox: 0 });
  });

  it('refuses a CCCD whose birth year lies in the future', async () => {
    const r = refusal(await submit({ applicant: { ...APPLICANT, citizenId: '051599001234' } }));
    expect(r.issues.map((i) => i.path)).toEqual(['applicant.citizenId']);
    expect(r.issues[0]?.message).toMatch(/^Năm sinh 2199 suy ra từ số CCCD nằm ở tương lai/);
    expect(written()).toEqual({ applications: 0, outbox: 0 });
  });

  it('names each missing required field and each malformed date, all in one answer', async () => {
    const { childFullName: _dropped, ...withoutName } = KHAI_SINH_FIELDS;
    const r = refusal(await submit({ fields: { ...withoutName, childBirthDate: '2026-02-30' } }));
    expect(r.code).toBe('INVALID_INPUT');
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(Object.keys(byPath).sort()).toEqual(['fields.childBirthDate', 'fields.childFullName']);
    expect(byPath['fields.childFullName']).toMatch(/: vui lòng nhập thông tin bắt buộc\.$/);
    expect(byPath['fields.childBirthDate']).toMatch(/: ngày không hợp lệ \(cần dạng YYYY-MM-DD/);
    expect(written()).toEqual({ applications: 0, outbox: 0 });
  });

  it('refuses a date after today where the form forbids it, an unknown option and a field the form lacks', async () => {
    const r = refusal(await submit({ fields: { ...KHAI_SINH_FIELDS, childBirthDate: '2999-01-01', childSex: 'khac', shoeSize: 42 } }));
    const paths = r.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['fields.childBirthDate', 'fields.childSex', 'fields.shoeSize']);
    expect(r.issues.find((i) => i.path === 'fields.childBirthDate')?.message).toMatch(/không được sau ngày hôm nay/);
    expect(written()).toEqual({ applications: 0, outbox: 0 });
  });

  it('refuses a birth date that disagrees with the CCCD', async () => {
    const r = refusal(await submit({ applicant: { ...APPLICANT, birthDate: '1985-04-02' } }));
    expect(r.issues).toEqual([{ path: 'applicant.birthDate', message: 'Năm sinh 1985 không khớp với số CCCD (năm sinh 1990).', key: 'BIRTH_YEAR_MISMATCH', params: { year: 1985, idYear: 1990 } }]);
    expect(written()).toEqual({ applications: 0, outbox: 0 });
  });

  it('holds a self-service submission to the step-3 captcha: none or a wrong one is refused, and a wrong check at step 3 spends it', async () => {
    const base = { procedureCode: KHAI_SINH, applicant: APPLICANT, submitter: PROXY_SUBMITTER, fields: KHAI_SINH_FIELDS, attachments, declarationAccepted: true };
    expect(refusal(await host.dispatch('submissions.submit', base)).code).toBe('CAPTCHA_WRONG');
    const once = await wizardCaptcha(host);
    expect(refusal(await host.dispatch('submissions.submit', { ...base, ...once, captchaAnswer: 'ZZZZZZ' })).code).toBe('CAPTCHA_WRONG');
    const picture = await wizardCaptcha(host);
    const wrong = refusal(await host.dispatch('wizard.checkCaptcha', { ...picture, captchaAnswer: 'ZZZZZZ' }));
    expect(wrong).toMatchObject({ code: 'CAPTCHA_WRONG', message: 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã mới.' });
    // One guess per picture: the right answer after a wrong one no longer counts.
    expect(refusal(await host.dispatch('wizard.checkCaptcha', picture)).code).toBe('CAPTCHA_WRONG');
    expect(refusal(await host.dispatch('submissions.submit', { ...base, ...picture })).code).toBe('CAPTCHA_WRONG');
    expect(written()).toEqual({ applications: 0, outbox: 0 });
  });

  it('takes the same application once it is right, with the form values as the portal reads them', async () => {
    // Checked at step 3, then presented again with "Đồng ý", which spends it.
    const captcha = await wizardCaptcha(host);
    expect(await call('wizard.checkCaptcha', captcha)).toEqual({ ok: true });
    const view = await call<{ localId: string; state: string }>('submissions.submit', {
      procedureCode: KHAI_SINH,
      applicant: APPLICANT,
      submitter: PROXY_SUBMITTER,
      fields: { ...KHAI_SINH_FIELDS, childFullName: '  Nguyễn Ngọc Bảo Châu  ' },
      attachments,
      declarationAccepted: true,
      ...captcha,
    });
    expect(view.state).toMatch(/queued|accepted/);
    expect(written()).toEqual({ applications: 1, outbox: 1 });
    // Spent by that submit: it cannot carry a second application.
    expect(refusal(await host.dispatch('wizard.checkCaptcha', captcha)).code).toBe('CAPTCHA_WRONG');
  });
});

describe('submissions.resubmit typed straight through the API', () => {
  it('refuses a bad CCCD and a missing required field, and leaves the application as it was', async () => {
    await signInOfficer(host, portal.url);
    const [app] = (await call<{ items: { localId: string; state: string }[] }>('submissions.list', {})).items;
    if (!app) throw new Error('no application to resubmit');
    const before = written();
    const { motherFullName: _dropped, ...withoutMother } = KHAI_SINH_FIELDS;
    const r = refusal(
      await host.dispatch('submissions.resubmit', {
        localId: app.localId,
        applicant: { ...APPLICANT, citizenId: '999190001234' },
        fields: withoutMother,
        attachments,
      }),
    );
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.issues.map((i) => i.path).sort()).toEqual(['applicant.citizenId', 'fields.motherFullName']);
    expect(written()).toEqual(before);
    const after = await call<{ localId: string; state: string }>('submissions.get', { localId: app.localId });
    expect(after.state).toBe(app.state);
  });
});
