import fs from 'node:fs';
import path from 'node:path';
import type { KioskEvent } from '../../src-shared/kiosk-api.js';
import { startDriverHost } from '../crash/driver-host.js';
import { commitApplication, kioskToken, openKioskStores, postApplication, sampleFiles, startBenchPortal, tempDir, type SampleFile } from './kiosk-side.js';
import { msSince, type BenchLine, type BenchRow } from './table.js';

const APPLICATIONS = 200;
const FILE_SIZE = 48 * 1024;

export function row3(root: string): BenchRow {
  return {
    row: 3,
    title: `Outbox drain: ${APPLICATIONS} queued applications (3 attachments each) to the reference portal on 127.0.0.1`,
    async run(): Promise<BenchLine[]> {
      const dir = tempDir('drain');
      const portal = await startBenchPortal(root, path.join(dir, 'portal'));
      try {
        const batches: SampleFile[][] = Array.from({ length: APPLICATIONS }, () => sampleFiles(3, FILE_SIZE));

        // Baseline first, so the kiosk's drain meets the fuller portal database.
        const token = await kioskToken(portal.url, 'BENCH-BARE');
        let start = process.hrtime.bigint();
        for (const files of batches) await postApplication(portal.url, token, 'BENCH-BARE', files);
        const bareMs = msSince(start);

        // Queued while the host is not running, as after a day offline.
        const kioskDir = path.join(dir, 'kiosk');
        const stores = openKioskStores(kioskDir, 'BENCH-KIOSK');
        for (const files of batches) commitApplication(stores, files);
        stores.db.close();

        const host = await startDriverHost({ dataDir: kioskDir, portalUrl: portal.url, kioskId: 'BENCH-KIOSK', log: () => undefined });
        // The host starts draining as it starts; timed from its readiness, so its start-up is not counted (row 5 is).
        start = process.hrtime.bigint();
        const empty = new Promise<void>((resolve) => {
          const off = host.onEvent((e: KioskEvent) => {
            if (e.type === 'sync.state' && e.state.pending === 0) {
              off();
              resolve();
            }
          });
        });
        await empty;
        const hostMs = msSince(start);
        await host.close();
        const check = openKioskStores(kioskDir, 'BENCH-KIOSK');
        const accepted = (check.db.prepare("SELECT count(*) AS n FROM applications WHERE state = 'accepted'").get() as { n: number }).n;
        check.db.close();
        if (accepted !== APPLICATIONS) throw new Error(`the portal accepted ${accepted} of ${APPLICATIONS} queued applications`);

        const ours = (APPLICATIONS / hostMs) * 1000;
        const bare = (APPLICATIONS / bareMs) * 1000;
        console.log(`  kiosk outbox: ${(hostMs / 1000).toFixed(1)} s (${ours.toFixed(1)} applications/s); fetch loop: ${(bareMs / 1000).toFixed(1)} s (${bare.toFixed(1)}/s)`);
        return [{ row: 3, what: 'outbox drain throughput vs fetch loop', ours, baseline: bare, unit: 'apps/s', goal: '≥ 0.8×', met: ours >= 0.8 * bare }];
      } finally {
        await portal.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
