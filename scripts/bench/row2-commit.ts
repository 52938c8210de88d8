import fs from 'node:fs';
import path from 'node:path';
import { commitApplication, openKioskStores, sampleFiles, tempDir } from './kiosk-side.js';
import { median, msSince, type BenchLine, type BenchRow } from './table.js';

const ROUNDS = 12;
const FILES = 5;
const SIZE = 2 * 1024 * 1024;

/** The same bytes written and fsynced one file each, with nothing else: the floor of a durable commit. */
function plainWrite(dir: string, round: number, buffers: readonly Buffer[]): void {
  buffers.forEach((bytes, i) => {
    const fd = fs.openSync(path.join(dir, `${round}-${i}`), 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

export function row2(): BenchRow {
  return {
    row: 2,
    title: `Submission commit: application + ${FILES} × 2 MB attachments + outbox, durably`,
    async run(): Promise<BenchLine[]> {
      const dir = tempDir('commit');
      const plainDir = path.join(dir, 'plain');
      fs.mkdirSync(plainDir);
      const stores = openKioskStores(path.join(dir, 'kiosk'), 'BENCH-COMMIT');
      try {
        const ours: number[] = [];
        const plain: number[] = [];
        // Alternated round by round so both see the same disk weather; new bytes each round (blobs are content-addressed).
        for (let round = 0; round < ROUNDS; round++) {
          const files = sampleFiles(FILES, SIZE);
          let start = process.hrtime.bigint();
          commitApplication(stores, files);
          ours.push(msSince(start));
          start = process.hrtime.bigint();
          plainWrite(plainDir, round, files.map((f) => f.bytes));
          plain.push(msSince(start));
        }
        console.log(`  kiosk commit: median ${median(ours).toFixed(1)} ms; plain write + fsync of the same 10 MB: median ${median(plain).toFixed(1)} ms (${ROUNDS} rounds)`);
        return [{ row: 2, what: 'commit 5 × 2 MB + application + outbox vs write + fsync', ours: median(ours), baseline: median(plain), unit: 'ms', goal: '≤ 1.5×', met: median(ours) <= 1.5 * median(plain) }];
      } finally {
        stores.db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
