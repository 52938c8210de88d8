import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { row1 } from './row1-search.js';
import { row2 } from './row2-commit.js';
import { row3 } from './row3-drain.js';
import { row4 } from './row4-receipt.js';
import { row5 } from './row5-startup.js';
import { row6 } from './row6-portal-load.js';
import { memoryChild, row7 } from './row7-memory.js';
import { row8 } from './row8-event-loop.js';
import { formatTable, type BenchLine, type BenchRow } from './table.js';

/**
 * `npm run bench`: each row measures the kiosk beside a baseline in the
 * same run (these machines are noisy, so only ratios mean much) and the
 * table at the end is what the README's "Performance" section shows.
 * `npm run bench -- 1 3` runs only those rows. Not part of `npm test`.
 * The same bundle is also row 7's child process (--memory).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);

async function main(): Promise<void> {
  const rows: BenchRow[] = [row1(root), row2(), row3(root), row4(), row5(root), row6(root), row7(root), row8(root)];
  const only = new Set(argv.map(Number).filter((n) => Number.isInteger(n) && n > 0));
  const lines: BenchLine[] = [];
  const started = Date.now();
  for (const row of rows.filter((r) => only.size === 0 || only.has(r.row))) {
    console.log(`\nRow ${row.row}: ${row.title}`);
    const t = Date.now();
    lines.push(...(await row.run()));
    console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  console.log(`\n${formatTable(lines)}\n`);
  console.log(`${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB memory, Node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
}

if (argv[0] === '--memory' && argv[1] && argv[2]) await memoryChild(argv[1], argv[2]);
else await main();
