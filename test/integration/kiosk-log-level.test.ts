import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import type { KioskSettings } from '../../src-shared/kiosk-contract/admin.js';
import { startTestPortal } from '../support/portal.js';
import { signInOfficer } from '../support/host-session.js';

/**
 * The log level of "Quản trị kiosk" reaches the host's own log: saved as
 * 'warn', the host's info lines stop (its "host.stopped" line is not
 * written, nor the next start's "host.started"); saved back to 'info', they
 * are written again — no restart needed for either.
 */
const ADMIN = { username: 'quantri.noivu', password: 'QuanTri@2026' };
const PIN = '864200';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let dataDir: string;
beforeAll(async () => {
  portal = await startTestPortal();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-log-level-'));
});
afterAll(async () => {
  await portal?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(lines: string[]): Promise<Host> {
  return createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, training: true, mode: 'assisted', heartbeatSeconds: 0 }), {
    shell: 'browser',
    log: (line) => lines.push(line),
  });
}

async function setLevel(host: Host, level: KioskSettings['logLevel']): Promise<void> {
  const open = await host.dispatch('admin.open', { pin: PIN });
  if (!open.ok) throw new Error(open.error.message);
  const settings = (open.data as { settings: KioskSettings }).settings;
  const saved = await host.dispatch('admin.saveSettings', { settings: { ...settings, logLevel: level } });
  if (!saved.ok) throw new Error(saved.error.message);
}

describe('log level from Quản trị kiosk', () => {
  it('drops info lines once saved as warn and writes them again once saved as info', async () => {
    const first: string[] = [];
    const a = await start(first);
    expect(first.some((l) => l.startsWith('info host.started'))).toBe(true);
    await signInOfficer(a, portal.url, PIN, ADMIN);
    await setLevel(a, 'warn');
    await a.close();
    expect(first.some((l) => l.startsWith('info host.stopped'))).toBe(false);

    // Kept in the store: the next start is quiet at info level from its first line.
    const second: string[] = [];
    const b = await start(second);
    expect(second.some((l) => l.startsWith('info host.started'))).toBe(false);
    await signInOfficer(b, portal.url, PIN, ADMIN);
    await setLevel(b, 'info');
    await b.close();
    expect(second.some((l) => l.startsWith('info host.stopped'))).toBe(true);
  });
});
