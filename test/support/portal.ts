import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal, type RunningPortal } from '../../src-portal/server.js';
import { e2eLogPath, recordSentOtps } from './e2e-logs.js';
import { testDatabaseUrl } from './postgres.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestPortalOptions {
  mode?: 'training' | 'production';
  /** Injected clock: tests move it to expire OTPs, captchas, lockouts. */
  now?: () => Date;
  /** A fixed port, to bring a stopped portal back at the same address. */
  port?: number;
  /** Reuse a data dir (e.g. reopen a training DB in production); it is then not removed on close. */
  dataDir?: string;
  /** CA certificates (PEM) business certificates may chain to. */
  trustedCaPems?: string[];
  /** Another resources folder (seeds, queue centres), for a test that changes one of its files. */
  resourcesDir?: string;
  /** Capture the portal's log lines (turns the request logger on). */
  logStream?: { write(line: string): void };
  /** The fleet list's limits (a kiosk silent this long, or a queue this old, is flagged); short in a test that waits for a flag. */
  fleet?: { silentAfterSeconds?: number; queueAgeLimitSeconds?: number };
}

/**
 * Starts a real portal on 127.0.0.1 at a free port with a fresh temporary
 * data dir, removed again by `close()`.
 */
export async function startTestPortal(opts: TestPortalOptions = {}): Promise<RunningPortal & { dataDir: string }> {
  const ownsDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  // In the e2e suite every portal logs to the suite's folder, for the log scan.
  const logFile = opts.logStream ? null : e2eLogPath('portal', '.log');
  let portal: RunningPortal;
  try {
    portal = await startPortal(
      {
        dataDir,
        databaseUrl: await testDatabaseUrl(dataDir),
        resourcesDir: opts.resourcesDir ?? path.join(repoRoot, 'resources'),
        // Made by the build (npm test builds before vitest runs).
        voiceDir: path.join(repoRoot, 'out', 'queue-voice'),
        mode: opts.mode ?? 'training',
        host: '127.0.0.1',
        port: opts.port ?? 0,
        logRequests: opts.logStream !== undefined || logFile !== null,
        logFile,
        trustedCaPems: opts.trustedCaPems ?? [],
        ...(opts.fleet ? { fleet: opts.fleet } : {}),
      },
      { ...(opts.now ? { now: opts.now } : {}), ...(opts.logStream ? { logStream: opts.logStream } : {}) },
    );
  } catch (e) {
    if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  // Tests close a portal mid-test and again in their cleanup: the second close is a no-op
  // (reading the SMS outbox of a closed database would throw).
  let closing: Promise<void> | null = null;
  return {
    ...portal,
    dataDir,
    close() {
      closing ??= (async () => {
        if (logFile) recordSentOtps((await portal.context.db.selectFrom('sms_outbox').select('body').execute()).map((r) => r.body));
        await portal.close();
        if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** A clock tests can move: `clock.now` goes to startTestPortal, `clock.advance(ms)` moves time. */
export function testClock(start = new Date('2026-03-02T02:00:00.000Z')): { now: () => Date; advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}
