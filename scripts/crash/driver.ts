import fs from 'node:fs';
import { attachGenerated, call, drained, saveDraft, seededRandom, signInOfficer, startDriverHost, submit, type AttachedFile } from './driver-host.js';
import { KHAI_SINH } from './sample-application.js';

/**
 * The process the crash test kills: a real kiosk host submitting
 * applications as fast as it can while its sync engine sends them.
 *
 * - "SUBMITTING <draftId> <pending>" is printed just before "Đồng ý" is
 *   sent: from then on the runner may kill, and the next run retries the
 *   same draft (`--retry <pending>`), as a citizen would press again.
 * - "ACK <localId> <hashes> <draftId>" only after `submissions.submit`
 *   answered: the moment the UI would tell a citizen their application is
 *   in. The hashes are those of the bytes generated here.
 * - mode "start" only starts (start-up kills); "check" proves a store that
 *   was killed while starting opens and works; "drain" waits for the outbox.
 */
const [dataDir, portalUrl, mode, kioskIdArg, flag, retryArg] = process.argv.slice(2);
if (!dataDir || !portalUrl || !mode || !['submit', 'drain', 'start', 'check'].includes(mode)) {
  console.error('usage: crash-driver <dataDir> <portalUrl> submit|drain|start|check [kioskId] [--retry <pending>]');
  process.exit(2);
}
const out = (line: string) => fs.writeSync(1, `${line}\n`);

interface PendingSubmit {
  draftId: string;
  files: AttachedFile[];
  expected: string[];
}
const encode = (p: PendingSubmit) => Buffer.from(JSON.stringify(p)).toString('base64url');
const decode = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString()) as PendingSubmit;

const host = await startDriverHost({ dataDir, portalUrl, kioskId: kioskIdArg ?? 'CRASH-01' });
out('READY');

if (mode === 'start') {
  await host.close();
  process.exit(0);
}

if (mode === 'check') {
  await signInOfficer(host, portalUrl);
  const search = await call<{ total: number }>(host, 'catalogue.search', { query: 'khai sinh', page: 1 });
  const procedure = await call<{ code: string }>(host, 'catalogue.get', { code: KHAI_SINH });
  const draft = await call<{ id: string }>(host, 'drafts.save', { procedureCode: procedure.code, data: { step: 1 } });
  await call(host, 'drafts.discard', { id: draft.id });
  await call(host, 'sync.state', {});
  out(`CHECKED ${search.total}`);
  await host.close();
  process.exit(0);
}

if (mode === 'drain') {
  await drained(host, 120_000);
  out('DRAINED');
  await host.close();
  process.exit(0);
}

await signInOfficer(host, portalUrl);

async function pressAgree(p: PendingSubmit): Promise<void> {
  out(`SUBMITTING ${p.draftId} ${encode(p)}`);
  const localId = await submit(host, p.files, p.draftId);
  out(`ACK ${localId} ${p.expected.join(',')} ${p.draftId}`);
}

// The answer to the last "Đồng ý" was lost with the previous process: press it again.
if (flag === '--retry' && retryArg) await pressAgree(decode(retryArg));

const rng = seededRandom(Date.now());
for (;;) {
  const { files, expected } = await attachGenerated(host, rng);
  await pressAgree({ draftId: await saveDraft(host, files), files, expected });
}
