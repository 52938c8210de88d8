import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { HttpPortalClient } from '../../src-main/portal/portal-client.js';
import { loadOrCreateDeviceKey } from '../../src-main/session/device-key.js';
import type { SignedIn } from '../../src-shared/kiosk-api.js';
import { HOST_VISIT_IDLE_SECONDS } from '../../src-shared/visit-limits.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { signInCitizen, signInOfficer, wizardCaptcha } from '../support/host-session.js';

/**
 * The host ends a visit left behind — a window closed without "Kết thúc",
 * or no window at all — after the idle limit, on its own clock: the
 * citizen is signed out (their portal session revoked), the visit's drafts
 * are wiped and its applications are no longer its to reopen. At an
 * assisted counter the officer's shift stays. The clock is injected.
 */

const IDLE = HOST_VISIT_IDLE_SECONDS;
/** Longer than the expiry check's period, so a check has run. */
const TICK_MS = 1300;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

let rngSeed = 31;
const rng = () => (rngSeed = (rngSeed * 48271) % 2147483647) / 2147483647;

interface Kiosk {
  host: Host;
  portalUrl: string;
  /** Moves the host's clock on. */
  advance(seconds: number): void;
  /** Portal tokens the host revoked. */
  revoked: string[];
}

async function kiosk(mode: 'self-service' | 'assisted'): Promise<Kiosk> {
  const portal = await startTestPortal();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-expiry-'));
  let at = Date.now();
  const client = new HttpPortalClient(portal.url, { kioskId: 'KIOSK-EXP', kioskKey: loadOrCreateDeviceKey(path.join(dataDir, 'keys')) });
  const revoked: string[] = [];
  const logout = client.logout.bind(client);
  client.logout = (token) => {
    revoked.push(token);
    return logout(token);
  };
  const host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, kioskId: 'KIOSK-EXP', training: true, mode }), {
    shell: 'browser',
    portal: client,
    now: () => new Date(at),
  });
  cleanup.push(() => portal.close(), () => fs.rmSync(dataDir, { recursive: true, force: true }), () => host.close());
  return { host, portalUrl: portal.url, advance: (s) => (at += s * 1000), revoked };
}

async function call<T>(host: Host, name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

const tick = () => new Promise((r) => setTimeout(r, TICK_MS));

async function saveDraft(host: Host): Promise<string> {
  const d = await call<{ id: string }>(host, 'drafts.save', {
    procedureCode: KHAI_SINH,
    data: { step: 1, applicant: { fullName: APPLICANT.fullName }, fields: {}, attachments: [], declarationAccepted: false },
  });
  return d.id;
}

async function submit(host: Host): Promise<string> {
  const attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    attachments.push(await call(host, 'attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  const view = await call<{ localId: string }>(host, 'submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    submitter: PROXY_SUBMITTER,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
    ...(await wizardCaptcha(host)),
  });
  return view.localId;
}

describe('host-side visit expiry (injected clock)', () => {
  it('signs the citizen out, revokes their portal session, wipes the drafts and forgets the applications', async () => {
    const k = await kiosk('self-service');
    await signInCitizen(k.host, k.portalUrl);
    const localId = await submit(k.host);
    await saveDraft(k.host);

    // Just inside the limit nothing happens, even after a check has run.
    k.advance(IDLE - 1);
    await tick();
    expect(k.revoked).toEqual([]);

    k.advance(2);
    await tick();
    expect(k.revoked).toHaveLength(1);
    expect((await call<SignedIn>(k.host, 'auth.state', {})).citizen).toBeNull();
    // The receipt of the visit that left is nobody's now.
    expect(await k.host.dispatch('receipts.print', { localId })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });

    // The same person back again starts a new visit: no draft, and the old application is not reopened from here.
    await signInCitizen(k.host, k.portalUrl);
    expect(await call(k.host, 'drafts.current', {})).toEqual({ draft: null });
    expect(await k.host.dispatch('submissions.get', { localId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('calls a person makes keep the visit alive; background polls do not', async () => {
    const k = await kiosk('self-service');
    await signInCitizen(k.host, k.portalUrl);
    await saveDraft(k.host);
    for (let i = 0; i < 3; i++) {
      k.advance(IDLE - 10);
      await call(k.host, 'catalogue.search', { query: 'khai sinh' });
    }
    await tick();
    expect(k.revoked).toEqual([]);
    expect(await call<{ draft: unknown }>(k.host, 'drafts.current', {})).not.toEqual({ draft: null });

    // The home screen's counters keep polling, but nobody is there.
    for (let i = 0; i < 3; i++) {
      k.advance(IDLE / 2);
      await call(k.host, 'sync.state', {});
      await call(k.host, 'app.info', {});
    }
    await tick();
    expect(k.revoked).toHaveLength(1);
    expect((await call<SignedIn>(k.host, 'auth.state', {})).citizen).toBeNull();
  });

  it('at an assisted counter the officer present keeps the walk-in’s visit; once the counter is locked and left, the walk-in goes and the shift stays', async () => {
    const k = await kiosk('assisted');
    await signInOfficer(k.host, k.portalUrl);
    await signInCitizen(k.host, k.portalUrl);
    const draftId = await saveDraft(k.host);
    // The officer reads the walk-in's papers for minutes without touching the screen.
    k.advance(IDLE * 5);
    await tick();
    expect((await call<SignedIn>(k.host, 'auth.state', {})).citizen).not.toBeNull();
    expect(k.revoked).toEqual([]);
    expect((await call<{ draft: { id: string } | null }>(k.host, 'drafts.current', {})).draft?.id).toBe(draftId);

    // Locked counter: the officer stepped away and nobody guards the visit (the UI wipes the walk-in on lock; the host's timer is the backstop).
    await call(k.host, 'staff.lock', {});
    k.advance(IDLE + 1);
    await tick();
    const state = await call<SignedIn>(k.host, 'auth.state', {});
    expect(state.citizen).toBeNull();
    expect(state.staff).toMatchObject({ username: 'canbo.camthanh', locked: true });
    // Only the walk-in's token was revoked, not the officer's.
    expect(k.revoked).toHaveLength(1);
  });

  it('an idle kiosk with nobody at it is left alone', async () => {
    const k = await kiosk('self-service');
    k.advance(IDLE * 10);
    await tick();
    expect(k.revoked).toEqual([]);
  });
});
