import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForkOptions } from 'electron';
import type { KioskEvent } from '../../src-shared/kiosk-api.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { electronHostPort, parentPortOf } from '../../src-main/host-process/host-ports.js';
import { startRemoteHost } from '../../src-main/host-process/remote-host.js';
import { serveHost } from '../../src-main/host-process/serve-host.js';
import { forkUtilityHost, type UtilityChild, type UtilityForker } from '../../src-main/electron/utility-host-channel.js';
import type { LogFields } from '../../src-main/log/host-log.js';
import { signInCitizen, wizardCaptcha } from '../support/host-session.js';
import { startTestPortal } from '../support/portal.js';

/**
 * The Electron shell's host transport (utilityProcess.fork + parentPort)
 * with only Electron faked: the fake forks a "utility process" in this test
 * process whose `process.parentPort` speaks Electron's shapes (a
 * MessageEvent with `data` on the host's side, the bare message on the
 * shell's, `exit` with a code), and behind it the real serveHost and a real
 * host talk to a real portal.
 */
class FakeUtilityChild extends EventEmitter implements UtilityChild {
  private static nextPid = 5000;
  pid: number | undefined = FakeUtilityChild.nextPid++;
  running = true;
  private crashCode: number | null = null;
  readonly parentPort = Object.assign(new EventEmitter(), {
    postMessage: (message: unknown) => this.deliver(() => this.emit('message', structuredClone(message))),
  });
  private served: ReturnType<typeof serveHost> | null = null;

  constructor(createHostFn: typeof createHost) {
    super();
    const port = parentPortOf({ parentPort: this.parentPort } as unknown as NodeJS.Process);
    if (!port) throw new Error('the fake parentPort is not recognised as one');
    // A crashed process reports its own exit code once its store is released, not the clean close's 0.
    this.served = serveHost(electronHostPort(port), { createHost: createHostFn, exit: (code) => this.exited(this.crashCode ?? code) });
  }

  postMessage(message: unknown): void {
    this.deliver(() => this.parentPort.emit('message', { data: structuredClone(message), ports: [] }));
  }

  kill(): boolean {
    this.crash(15);
    return true;
  }

  /** The process dies: nothing more crosses, its store is released, the shell sees `exit`. */
  crash(code: number): void {
    if (!this.running) return;
    this.running = false;
    this.crashCode = code;
    void this.served?.close();
  }

  private exited(code: number): void {
    if (this.pid === undefined) return;
    this.running = false;
    this.pid = undefined;
    this.emit('exit', code);
  }

  private deliver(send: () => void): void {
    if (this.running) setImmediate(() => this.running && send());
  }
}

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let dataDir: string;
let host: Host;
const forks: { modulePath: string; options: ForkOptions | undefined; child: FakeUtilityChild }[] = [];
const lines: { event: string; fields?: LogFields }[] = [];
const events: KioskEvent[] = [];

const utility: UtilityForker = {
  fork(modulePath, _args, options) {
    const child = new FakeUtilityChild(createHost);
    forks.push({ modulePath, options, child });
    return child;
  },
};

beforeAll(async () => {
  portal = await startTestPortal();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-utility-'));
  const record = (event: string, fields?: LogFields): void => void lines.push({ event, ...(fields ? { fields } : {}) });
  host = await startRemoteHost({
    spawn: forkUtilityHost(utility, '/opt/kiosk/resources/app.asar/out/electron/host-process.cjs'),
    config: KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, training: true }),
    shell: 'electron',
    version: '0.1.0',
    log: { info: record, warn: record, error: record },
    restartBackoff: { baseMs: 10, capMs: 10, floorMs: 10 },
  });
  host.onEvent((e) => events.push(e));
});

afterAll(async () => {
  await host?.close();
  await portal?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the Electron shell’s host in a utility process', () => {
  it('forks the bundled host entry as a named utility process and serves the kiosk API through it', async () => {
    expect(forks[0]?.modulePath).toBe('/opt/kiosk/resources/app.asar/out/electron/host-process.cjs');
    expect(forks[0]?.options).toMatchObject({ serviceName: 'Một cửa kiosk host' });
    const found = await host.dispatch('catalogue.search', { query: 'khai sinh' });
    expect(found.ok && (found.data as { items: { name: string }[] }).items[0]?.name).toBe('Đăng ký khai sinh');
    // The dispatcher still validates, in the host process.
    const refused = await host.dispatch('catalogue.search', { query: 42 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(lines.map((l) => l.event)).toContain('host.started');
  });

  it('signs a citizen in and reads a training captcha answer across the port', async () => {
    await signInCitizen(host, portal.url);
    const { captchaAnswer } = await wizardCaptcha(host);
    expect(captchaAnswer).toMatch(/^\w{4,8}$/);
  });

  it('starts a new utility process when the host crashes, and the kiosk answers again', async () => {
    forks[0]?.child.crash(9);
    await expect.poll(() => events).toContainEqual({ type: 'host.process', state: 'restarting' });
    const again = await host.dispatch('catalogue.search', { query: 'thuong tru' });
    expect(again.ok && (again.data as { items: { name: string }[] }).items[0]?.name).toBe('Đăng ký thường trú');
    expect(forks).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'host.process', state: 'ready' });
    expect(lines).toContainEqual({ event: 'host-process.restarting', fields: { code: 9, signal: null, attempt: 1, delayMs: 10 } });
    expect(lines).toContainEqual({ event: 'host-process.restarted', fields: { hostPid: forks[1]?.child.pid } });
  });
});
