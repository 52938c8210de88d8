import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { row8EventLoop, type BenchRow } from './row8-event-loop.js';

/**
 * Bench row 8 on its own (`node out/host/bench-row8.js` after a build); the
 * full `npm run bench` runs the same function among the other rows.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function print(rows: BenchRow[]): void {
  console.log(['what', 'ours', 'baseline', 'ratio', 'goal'].join('\t'));
  for (const r of rows) console.log([r.what, r.ours, r.baseline, `${r.ratio.toFixed(1)}×`, r.goal].join('\t'));
}

row8EventLoop({ root }).then(print, (e: unknown) => {
  console.error(`Bench row 8 failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
