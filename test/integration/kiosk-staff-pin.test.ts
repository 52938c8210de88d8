import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../src-shared/kiosk-api.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { APPLICANT, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';

const OFFICER = { username: 'canbo.camthanh', password: 'CanBo@2026' };
const PIN = '482913';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let host: Host;
let dataDir: string;
/** What the host logged: call names and error classes, never a PIN. */
const hostLog: string[] = [];

beforeAll(async () => {
  portal = await startTestPortal();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-pin-'));
  host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, kioskId: 'KIOSK-PIN', training: true, mode: 'assisted', staffLockSeconds: 42, receiptLayout: 'thermal80' }), {
    shell: 'browser',
    log: (line) => hostLog.push(line),
  });
});

afterAll(async () => {
  await host?.close();
  await portal?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function dispatch<T>(name: string, input: unknown): Promise<Result<T>> {
  return (await host.dispatch(name, input)) as Result<T>;
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch<T>(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

async function signInOfficer(pin: string): Promise<SignedIn> {
  const captcha = await call<{ id: string }>('auth.captcha', {});
  const { answer } = (await (await fetch(`${portal.url}/api/v1/dev/captcha/${captcha.id}`)).json()) as { answer: string };
  return call<SignedIn>('staff.signIn', { ...OFFICER, captchaId: captcha.id, captchaAnswer: answer, pin });
}

let rngSeed = 11;
const rng = () => (rngSeed = (rngSeed * 48271) % 2147483647) / 2147483647;

async function submitInput(): Promise<unknown> {
  const attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    attachments.push(await call('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  // No captcha: at the counter the present officer's shift stands in for it.
  return { procedureCode: KHAI_SINH, applicant: APPLICANT, fields: KHAI_SINH_FIELDS, attachments, declarationAccepted: true };
}

describe('shift PIN at the assisted counter', () => {
  it('tells the UI how long the counter may stay idle before it locks itself (setting staffLockSeconds)', async () => {
    expect((await call<{ staffLockSeconds: number }>('app.info', {})).staffLockSeconds).toBe(42);
    // The counter's roll printer: receipts and slips start on 80 mm paper.
    expect((await call<{ receiptLayout: string }>('app.info', {})).receiptLayout).toBe('thermal80');
  });

  it('refuses a sign-in without a valid PIN before asking the portal', async () => {
    const captcha = await call<{ id: string }>('auth.captcha', {});
    for (const pin of [undefined, '123', '123456789', '12a4']) {
      const r = await dispatch('staff.signIn', { ...OFFICER, captchaId: captcha.id, captchaAnswer: 'x', ...(pin === undefined ? {} : { pin }) });
      expect(r.ok, String(pin)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
    expect((await call<SignedIn>('auth.state', {})).staff).toBeNull();
  });

  it('locks, counts wrong PINs, unlocks with the right one, refuses submit while locked', async () => {
    const signedIn = await signInOfficer(PIN);
    expect(signedIn.staff).toMatchObject({ username: OFFICER.username, locked: false });
    // Files are attached while present: a locked counter takes nothing at all.
    const input = await submitInput();

    const locked = await call<SignedIn>('staff.lock', {});
    expect(locked.staff?.locked).toBe(true);
    expect((await call<SignedIn>('auth.state', {})).staff?.locked).toBe(true);

    // Receive-on-behalf needs the officer present.
    const refused = await dispatch('submissions.submit', input);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('SIGN_IN_REQUIRED');

    const wrong = await dispatch('staff.unlock', { pin: '000000' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.code).toBe('STAFF_PIN_WRONG');
      expect(wrong.error.message).toContain('Còn 4 lần thử');
    }
    expect((await call<SignedIn>('auth.state', {})).staff?.locked).toBe(true);

    const unlocked = await call<SignedIn>('staff.unlock', { pin: PIN });
    expect(unlocked.staff).toMatchObject({ username: OFFICER.username, locked: false });

    // Present again: the officer receives on the walk-in's behalf, with no captcha to solve.
    const submitted = await call<{ localId: string }>('submissions.submit', await submitInput());
    expect(submitted.localId).toMatch(/[0-9a-f-]{36}/);
    // An officer receiving for a walk-in takes it in person: the in-person rate applies on the portal.
    await expect
      .poll(async () => (await portal.context.db.selectFrom('applications').select('channel').where('kiosk_id', '=', 'KIOSK-PIN').executeTakeFirst())?.channel, { timeout: 20_000 })
      .toBe('truc_tiep');

    // The right PIN reset the count: four more wrong ones still leave one try.
    await call('staff.lock', {});
    for (let i = 4; i >= 1; i--) {
      const r = await dispatch('staff.unlock', { pin: '111111' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain(`Còn ${i} lần thử`);
    }
    expect((await call<SignedIn>('staff.unlock', { pin: PIN })).staff?.locked).toBe(false);
    await call('staff.signOut', {});
  });

  it('ends the shift after 5 wrong PINs; the portal password is needed again', async () => {
    await signInOfficer('1234');
    const input = await submitInput();
    await call('staff.lock', {});
    const codes: string[] = [];
    let last = '';
    for (let i = 0; i < 5; i++) {
      const r = await dispatch('staff.unlock', { pin: '9999' });
      if (!r.ok) {
        codes.push(r.error.code);
        last = r.error.message;
      }
    }
    expect(codes).toEqual(['STAFF_PIN_WRONG', 'STAFF_PIN_WRONG', 'STAFF_PIN_WRONG', 'STAFF_PIN_WRONG', 'STAFF_PIN_LOCKED']);
    expect(last).toContain('đăng nhập lại');
    expect((await call<SignedIn>('auth.state', {})).staff).toBeNull();

    // Even the right PIN no longer helps.
    const late = await dispatch('staff.unlock', { pin: '1234' });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.code).toBe('SIGN_IN_REQUIRED');
    const submit = await dispatch('submissions.submit', input);
    expect(submit.ok).toBe(false);
    if (!submit.ok) expect(submit.error.code).toBe('SIGN_IN_REQUIRED');

    // Locking with no shift open is refused too.
    const lock = await dispatch('staff.lock', {});
    expect(lock.ok).toBe(false);
    if (!lock.ok) expect(lock.error.code).toBe('SIGN_IN_REQUIRED');

    // A new sign-in (portal password) with a new PIN starts a fresh shift.
    expect((await signInOfficer('5678')).staff?.locked).toBe(false);
  });

  it('never writes a PIN to the host log', () => {
    const all = hostLog.join('\n');
    for (const pin of [PIN, '000000', '111111', '1234', '9999', '5678']) expect(all).not.toContain(pin);
  });
});
