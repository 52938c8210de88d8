import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal } from '../../src-portal/server.js';
import { checkPortal, integrityOf, type Ack } from './portal-check.js';

/**
 * `npm run test:crash`: kills a kiosk host with SIGKILL at random moments
 * while it submits and syncs applications against the real reference
 * portal, then checks that every acknowledged application is on the portal
 * exactly once with attachments hash-equal to the bytes the driver
 * generated, and that the portal holds nothing the kiosk does not know.
 * Also: kills during start-up (migrations, first catalogue sync) on empty
 * data folders, and "Đồng ý" retried after a kill lost its answer. Its last
 * line is the verdict.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const driver = path.join(here, 'crash-driver.js');
const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const STARTUP_KILLS = Number(process.env.CRASH_STARTUP_KILLS ?? 6);
const TIMEOUT_MS = Number(process.env.CRASH_TIMEOUT_SECONDS ?? 1200) * 1000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-crash-'));
const kioskDir = path.join(work, 'kiosk');
const portalDataDir = path.join(work, 'portal');
const children = new Set<ChildProcess>();

/** Ends the test with a reason, leaving no driver running and no temporary folder behind. */
function abort(reason: string): never {
  console.log(reason);
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

// Whatever hangs (a driver that never exits, a portal that never answers), the test ends and says so.
setTimeout(() => abort(`TIMEOUT: the crash test did not finish within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS).unref();

const portal = await startPortal({ dataDir: portalDataDir, resourcesDir: path.resolve(here, '../../resources'), mode: 'training' });

const acks = new Map<string, Ack>();
/** Every draft "Đồng ý" was pressed for, and those pressed again after a kill. */
const submittedDrafts = new Set<string>();
const retriedDrafts = new Set<string>();
const ackedDrafts = new Set<string>();
/** The "Đồng ý" in flight when the last driver died: its payload, handed to the next run. */
let unanswered: { draftId: string; payload: string } | null = null;
// Read through a function: the assignments happen in stream callbacks, which type narrowing does not see.
const inFlight = (): { draftId: string; payload: string } | null => unanswered;

type Kill = { afterReadyMs: number } | { onSubmit: number; delayMs: number } | { afterSpawnMs: number } | null;

interface DriverRun {
  killed: boolean;
  lines: string[];
}

function runDriver(dir: string, mode: 'submit' | 'drain' | 'start' | 'check', kill: Kill, extra: string[] = []): Promise<DriverRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [driver, dir, portal.url, mode, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const lines: string[] = [];
    let buffer = '';
    let err = '';
    let submits = 0;
    const killLater = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
    if (kill && 'afterSpawnMs' in kill) killLater(kill.afterSpawnMs);
    // A driver waiting for its n-th "Đồng ý" that never comes is killed anyway.
    if (kill && 'onSubmit' in kill) killLater(30_000);
    child.stdout.on('data', (b: Buffer) => {
      buffer += b.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const sub = /^SUBMITTING (\S+) (\S+)$/.exec(line);
        if (sub?.[1] && sub[2]) {
          submittedDrafts.add(sub[1]);
          unanswered = { draftId: sub[1], payload: sub[2] };
          if (kill && 'onSubmit' in kill && ++submits === kill.onSubmit) killLater(kill.delayMs);
        }
        const ack = /^ACK (\S+) (\S+) (\S+)$/.exec(line);
        if (ack?.[1] && ack[2] && ack[3]) {
          acks.set(ack[1], { localId: ack[1], expected: ack[2].split(',') });
          ackedDrafts.add(ack[3]);
          if (unanswered?.draftId === ack[3]) unanswered = null;
        }
        if (line === 'READY' && kill && 'afterReadyMs' in kill) killLater(kill.afterReadyMs);
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (signal === 'SIGKILL' || code === 0) resolve({ killed: signal === 'SIGKILL', lines });
      // A start-up check that fails is counted by its caller; any other driver failure ends the test.
      else if (mode === 'check') resolve({ killed: false, lines: [...lines, `FAILED ${err.split('\n').find((l) => /Error|Failed/.test(l)) ?? err.slice(-300)}`] });
      else abort(`driver (${mode}) exited with ${code}: ${err.slice(-4000)}`);
    });
  });
}

const started = Date.now();

// Start-up: an empty data folder, killed a few milliseconds into its first
// start (migrations, key files, first catalogue sync), must then open and work.
const firstStart = Date.now();
await runDriver(path.join(work, 'start-probe'), 'start', null, ['CRASH-S0']);
const startMs = Date.now() - firstStart;
let startupKilled = 0;
let startupSurvived = 0;
const startupFailures: string[] = [];
for (let i = 1; i <= STARTUP_KILLS; i++) {
  const dir = path.join(work, `start-${i}`);
  const kioskId = `CRASH-S${i}`;
  const run = await runDriver(dir, 'start', { afterSpawnMs: crypto.randomInt(10, Math.max(20, startMs)) }, [kioskId]);
  if (run.killed) startupKilled++;
  const check = await runDriver(dir, 'check', null, [kioskId]);
  const total = Number(/^CHECKED (\d+)$/.exec(check.lines.find((l) => l.startsWith('CHECKED')) ?? '')?.[1] ?? 0);
  const integrity = integrityOf(dir);
  if (total > 0 && integrity === 'ok') startupSurvived++;
  else startupFailures.push(`start-${i}: catalogue=${total} integrity=${integrity} ${check.lines.find((l) => l.startsWith('FAILED')) ?? ''}`);
}

console.log(`… start-up kills done: ${startupSurvived} of ${STARTUP_KILLS} stores opened and worked, ${((Date.now() - started) / 1000).toFixed(0)} s`);
let kills = 0;
for (; kills < KILLS; kills++) {
  // Mostly short lives (mid-transaction, mid-upload), now and then a longer
  // one; one in five dies while its first "Đồng ý" waits for the answer.
  const roll = crypto.randomInt(0, 20);
  const kill: Kill =
    roll < 4
      ? { onSubmit: 1, delayMs: crypto.randomInt(0, 40) }
      : { afterReadyMs: roll < 17 ? crypto.randomInt(5, 400) : crypto.randomInt(400, 2000) };
  const pending = inFlight();
  const retry: string[] = pending ? ['CRASH-01', '--retry', pending.payload] : [];
  if (pending) retriedDrafts.add(pending.draftId);
  await runDriver(kioskDir, 'submit', kill, retry);
  if ((kills + 1) % 50 === 0) console.log(`… ${kills + 1} kills, ${acks.size} acknowledged, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
await runDriver(kioskDir, 'drain', null);

const verdict = checkPortal({ kioskDataDir: kioskDir, portalDataDir, kioskId: 'CRASH-01', acks: acks.values() });
const kioskIntegrity = integrityOf(kioskDir);
// Every retried draft is one application under its draft's key, and no
// draft made two: more kiosk applications than drafts means a retry did.
let retrySurvived = 0;
let retryLost = 0;
for (const draftId of retriedDrafts) {
  const onPortal = verdict.perKey.get(`CRASH-01.${draftId}`) ?? 0;
  if (onPortal === 1) retrySurvived++;
  // A retry killed again before it committed leaves nothing, which is right unless it was acknowledged.
  else if (ackedDrafts.has(draftId)) retryLost++;
  else retrySurvived++;
}
const retryDuplicated = Math.max(0, verdict.kioskApplications - submittedDrafts.size);

await portal.close();
fs.rmSync(work, { recursive: true, force: true });
for (const f of startupFailures) console.log(`startup failure: ${f}`);
console.log(`start-up: ${startupKilled} of ${STARTUP_KILLS} killed before READY (a first start takes ${startMs} ms)`);
console.log(`class=startup_kill tries=${STARTUP_KILLS} survived=${startupSurvived} lost=${STARTUP_KILLS - startupSurvived} duplicated=0`);
console.log(`class=retry_submit tries=${retriedDrafts.size} survived=${retrySurvived} lost=${retryLost} duplicated=${retryDuplicated}`);
console.log(
  `unknown_to_kiosk=${verdict.unknown} kiosk_applications=${verdict.kioskApplications} drafts=${submittedDrafts.size} integrity=${kioskIntegrity} seconds=${((Date.now() - started) / 1000).toFixed(0)}`,
);
console.log(
  `kills=${kills} acknowledged=${verdict.acknowledged} on_portal=${verdict.onPortal} missing=${verdict.missing} duplicated=${verdict.duplicated} attachment_mismatches=${verdict.mismatches}`,
);
const ok =
  verdict.missing + verdict.duplicated + verdict.mismatches + verdict.unknown === 0 &&
  verdict.onPortal === verdict.kioskApplications &&
  verdict.acknowledged > 0 &&
  kioskIntegrity === 'ok' &&
  startupSurvived === STARTUP_KILLS &&
  retrySurvived === retriedDrafts.size &&
  retryDuplicated === 0;
process.exit(ok ? 0 : 1);
