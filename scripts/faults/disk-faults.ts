import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Host } from '../../src-main/host.js';
import { ERROR_MESSAGES, type ErrorCode } from '../../src-shared/errors.js';
import { attachGenerated, call, drained, saveDraft, seededRandom, signInOfficer, startDriverHost, submissionInput, type AttachedFile } from '../crash/driver-host.js';
import { checkPortal, integrityOf, type Ack } from '../crash/portal-check.js';
import { KHAI_SINH } from '../crash/sample-application.js';
import type { ClassResult } from './fault-class.js';
import { PortalProcess } from './portal-process.js';

/**
 * Data-folder faults on real file systems:
 * - disk_full: a small tmpfs as the data folder, filled to the last byte;
 * - read_only: an ext4 image on a loop device mounted errors=remount-ro,
 *   then made to fail (the kernel's emergency read-only, what a dying disk
 *   does). A tmpfs cannot be remounted read-only while the kiosk holds its
 *   database open for writing (EBUSY), so that is not what a kiosk meets.
 * Each must answer a clear Vietnamese error (not INTERNAL), keep the store
 * intact (PRAGMA integrity_check) and take the same submission once the
 * folder is writable again.
 */
// One kiosk id per class: a training portal enrols an id with the first device key it sees.
const FULL_ID = 'FAULTS-FULL';
const READ_ONLY_ID = 'FAULTS-RO';
const DRAIN_MS = 60_000;

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const mounted = new Set<string>();
// The overall timeout exits from anywhere: leave nothing mounted behind.
process.on('exit', () => {
  for (const dir of mounted) {
    try {
      sh('umount', ['-l', dir]);
    } catch {
      // Already gone.
    }
  }
});

function mount(args: string[], dir: string): void {
  sh('mount', [...args, dir]);
  mounted.add(dir);
}

/** A lazy unmount when something still holds the folder, so a failed class cannot leave the machine mounted. */
function unmount(dir: string): void {
  try {
    sh('umount', [dir]);
  } catch {
    sh('umount', ['-l', dir]);
  }
  mounted.delete(dir);
}

function errorText(e: unknown): string {
  const stderr = (e as { stderr?: unknown }).stderr;
  return (typeof stderr === 'string' && stderr.trim()) || (e instanceof Error ? e.message : String(e));
}

interface Pending {
  files: AttachedFile[];
  expected: string[];
  draftId: string;
}

/** Every call made on the broken folder must either work or say `expected` in Vietnamese. */
async function attempt(
  host: Host,
  name: string,
  input: unknown,
  expected: ErrorCode,
  failures: string[],
  notes: string[],
): Promise<{ survived: boolean; refused: boolean; data: unknown }> {
  const r = await host.dispatch(name, input);
  notes.push(`${name} → ${r.ok ? 'ok' : r.error.code}`);
  if (r.ok) return { survived: true, refused: false, data: r.data };
  if (r.error.code === expected && r.error.message === ERROR_MESSAGES[expected].vi) return { survived: true, refused: true, data: null };
  failures.push(`${name} answered ${r.error.code} (${r.error.message}) instead of ${expected}`);
  return { survived: false, refused: false, data: null };
}

/** The three writes a citizen's visit makes: a document, the draft, "Đồng ý". */
async function tryWrites(host: Host, pending: Pending, expected: ErrorCode, failures: string[], notes: string[], acks: Ack[]): Promise<{ tries: number; survived: number; refused: number }> {
  const rng = seededRandom(Date.now());
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(64 * 1024 + Math.floor(rng() * 1024)), Buffer.from('\n%%EOF\n')]);
  const results = [
    await attempt(host, 'attachments.add', { componentId: 'giay-chung-sinh', fileName: 'giay-chung-sinh.pdf', dataBase64: bytes.toString('base64') }, expected, failures, notes),
    await attempt(host, 'drafts.save', { id: pending.draftId, procedureCode: KHAI_SINH, data: { step: 3, attachments: pending.files } }, expected, failures, notes),
  ];
  const captcha = await call<{ id: string }>(host, 'wizard.captcha', {});
  const submitted = await attempt(host, 'submissions.submit', await submissionInput(host, captcha.id, pending.files, pending.draftId), expected, failures, notes);
  results.push(submitted);
  if (submitted.data) acks.push({ localId: (submitted.data as { localId: string }).localId, expected: pending.expected });
  // The host is still there and answers.
  const state = await host.dispatch('sync.state', {});
  if (!state.ok) failures.push(`sync.state answered ${state.error.code} while the folder was broken`);
  return { tries: results.length, survived: results.filter((r) => r.survived).length, refused: results.filter((r) => r.refused).length };
}

