import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './procedures.js';
import { e2eLogPath, recordSentOtps, smsBodiesIn } from './e2e-logs.js';

export interface KioskProcess {
  kioskUrl: string;
  portalUrl: string | null;
  dataDir: string;
  /** The process `npm start` runs (its host runs in a child of it). */
  pid: number;
  output: () => string;
  stop(): Promise<number | null>;
}

/**
 * Runs the built kiosk exactly as `npm start -- --headless` does
 * (out/host/start.js), in a fresh data dir, and waits for its ready line.
 */
export async function startKiosk(opts: { env?: Record<string, string>; args?: string[]; dataDir?: string } = {}): Promise<KioskProcess> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-cwd-'));
  // In the e2e suite the host's and embedded portal's logs go to the suite's folder, for the log scan.
  const logDir = e2eLogPath('kiosk');
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'out/host/start.js'), '--headless', ...(opts.args ?? [])], {
    cwd,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, ...(logDir ? { KIOSK_LOG_DIR: logDir } : {}), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const ready = await new Promise<{ kiosk: string; portal: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not get ready in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const kiosk = /^Kiosk ready: (\S+)$/m.exec(out)?.[1];
      if (kiosk) {
        clearTimeout(timer);
        resolve({ kiosk, portal: /^Portal ready: (\S+)$/m.exec(out)?.[1] ?? null });
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${out}`));
    });
  });

  return {
    kioskUrl: ready.kiosk,
    portalUrl: ready.portal,
    dataDir,
    pid: child.pid as number,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      const code = await exited;
      recordSentOtps(smsBodiesIn(path.join(dataDir, 'portal', 'portal.sqlite')));
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(cwd, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * The pid of the kiosk's host process, read from the process tree as an
 * operator would (`ps --ppid`): the product prints nothing for tests.
 */
export function hostProcessPid(kiosk: KioskProcess): number | null {
  let listing: string;
  try {
    listing = execFileSync('ps', ['--ppid', String(kiosk.pid), '-o', 'pid=,args='], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when the shell has no child at this moment (between a death and the restart).
    return null;
  }
  const line = listing.split('\n').find((l) => l.includes('host-process.js'));
  return line ? Number(line.trim().split(/\s+/)[0]) : null;
}
