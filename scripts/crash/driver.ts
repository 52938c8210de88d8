import fs from 'node:fs';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost } from '../../src-main/host.js';
import { APPLICANT, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from './sample-application.js';

/**
 * The process the crash test kills: a real kiosk host submitting
 * applications as fast as it can while its sync engine sends them. It
 * prints "ACK <localId> <hashes>" only after `submissions.submit` answered —
 * the moment the UI would tell a citizen their application is in.
 */
const [dataDir, portalUrl, mode] = process.argv.slice(2);
if (!dataDir || !portalUrl || (mode !== 'submit' && mode !== 'drain')) {
  console.error('usage: crash-driver <dataDir> <portalUrl> submit|drain');
  process.exit(2);
}
const out = (line: string) => fs.writeSync(1, `${line}\n`);

// Assisted mode: the officer of the shift receives on the citizens' behalf, so no OTP per restart.
const host = await createHost(
  KioskConfigSchema.parse({ portalUrl, dataDir, kioskId: 'CRASH-01', mode: 'assisted', training: true, catalogueSyncSeconds: 3600, statusRefreshSeconds: 3600 }),
  { shell: 'browser', outbox: { idleMs: 100, backoff: { baseMs: 50, capMs: 800, floorMs: 20 } }, probeMs: 200 },
);

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

out('READY');

if (mode === 'drain') {
  for (;;) {
    const state = await host.dispatch('sync.state', {});
    if (state.ok && (state.data as { pending: number }).pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  out('DRAINED');
  await host.close();
  process.exit(0);
}

const portalCaptcha = await call<{ id: string }>('auth.captcha', {});
const { answer } = (await (await fetch(`${portalUrl}/api/v1/dev/captcha/${portalCaptcha.id}`)).json()) as { answer: string };
await call('staff.signIn', { username: 'canbo.camthanh', password: 'CanBo@2026', captchaId: portalCaptcha.id, captchaAnswer: answer, pin: '246810' });

let seed = Date.now() % 2147483647;
const rng = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
for (;;) {
  const attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    const r = await host.dispatch('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') });
    if (!r.ok) throw new Error(r.error.message);
    attachments.push(r.data as { sha256: string });
  }
  const captcha = await call<{ id: string }>('wizard.captcha', {});
  const res = await host.dispatch('submissions.submit', {
    captchaId: captcha.id,
    captchaAnswer: host.trainingCaptchaAnswer?.(captcha.id) ?? '',
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
  });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  out(`ACK ${(res.data as { localId: string }).localId} ${attachments.map((a) => a.sha256).join(',')}`);
}