async function prepare(host: Host, portalUrl: string, acks: Ack[]): Promise<Pending> {
  await signInOfficer(host, portalUrl);
  const rng = seededRandom(Date.now());
  // One application goes through before the fault, so the store has history to lose.
  const first = await attachGenerated(host, rng);
  const captcha = await call<{ id: string }>(host, 'wizard.captcha', {});
  const view = await call<{ localId: string }>(host, 'submissions.submit', await submissionInput(host, captcha.id, first.files, await saveDraft(host, first.files)));
  acks.push({ localId: view.localId, expected: first.expected });
  await drained(host, DRAIN_MS);
  const next = await attachGenerated(host, rng);
  return { ...next, draftId: await saveDraft(host, next.files) };
}

/** The same "Đồng ý" again, once the folder can be written: one application, sent. */
async function recover(host: Host, pending: Pending, acks: Ack[], failures: string[]): Promise<void> {
  const captcha = await call<{ id: string }>(host, 'wizard.captcha', {});
  const r = await host.dispatch('submissions.submit', await submissionInput(host, captcha.id, pending.files, pending.draftId));
  if (!r.ok) {
    failures.push(`after recovery submissions.submit answered ${r.error.code} (${r.error.message})`);
    return;
  }
  const localId = (r.data as { localId: string }).localId;
  if (!acks.some((a) => a.localId === localId)) acks.push({ localId, expected: pending.expected });
  await drained(host, DRAIN_MS);
}

function judge(name: string, kioskId: string, kioskDir: string, portal: PortalProcess, acks: Ack[], counts: { tries: number; survived: number; refused: number }, failures: string[], notes: string[], fault: string): ClassResult {
  if (counts.refused === 0) failures.push(`no write was refused: the ${fault} never showed`);
  const integrity = integrityOf(kioskDir);
  if (integrity !== 'ok') failures.push(`integrity_check after recovery: ${integrity}`);
  const v = checkPortal({ kioskDataDir: kioskDir, portalDataDir: portal.dataDir, kioskId, acks });
  if (v.mismatches > 0) failures.push(`${v.mismatches} applications with attachments that differ from the generated bytes`);
  if (v.kioskApplications !== acks.length) failures.push(`${v.kioskApplications} applications in the store for ${acks.length} acknowledged`);
  return { name, tries: counts.tries, survived: counts.survived, lost: v.missing, duplicated: v.duplicated + Math.max(0, v.kioskApplications - acks.length), failures, notes };
}

