import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { attachGenerated, call, drained, seededRandom, signInOfficer, startDriverHost, submit } from '../crash/driver-host.js';
import { startBenchPortal, tempDir } from './kiosk-side.js';
import type { BenchLine, BenchRow } from './table.js';

const SEARCHES = 1000;
const SUBMISSIONS = 100;
const WORDS = ['khai sinh', 'kết hôn', 'thường trú', 'giấy phép xây dựng', 'hộ kinh doanh', 'đất đai', 'cccd', 'lý lịch tư pháp'];

type Split = Record<'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'arrayBuffers', number>;

/** Memory after a full collection and a moment to return freed pages, in MB: RSS, and where V8 says it is. */
async function settled(): Promise<Split> {
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 200));
  }
  const m = process.memoryUsage();
  const mb = (n: number) => n / 2 ** 20;
  return { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
}

/** `node --expose-gc bench.js --memory <portalUrl> <dataDir>`: a host alone in its process, so its RSS is its own. */
export async function memoryChild(portalUrl: string, dataDir: string): Promise<void> {
  const host = await startDriverHost({ dataDir, portalUrl, kioskId: 'BENCH-MEMORY', log: () => undefined });
  await signInOfficer(host, portalUrl);
  const fresh = await settled();
  const rng = seededRandom(12);
  for (let i = 0; i < SEARCHES; i++) {
    const word = WORDS[i % WORDS.length] as string;
    await call(host, 'catalogue.search', { query: word.slice(0, 1 + (i % word.length)), page: 1, pageSize: 20 });
  }
  for (let i = 0; i < SUBMISSIONS; i++) {
    const { files } = await attachGenerated(host, rng);
    await submit(host, files);
  }
  await drained(host, 120_000);
  const after = await settled();
  await host.close();
  console.log(`MEMORY ${JSON.stringify({ fresh, after })}`);
}

export function row7(root: string): BenchRow {
  return {
    row: 7,
    title: `Memory: host RSS after ${SEARCHES} searches and ${SUBMISSIONS} submissions (sent), against a fresh start`,
    async run(): Promise<BenchLine[]> {
      const dir = tempDir('memory');
      const portal = await startBenchPortal(root, path.join(dir, 'portal'));
      try {
        const child = spawn(process.execPath, ['--expose-gc', path.join(root, 'out', 'host', 'bench.js'), '--memory', portal.url, path.join(dir, 'kiosk')], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (b: Buffer) => (out += b.toString()));
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        const m = /MEMORY (\{.*\})/.exec(out);
        if (code !== 0 || !m?.[1]) throw new Error(`memory run failed (${code}): ${out.slice(-500)}`);
        const { fresh: f, after: a } = JSON.parse(m[1]) as { fresh: Split; after: Split };
        const fresh = f.rss;
        const after = a.rss;
        console.log(`  RSS fresh (signed in) ${fresh.toFixed(1)} MB, after ${after.toFixed(1)} MB, growth ${(after - fresh).toFixed(1)} MB (measured after gc with --expose-gc and 3 × 200 ms settle)`);
        const parts = (['heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const).map((k) => `${k} ${f[k].toFixed(1)} → ${a[k].toFixed(1)}`);
        console.log(`  of which (MB): ${parts.join(', ')}; the rest of RSS is native (SQLite, zlib, code)`);
        return [{ row: 7, what: 'host RSS after the work vs fresh start', ours: after, baseline: fresh, unit: 'MB', goal: 'growth < 30 MB', met: after - fresh < 30 }];
      } finally {
        await portal.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
