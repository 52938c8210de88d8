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

const host = await createHost(
  KioskConfigSchema.parse({ portalUrl, dataDir, kioskId: 'CRASH-01', catalogueSyncSeconds: 3600, statusRefreshSeconds: 3600 }),
  { shell: 'browser', outbox: { idleMs: 100, backoff: { baseMs: 50, capMs: 800, floorMs: 20 } }, probeMs: 200 },
);
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

let seed = Date.now() % 2147483647;
const rng = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
for (;;) {
  const attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    const r = await host.dispatch('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') });
    if (!r.ok) throw new Error(r.error.message);
    attachments.push(r.data as { sha256: string });
  }
  const res = await host.dispatch('submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
  });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  out(`ACK ${(res.data as { localId: string }).localId} ${attachments.map((a) => a.sha256).join(',')}`);
}
