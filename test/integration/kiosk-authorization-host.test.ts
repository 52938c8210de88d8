import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src-main/host.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { startHostOn, type HostUnderTest } from '../support/host-fixture.js';
import { signInCitizen, signInOfficer, wizardCaptcha } from '../support/host-session.js';

/**
 * Issue 17, finding 1, replayed against a real host and portal: with only
 * the launch secret (what any caller of the host's API has), nobody lists
 * the kiosk's applications, prints the previous applicant's receipt or
 * rewrites a refused application; the next citizen cannot open the one
 * before; the officer present can.
 */

const CITIZEN_B = { username: '051192006789', password: 'Demo@2026', phone: '0935000222' };

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: HostUnderTest;
let host: Host;
let localId: string;
let attachments: unknown[];

let rngSeed = 41;
const rng = () => (rngSeed = (rngSeed * 48271) % 2147483647) / 2147483647;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function refusedWith(name: string, input: unknown): Promise<string> {
  const r = await host.dispatch(name, input);
  if (r.ok) throw new Error(`${name} was allowed`);
  return r.error.code;
}

beforeAll(async () => {
  portal = await startTestPortal();
  kiosk = await startHostOn(portal.url, { kioskId: 'KIOSK-AUTHZ' });
  host = kiosk.host;
  // Citizen A makes an application, prints its receipt and leaves with "Kết thúc".
  await signInCitizen(host, portal.url);
  attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    attachments.push(await call('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  const view = await call<{ localId: string }>('submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    submitter: PROXY_SUBMITTER,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
    ...(await wizardCaptcha(host)),
  });
  localId = view.localId;
  expect((await call<{ outcome: string }>('receipts.print', { localId })).outcome).toBe('download');
  expect((await call<{ localId: string }>('submissions.get', { localId })).localId).toBe(localId);
  await call('session.end', {});
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await portal?.close();
});

describe('who may call what, on a real host', () => {
  it('with nobody signed in: no list, no receipt, no details, no rewrite', async () => {
    expect(await refusedWith('submissions.list', {})).toBe('SIGN_IN_REQUIRED');
    expect(await refusedWith('receipts.print', { localId })).toBe('SIGN_IN_REQUIRED');
    expect(await refusedWith('submissions.get', { localId })).toBe('SIGN_IN_REQUIRED');
    expect(await refusedWith('payments.quote', { localId })).toBe('SIGN_IN_REQUIRED');
    expect(await refusedWith('submissions.resubmit', { localId, applicant: { ...APPLICANT, fullName: 'Người Khác' }, fields: KHAI_SINH_FIELDS, attachments })).toBe(
      'SIGN_IN_REQUIRED',
    );
    // What anyone may do still works.
    expect((await call<{ total: number }>('catalogue.search', { query: 'khai sinh' })).total).toBeGreaterThan(0);
  });

  it('the next citizen cannot open, print or rewrite the previous one’s application', async () => {
    await signInCitizen(host, portal.url, CITIZEN_B);
    expect(await refusedWith('receipts.print', { localId })).toBe('FORBIDDEN');
    expect(await refusedWith('submissions.get', { localId })).toBe('FORBIDDEN');
    expect(await refusedWith('payments.quote', { localId })).toBe('FORBIDDEN');
    expect(await refusedWith('submissions.list', {})).toBe('FORBIDDEN');
    expect(await refusedWith('submissions.resubmit', { localId, applicant: APPLICANT, fields: KHAI_SINH_FIELDS, attachments })).toBe('FORBIDDEN');
    const r = await host.dispatch('receipts.print', { localId });
    if (!r.ok) expect(r.error.message).toBe('Hồ sơ này không thuộc lượt làm việc hiện tại nên không thể xem hoặc in.');
    // The UI words it from the detail, in the language on screen.
    expect(r.ok ? null : r.error.detail).toBe('CALL_NOT_YOUR_APPLICATION');
    await call('session.end', {});
  });

  it('a logout without "Kết thúc" takes the citizen’s draft along: the next one does not get it', async () => {
    await signInCitizen(host, portal.url);
    await call('drafts.save', {
      procedureCode: KHAI_SINH,
      data: { step: 1, applicant: { fullName: APPLICANT.fullName }, fields: {}, attachments: [], declarationAccepted: false },
    });
    await call('auth.logout', {});
    await signInCitizen(host, portal.url, CITIZEN_B);
    expect(await call('drafts.current', {})).toEqual({ draft: null });
    await call('session.end', {});
  });

  it('the officer present may see the kiosk’s applications; locked, the officer may not', async () => {
    await signInOfficer(host, portal.url, '482913');
    const items = (await call<{ items: { localId: string }[] }>('submissions.list', {})).items;
    expect(items.map((i) => i.localId)).toContain(localId);
    expect((await call<{ outcome: string }>('receipts.print', { localId })).outcome).toBe('download');
    await call('staff.lock', {});
    expect(await refusedWith('submissions.list', {})).toBe('SIGN_IN_REQUIRED');
    expect(await refusedWith('receipts.print', { localId })).toBe('SIGN_IN_REQUIRED');
    await call('staff.unlock', { pin: '482913' });
    expect((await call<{ items: unknown[] }>('submissions.list', {})).items.length).toBeGreaterThan(0);
  });
});
