import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startBenchPortal, tempDir } from './kiosk-side.js';
import { median, type BenchLine, type BenchRow } from './table.js';

const RUNS = 3;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' };

/** Spawns a process and resolves with ms from spawn to the line matching `ready`, and the URL on it. */
function untilLine(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ ms: number; url: string; stop(): Promise<void> }> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = ready.exec(out);
      if (m?.[1]) resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, url: m[1], stop });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready: ${err}`)));
  });
}

/** The same build from a bare file server in a few lines of Node: the start-up baseline (argv[1] is the folder). */
const STATIC_SERVER = `
const fs = require('node:fs'), http = require('node:http'), path = require('node:path');
const dir = process.argv[1];
const types = ${JSON.stringify(TYPES)};
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(dir, rel === '/' ? 'index.html' : path.normalize(rel));
  if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
server.listen(0, '127.0.0.1', () => console.log('Static ready: http://127.0.0.1:' + server.address().port + '/'));
`;

/** The entry chunk and what index.html preloads with it, gzipped; and all of the renderer's JS, for scale. */
function initialJs(rendererDir: string): { initial: number; all: number } {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1] as string);
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length / 1024;
  const assets = path.join(rendererDir, 'assets');
  return {
    initial: refs.reduce((sum, ref) => sum + gz(path.join(rendererDir, ref.replace(/^\.?\//, ''))), 0),
    all: fs.readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(path.join(assets, f)), 0),
  };
}

async function firstPaint(url: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url, { waitUntil: 'load' });
    // A string, as this file compiles without DOM types.
    const fcp = await page.evaluate(`new Promise((resolve) => new PerformanceObserver((list) => {
      const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
      if (e) resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true }))`);
    return Number(fcp);
  } finally {
    await browser.close();
  }
}

export function row5(root: string): BenchRow {
  return {
    row: 5,
    title: 'Start-up: host process to "Kiosk ready", first contentful paint, initial JS',
    async run(): Promise<BenchLine[]> {
      const dir = tempDir('startup');
      const portal = await startBenchPortal(root, path.join(dir, 'portal'));
      const hostDir = path.join(root, 'out', 'host');
      const rendererDir = path.join(root, 'out', 'renderer');
      try {
        const ready: number[] = [];
        const staticReady: number[] = [];
        const paint: number[] = [];
        const staticPaint: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          // A fresh data folder each time: migrations and the first catalogue sync are part of a start.
          const kiosk = await untilLine([path.join(hostDir, 'start.js'), '--headless', '--portal', portal.url], { KIOSK_DATA_DIR: path.join(dir, `kiosk-${i}`) }, /Kiosk ready: (\S+)/);
          const files = await untilLine(['-e', STATIC_SERVER, rendererDir], {}, /Static ready: (\S+)/);
          try {
            ready.push(kiosk.ms);
            staticReady.push(files.ms);
            paint.push(await firstPaint(kiosk.url));
            staticPaint.push(await firstPaint(files.url));
          } finally {
            await kiosk.stop();
            await files.stop();
          }
        }
        const js = initialJs(rendererDir);
        console.log(`  Kiosk ready: ${ready.map((m) => m.toFixed(0)).join(', ')} ms; static server ready: ${staticReady.map((m) => m.toFixed(0)).join(', ')} ms`);
        console.log(`  first contentful paint: kiosk ${paint.map((m) => m.toFixed(0)).join(', ')} ms; static ${staticPaint.map((m) => m.toFixed(0)).join(', ')} ms`);
        console.log(`  renderer JS gzipped: ${js.initial.toFixed(0)} kB loaded at start of ${js.all.toFixed(0)} kB in all`);
        return [
          { row: 5, what: 'host start to "Kiosk ready" vs static file server', ours: median(ready), baseline: median(staticReady), unit: 'ms', goal: '< 1500 ms', met: median(ready) < 1500 },
          { row: 5, what: 'first contentful paint vs same build from static server', ours: median(paint), baseline: median(staticPaint), unit: 'ms', goal: '—', met: null },
          { row: 5, what: 'initial JS gzipped vs all renderer JS', ours: js.initial, baseline: js.all, unit: 'kB', goal: '< 250 kB', met: js.initial < 250 },
        ];
      } finally {
        await portal.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
