import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host, type HostOptions } from '../../src-main/host.js';

export interface HostUnderTest {
  host: Host;
  dataDir: string;
  /** Closes the host and deletes its data folder (safe to call once per start). */
  close(): Promise<void>;
}

/**
 * A real host in training mode on an empty data folder of its own, talking to
 * `portalUrl`, as the browser shell starts it: what every host integration
 * test needs before its first call.
 */
export async function startHostOn(
  portalUrl: string,
  config: Partial<z.input<typeof KioskConfigSchema>> = {},
  opts: Omit<HostOptions, 'shell'> = {},
): Promise<HostUnderTest> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  const host = await createHost(KioskConfigSchema.parse({ portalUrl, dataDir, training: true, ...config }), { shell: 'browser', ...opts });
  return {
    host,
    dataDir,
    async close() {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
