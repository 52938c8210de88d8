import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallResult } from '../../src-shared/kiosk-api.js';
import type { Host } from '../../src-main/host.js';
import { startPortal } from '../../src-portal/server.js';
import { attachGenerated, call, seededRandom, signInOfficer, submit } from '../crash/driver-host.js';
import { cameraPages } from './camera-pages.js';
import type { BenchLine, BenchRow } from './table.js';
import { Row8ShellMessageSchema, type Row8Command, type Row8ShellArgs, type Row8ShellMessage } from './row8-protocol.js';

export interface Row8Options {
  /** The repository root (out/ and resources/ under it). */
  root: string;
  pages?: number;
  submissions?: number;
}

export function row8(root: string): BenchRow {
  return { row: 8, title: 'Window responsiveness: event-loop delay of the process serving the window', run: () => row8EventLoop({ root }) };
}

type Delay = Extract<Row8ShellMessage, { kind: 'delay' }>;

/**
 * Row 8, window responsiveness: the event-loop delay of the process that
 * serves the window (the browser shell's HTTP server) while a 20-page
 * camera document is joined into a PDF (attachments.fromImages, the real
 * paper handler) and 10 submissions commit, through the kiosk API over HTTP
 * as the window calls it. Measured with the host inside that process (the
 * baseline: how the kiosk ran before issue 12) and with the host in its own
 * process (how `npm start` runs it now), in the same run, against the same
 * reference portal.
 */
export async function row8EventLoop(opts: Row8Options): Promise<BenchLine[]> {
  const pageCount = opts.pages ?? 20;
  const submissions = opts.submissions ?? 10;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-row8-'));
  const portal = await startPortal({ dataDir: path.join(work, 'portal'), resourcesDir: path.join(opts.root, 'resources'), mode: 'training' });
  try {
    const pages = (await cameraPages(pageCount)).map((bytes) => ({ dataBase64: Buffer.from(bytes).toString('base64') }));
    const measure = (hostPlacement: Row8ShellArgs['hostPlacement']): Promise<Delay> =>
      measureShell(opts.root, { hostPlacement, portalUrl: portal.url, dataDir: path.join(work, hostPlacement), rendererDir: path.join(opts.root, 'out/renderer'), hostEntry: path.join(opts.root, 'out/host/host-process.js') }, pages, submissions);
    const before = await measure('in-process');
    const after = await measure('host-process');
    const load = `${pageCount} camera pages (${(pages.reduce((n, p) => n + p.dataBase64.length * 0.75, 0) / 1048576).toFixed(1)} MB) joined + ${submissions} submissions`;
    // Ours is the host in its own process, the baseline how it ran before: a ratio under 1 is the gain.
    return [
      { row: 8, what: `window event-loop delay p99, ${load}, host process vs host in the shell`, ours: after.p99Ms, baseline: before.p99Ms, unit: 'ms', goal: 'falls after the move', met: after.p99Ms < before.p99Ms },
      { row: 8, what: `window event-loop delay max, same load`, ours: after.maxMs, baseline: before.maxMs, unit: 'ms', goal: '—', met: null },
    ];
  } finally {
    await portal.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The window's side of the kiosk API (what the renderer's HTTP transport sends), as a Host for the driver helpers. */
function windowClient(origin: string, secret: string): Host {
  const headers = { 'content-type': 'application/json', 'x-kiosk-secret': secret, origin };
  return {
    async dispatch(name, input) {
      const res = await fetch(`${origin}/api/call/${String(name)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      return (await res.json()) as CallResult;
    },
    onEvent: () => () => undefined,
    async trainingCaptchaAnswer(id) {
      const res = await fetch(`${origin}/api/dev/captcha/${encodeURIComponent(id)}`, { headers });
      return res.ok ? ((await res.json()) as { answer: string }).answer : null;
    },
    close: () => Promise.resolve(),
  };
}

async function measureShell(root: string, args: Row8ShellArgs, pages: { dataBase64: string }[], submissions: number): Promise<Delay> {
  const child = fork(path.join(root, 'out/host/bench-row8-shell.js'), [JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const ready = await next(child, 'ready');
    const kiosk = windowClient(ready.origin, ready.secret);
    await signInOfficer(kiosk, new URL(args.portalUrl).origin);
    const rng = seededRandom(8);
    const join = (count: number) => call(kiosk, 'attachments.fromImages', { componentId: 'giay-to-tuy-than', fileName: 'giay-to.jpg', pages: pages.slice(0, count) });
    // Warm-up: first-call costs (JIT, font and PDF code, the first fsync) are not what the row is about.
    await join(2);
    await submit(kiosk, (await attachGenerated(kiosk, rng)).files);

    command(child, 'measure');
    await Promise.all([
      join(pages.length),
      (async () => {
        for (let i = 0; i < submissions; i++) await submit(kiosk, (await attachGenerated(kiosk, rng)).files);
      })(),
    ]);
    const reported = next(child, 'delay');
    command(child, 'report');
    return await reported;
  } finally {
    command(child, 'stop');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function command(child: ChildProcess, c: Row8Command): void {
  if (child.connected) child.send(c);
}

function next<K extends Row8ShellMessage['kind']>(child: ChildProcess, kind: K): Promise<Extract<Row8ShellMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (raw: unknown): void => {
      const parsed = Row8ShellMessageSchema.safeParse(raw);
      if (!parsed.success || parsed.data.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(parsed.data as Extract<Row8ShellMessage, { kind: K }>);
    };
    const onExit = (code: number | null): void => reject(new Error(`row 8: the shell process ended (${String(code)}) before "${kind}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

