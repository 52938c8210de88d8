import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src-main/host.js';
import { FORM_LIMITS, kioskApi, type CallResult } from '../../src-shared/kiosk-api.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { startHostOn, type HostUnderTest } from '../support/host-fixture.js';
import { signInCitizen, wizardCaptcha } from '../support/host-session.js';

/**
 * Issue 17, finding 6: drafts and form values have limits of their own
 * (keys, key length, string length, total size). An oversized draft is
 * refused with a typed Vietnamese error and nothing is written.
 */

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: HostUnderTest;
let host: Host;

function count(table: string): number {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function manyKeys(n: number, value: string | number = 'x'): Record<string, string | number> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, value]));
}

function refusal(r: CallResult): { code: string; message: string; issues: { path: string; message: string }[] } {
  if (r.ok) throw new Error('the host accepted it');
  return { code: r.error.code, message: r.error.message, issues: r.error.issues ?? [] };
}

const draft = (data: object) => host.dispatch('drafts.save', { procedureCode: KHAI_SINH, data: { step: 2, ...data } });

beforeAll(async () => {
  portal = await startTestPortal();
  kiosk = await startHostOn(portal.url, { kioskId: 'KIOSK-LIM' });
  host = kiosk.host;
  await signInCitizen(host, portal.url);
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await portal?.close();
});

describe('draft and form-value limits', () => {
  it('refuses the probe’s draft (20,000 keys of 2,000 characters, ~40 MB) in Vietnamese, writing nothing', async () => {
    const r = refusal(await draft({ fields: manyKeys(20_000, 'a'.repeat(2000)) }));
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.issues.map((i) => i.message)).toContain(`Biểu mẫu có quá nhiều trường (tối đa ${FORM_LIMITS.maxKeys}).`);
    expect(count('drafts')).toBe(0);
  });

  it('refuses a key longer than 60 characters and too many applicant entries', async () => {
    const long = refusal(await draft({ fields: { ['k'.repeat(61)]: 'x' } }));
    expect(long.issues.map((i) => i.message)).toContain('Mã trường của biểu mẫu dài tối đa 60 ký tự.');
    const applicant = refusal(await draft({ applicant: manyKeys(21) }));
    expect(applicant.issues.map((i) => i.message)).toContain('Thông tin người nộp có quá nhiều mục (tối đa 20).');
    expect(count('drafts')).toBe(0);
  });

  it('keeps a draft at the limits (100 fields, 60-character ids)', async () => {
    const fields = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${String(i).padStart(59, '0')}`, 'b'.repeat(2000)]));
    const saved = await draft({ fields });
    expect(saved.ok).toBe(true);
    expect(count('drafts')).toBe(1);
  });

  it('refuses a draft over 256 KB in all (Vietnamese text takes 3 bytes a letter), writing nothing', async () => {
    const before = count('drafts');
    const r = refusal(await draft({ fields: manyKeys(100, 'ệ'.repeat(2000)) }));
    expect(r.issues.map((i) => i.message)).toContain('Bản nháp quá lớn (tối đa 256 KB). Vui lòng rút gọn nội dung đã nhập.');
    expect(count('drafts')).toBe(before);
  });

  it('holds submissions.submit and submissions.resubmit to the same field limits', async () => {
    const before = { applications: count('applications'), outbox: count('outbox') };
    const submit = refusal(
      await host.dispatch('submissions.submit', {
        procedureCode: KHAI_SINH,
        applicant: APPLICANT,
        submitter: PROXY_SUBMITTER,
        fields: { ...KHAI_SINH_FIELDS, ...manyKeys(200) },
        attachments: [],
        declarationAccepted: true,
        ...(await wizardCaptcha(host)),
      }),
    );
    expect(submit.code).toBe('INVALID_INPUT');
    expect(submit.issues.map((i) => i.message)).toContain(`Biểu mẫu có quá nhiều trường (tối đa ${FORM_LIMITS.maxKeys}).`);
    // resubmit is staff-only (the host refuses a citizen before reading the input): the contract itself holds the limit.
    const resubmit = kioskApi['submissions.resubmit'].input.safeParse({ localId: crypto.randomUUID(), applicant: APPLICANT, fields: manyKeys(101), attachments: [] });
    expect(resubmit.error?.issues.map((i) => i.message)).toContain(`Biểu mẫu có quá nhiều trường (tối đa ${FORM_LIMITS.maxKeys}).`);
    expect({ applications: count('applications'), outbox: count('outbox') }).toEqual(before);
  });
});
