import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../src-shared/kiosk-api.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { signInCitizen, signInOfficer, wizardCaptcha } from '../support/host-session.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const FAST = { outbox: { idleMs: 200, backoff: { baseMs: 50, capMs: 400, floorMs: 20 } }, probeMs: 100 } as const;

async function call<T>(host: Host, name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

interface View {
  localId: string;
  provisionalNo: string;
  state: string;
  officialCode: string | null;
  appointmentAt: string | null;
  portalMessage: string | null;
}

async function hostFor(portalUrl: string): Promise<{ host: Host; events: KioskEvent[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-outbox-'));
  const host = await createHost(KioskConfigSchema.parse({ portalUrl, dataDir, kioskId: 'KIOSK-IT', training: true }), { shell: 'browser', ...FAST });
  const events: KioskEvent[] = [];
  host.onEvent((e) => events.push(e));
  await signInCitizen(host, portalUrl);
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }), () => host.close());
  return { host, events };
}

let rngSeed = 7;
const rng = () => (rngSeed = (rngSeed * 48271) % 2147483647) / 2147483647;

async function submit(host: Host, components = MANDATORY_DOCUMENTS): Promise<View> {
  const attachments = [];
  for (const componentId of components) {
    attachments.push(await call(host, 'attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  return call<View>(host, 'submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    submitter: PROXY_SUBMITTER,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
    ...(await wizardCaptcha(host)),
  });
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox and sync engine against the reference portal', () => {
  it('queues applications while the portal is down and sends them, unasked, when it is back', async () => {
    // A portal that has run once (the kiosk has its catalogue), then stops.
    const portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-restart-'));
    cleanup.push(() => fs.rmSync(portalDir, { recursive: true, force: true }));
    const first = await startTestPortal({ dataDir: portalDir });
    const { port } = new URL(first.url);
    const { host, events } = await hostFor(first.url);
    await first.close();

    const a = await submit(host);
    const b = await submit(host);
    expect(a).toMatchObject({ state: 'queued', officialCode: null });
    expect(a.provisionalNo).toMatch(/^TAM-KIOSK-IT-\d{6}-0001$/);
    expect(b.provisionalNo).toMatch(/-0002$/);
    await new Promise((r) => setTimeout(r, 300));
    expect((await call<{ pending: number; portalReachable: boolean }>(host, 'sync.state', {})).pending).toBe(2);
    // the UI heard of both as they were queued
    expect(events.filter((e) => e.type === 'sync.state').map((e) => (e.type === 'sync.state' ? e.state.pending : -1))).toEqual([1, 2]);

    const again = await startTestPortal({ dataDir: portalDir, port: Number(port) });
    cleanup.push(() => again.close());
    for (const v of [a, b]) {
      const done = await until(
        () => call<View>(host, 'submissions.get', { localId: v.localId }),
        (x) => x.state === 'accepted',
      );
      expect(done.officialCode).toMatch(/^000\.00\.31\.H48-\d{6}-\d{4}$/);
      expect(done.appointmentAt).not.toBeNull();
    }
    expect(events.some((e) => e.type === 'portal.reachability' && e.reachable)).toBe(true);
    expect(events.filter((e) => e.type === 'application.updated' && e.application.state === 'accepted')).toHaveLength(2);
    const onPortal = await again.context.db.selectFrom('applications').select('code').where('kiosk_id', '=', 'KIOSK-IT').execute();
    expect(onPortal).toHaveLength(2);

    // Lookup of a code this kiosk sent keeps working when the portal goes away again.
    const code = (await call<View>(host, 'submissions.get', { localId: a.localId })).officialCode as string;
    await again.close();
    const offline = await call<{ code: string; status: { name: string }; checkedAt: string }>(host, 'applications.lookup', { code });
    expect(offline).toMatchObject({ code, status: { name: 'Mới đăng ký' } });
  });

  it('puts a refused application in "cần sửa" with the portal’s words; the fix goes through without a second application', async () => {
    const portal = await startTestPortal();
    cleanup.push(() => portal.close());
    const { host } = await hostFor(portal.url);
    // The province made a document mandatory after this kiosk last synced its catalogue.
    const row = await portal.context.db.selectFrom('procedures').select('record').where('code', '=', KHAI_SINH).executeTakeFirstOrThrow();
    const record = JSON.parse(row.record) as { documents: { id: string; mandatory: boolean }[] };
    for (const d of record.documents) if (d.id === 'van-ban-uy-quyen') d.mandatory = true;
    await portal.context.db.updateTable('procedures').set({ record: JSON.stringify(record) }).where('code', '=', KHAI_SINH).execute();

    const sent = await submit(host);
    const refused = await until(
      () => call<View>(host, 'submissions.get', { localId: sent.localId }),
      (x) => x.state === 'needs_fix',
    );
    expect(refused.portalMessage).toMatch(/Còn thiếu thành phần hồ sơ bắt buộc/);
    expect(refused.officialCode).toBeNull();

    // Fixing a refused application is staff work: the officer signs in for it.
    await signInOfficer(host, portal.url);
    const attachments = [];
    for (const componentId of [...MANDATORY_DOCUMENTS, 'van-ban-uy-quyen']) {
      attachments.push(await call(host, 'attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
    }
    await call(host, 'submissions.resubmit', { localId: sent.localId, applicant: APPLICANT, fields: KHAI_SINH_FIELDS, attachments });
    const fixed = await until(
      () => call<View>(host, 'submissions.get', { localId: sent.localId }),
      (x) => x.state === 'accepted',
    );
    expect(fixed.officialCode).toMatch(/-0001$/);
    const onPortal = await portal.context.db.selectFrom('applications').select('code').where('kiosk_id', '=', 'KIOSK-IT').execute();
    expect(onPortal.map((r) => r.code)).toEqual([fixed.officialCode]);
  });

  it('answers a bad attachment and a missing mandatory document with their own messages, keeping nothing', async () => {
    const portal = await startTestPortal();
    cleanup.push(() => portal.close());
    const { host } = await hostFor(portal.url);
    const exe = await host.dispatch('attachments.add', { componentId: 'giay-chung-sinh', fileName: 'chung-sinh.pdf', dataBase64: Buffer.from('MZ\x90\x00 not a pdf').toString('base64') });
    expect(exe).toMatchObject({ ok: false, error: { code: 'FILE_TYPE_NOT_ALLOWED' } });
    const missing = await host.dispatch('submissions.submit', {
      procedureCode: KHAI_SINH,
      applicant: APPLICANT,
      submitter: PROXY_SUBMITTER,
      fields: KHAI_SINH_FIELDS,
      attachments: [],
      declarationAccepted: true,
      ...(await wizardCaptcha(host)),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'MISSING_DOCUMENTS', message: expect.stringContaining('Giấy chứng sinh') } });
    await signInOfficer(host, portal.url);
    expect((await call<{ items: unknown[] }>(host, 'submissions.list', {})).items).toEqual([]);
  });

  it('refuses to take an application from nobody, or with a wrong captcha', async () => {
    const portal = await startTestPortal();
    cleanup.push(() => portal.close());
    const { host } = await hostFor(portal.url);
    const attempt = async (captcha: { captchaId: string; captchaAnswer: string }) =>
      host.dispatch('submissions.submit', { procedureCode: KHAI_SINH, applicant: APPLICANT, submitter: PROXY_SUBMITTER, fields: KHAI_SINH_FIELDS, attachments: [], declarationAccepted: true, ...captcha });
    const c = await wizardCaptcha(host);
    expect(await attempt({ ...c, captchaAnswer: 'SAI00' })).toMatchObject({ ok: false, error: { code: 'CAPTCHA_WRONG' } });
    // single use: the right answer after a wrong one is refused too
    expect(await attempt(c)).toMatchObject({ ok: false, error: { code: 'CAPTCHA_WRONG' } });
    const fresh = await wizardCaptcha(host);
    await call(host, 'session.end', {});
    expect(await attempt(fresh)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
  });
});
