import path from 'node:path';
import { PortalProcess } from '../faults/portal-process.js';
import { kioskToken, postApplication, sampleFiles, tempDir } from './kiosk-side.js';
import { percentile, type BenchLine, type BenchRow } from './table.js';
import fs from 'node:fs';

const KIOSKS = 20;
const PER_KIOSK = 10;
const FILE_SIZE = 32 * 1024;

/** Each kiosk sends its share one after another, all kiosks at once; latency per submission, failures counted. */
async function load(url: string, kiosks: number, tag: string): Promise<{ latencies: number[]; errors: number; wallMs: number }> {
  const tokens = await Promise.all(Array.from({ length: kiosks }, (_, k) => kioskToken(url, `${tag}-${k}`)));
  const latencies: number[] = [];
  let errors = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    tokens.map(async (token, k) => {
      for (let i = 0; i < PER_KIOSK; i++) {
        const files = sampleFiles(3, FILE_SIZE);
        const t = process.hrtime.bigint();
        try {
          await postApplication(url, token, `${tag}-${k}`, files);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

export function row6(root: string): BenchRow {
  return {
    row: 6,
    title: `Portal under load: ${KIOSKS} kiosks × ${PER_KIOSK} submissions at once, then 10×`,
    async run(): Promise<BenchLine[]> {
      const dir = tempDir('load');
      // Its own process, as a real portal is: the load generator here does not share its event loop.
      const portal = new PortalProcess(path.join(root, 'out', 'host'), path.join(dir, 'portal'));
      const url = await portal.start();
      try {
        const base = await load(url, KIOSKS, 'LOAD-A');
        const heavy = await load(url, KIOSKS * 10, 'LOAD-B');
        for (const [name, r, n] of [['1×', base, KIOSKS], ['10×', heavy, KIOSKS * 10]] as const) {
          const ok = r.latencies.length;
          console.log(`  ${name}: ${n} kiosks, ${ok + r.errors} submissions in ${(r.wallMs / 1000).toFixed(1)} s, p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p95 ${percentile(r.latencies, 95).toFixed(0)} ms, errors ${r.errors}`);
        }
        const p95 = percentile(base.latencies, 95);
        return [
          { row: 6, what: `portal p95, ${KIOSKS * PER_KIOSK} submissions from ${KIOSKS} kiosks vs p50`, ours: p95, baseline: percentile(base.latencies, 50), unit: 'ms', goal: '0 errors', met: base.errors === 0 },
          { row: 6, what: `errors at 1× / at 10× (${KIOSKS * PER_KIOSK * 10} submissions)`, ours: base.errors, baseline: heavy.errors, unit: '', goal: '0', met: base.errors === 0 && heavy.errors === 0 },
          { row: 6, what: 'portal p95 at 10× load vs at 1×', ours: percentile(heavy.latencies, 95), baseline: p95, unit: 'ms', goal: '—', met: null },
        ];
      } finally {
        await portal.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