/** Why this machine cannot run the data-folder faults, or null when it can. */
function cannotMount(probeDir: string): string | null {
  if (process.getuid?.() !== 0) return 'not root: mounting a small file system needs root';
  fs.mkdirSync(probeDir, { recursive: true });
  try {
    sh('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probeDir]);
    sh('umount', [probeDir]);
    return null;
  } catch (e) {
    return `mount -t tmpfs failed: ${errorText(e).split('\n')[0]}`;
  }
}

async function diskFull(work: string, portal: PortalProcess): Promise<ClassResult> {
  const mountDir = path.join(work, 'disk-full');
  fs.mkdirSync(mountDir, { recursive: true });
  // Big enough for the catalogue cache and a few applications, small enough to fill in a moment.
  mount(['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs'], mountDir);
  const kioskDir = path.join(mountDir, 'data');
  const failures: string[] = [];
  const notes: string[] = [];
  const acks: Ack[] = [];
  let counts = { tries: 0, survived: 0, refused: 0 };
  let host: Host | null = null;
  const filler = path.join(mountDir, 'filler');
  try {
    host = await startDriverHost({ dataDir: kioskDir, portalUrl: portal.url, kioskId: FULL_ID, log: () => undefined });
    const pending = await prepare(host, portal.url, acks);
    // An empty WAL: the next commit has to allocate, which is when a full disk bites.
    const side = new Database(path.join(kioskDir, 'kiosk.sqlite'));
    side.pragma('wal_checkpoint(TRUNCATE)');
    side.close();
    const fd = fs.openSync(filler, 'w');
    const block = Buffer.alloc(64 * 1024, 0x5a);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      // The last few bytes too: a partial block still fits.
      for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
        try {
          for (;;) fs.writeSync(fd, block.subarray(0, size));
        } catch {
          /* this size no longer fits; try a smaller one */
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    counts = await tryWrites(host, pending, 'STORAGE_FULL', failures, notes, acks);
    fs.rmSync(filler);
    await recover(host, pending, acks, failures);
  } catch (e) {
    failures.push(`disk_full: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await host?.close().catch((e: unknown) => failures.push(`closing the host: ${e instanceof Error ? e.message : String(e)}`));
  }
  const result = judge('disk_full', FULL_ID, kioskDir, portal, acks, counts, failures, notes, 'full disk');
  unmount(mountDir);
  return result;
}

async function readOnly(work: string, portal: PortalProcess): Promise<ClassResult> {
  const image = path.join(work, 'read-only.img');
  const mountDir = path.join(work, 'read-only');
  fs.mkdirSync(mountDir, { recursive: true });
  const failures: string[] = [];
  try {
    fs.writeFileSync(image, '');
    fs.truncateSync(image, 64 * 1024 * 1024);
    sh('mkfs.ext4', ['-q', '-F', image]);
    mount(['-o', 'loop,errors=remount-ro', image], mountDir);
  } catch (e) {
    return { name: 'read_only', tries: 0, survived: 0, lost: 0, duplicated: 0, failures: [], skipped: `no loop-mounted ext4 here: ${errorText(e).split('\n')[0]}` };
  }
  const kioskDir = path.join(mountDir, 'data');
  const notes: string[] = [];
  const acks: Ack[] = [];
  let counts = { tries: 0, survived: 0, refused: 0 };
  let host: Host | null = null;
  let pending: Pending | null = null;
  try {
    host = await startDriverHost({ dataDir: kioskDir, portalUrl: portal.url, kioskId: READ_ONLY_ID, log: () => undefined });
    pending = await prepare(host, portal.url, acks);
    // No `sync` first: the disk fails with whatever the host left unsynced, so a file it wrote
    // without fsync (the key files once were) would show up as lost data here.
    const device = path.basename(sh('findmnt', ['-n', '-o', 'SOURCE', mountDir]).trim());
    fs.writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, '1');
    if (!/\bro\b|emergency_ro/.test(sh('findmnt', ['-n', '-o', 'OPTIONS', mountDir]))) failures.push('the file system did not turn read-only');
    counts = await tryWrites(host, pending, 'STORAGE_READ_ONLY', failures, notes, acks);
  } catch (e) {
    failures.push(`read_only: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    // The kiosk is restarted once the disk is fixed, as staff would: close may fail on a read-only folder.
    await host?.close().catch(() => undefined);
    host = null;
  }
  try {
    unmount(mountDir);
    try {
      sh('e2fsck', ['-f', '-y', image]);
    } catch (e) {
      // Exit codes 1 and 2 mean "errors corrected".
      const status = (e as { status?: number }).status;
      if (status !== 1 && status !== 2) throw e;
    }
    mount(['-o', 'loop,errors=remount-ro', image], mountDir);
    if (integrityOf(kioskDir) !== 'ok') failures.push(`integrity_check before restart: ${integrityOf(kioskDir)}`);
    host = await startDriverHost({ dataDir: kioskDir, portalUrl: portal.url, kioskId: READ_ONLY_ID, log: () => undefined });
    await signInOfficer(host, portal.url);
    if (pending) await recover(host, pending, acks, failures);
  } catch (e) {
    failures.push(`read_only recovery: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await host?.close().catch(() => undefined);
  }
  const result = judge('read_only', READ_ONLY_ID, kioskDir, portal, acks, counts, failures, notes, 'read-only folder');
  unmount(mountDir);
  return result;
}

export async function runDiskFaults(hostDir: string, work: string, report: (r: ClassResult) => void): Promise<void> {
  const reason = cannotMount(path.join(work, 'mount-probe'));
  if (reason) {
    for (const name of ['disk_full', 'read_only']) report({ name, tries: 0, survived: 0, lost: 0, duplicated: 0, failures: [], skipped: reason });
    return;
  }
  const portal = new PortalProcess(hostDir, path.join(work, 'disk-portal'));
  await portal.start();
  try {
    report(await diskFull(work, portal));
    report(await readOnly(work, portal));
  } finally {
    await portal.stop();
  }
}
