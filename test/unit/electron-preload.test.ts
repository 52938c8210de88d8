import path from 'node:path';
import vm from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import { HOST_BRIDGE_GLOBAL, type KioskHostBridge } from '../../src-shared/host-bridge.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/kiosk-api.js';

const fake = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

vi.mock('electron', () => ({ ...fake, default: fake }));

// Importing the preload runs it, as Electron would.
await import('../../src-main/electron/preload.js');
const exposeCalls = [...fake.contextBridge.exposeInMainWorld.mock.calls];

function exposedBridge(): KioskHostBridge {
  return exposeCalls[0]?.[1] as KioskHostBridge;
}

beforeEach(() => {
  fake.ipcRenderer.invoke.mockReset();
  fake.ipcRenderer.on.mockReset();
  fake.ipcRenderer.removeListener.mockReset();
});

describe('preload', () => {
  it('exposes exactly one global holding exactly invoke and onEvent', () => {
    expect(exposeCalls).toHaveLength(1);
    expect(exposeCalls[0]?.[0]).toBe(HOST_BRIDGE_GLOBAL);
    const bridge = exposedBridge();
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(bridge.invoke).toBeTypeOf('function');
    expect(bridge.onEvent).toBeTypeOf('function');
  });

  it.each(['fs.readFile', 'catalogue', '__proto__', 'constructor', 'toString', ''])(
    'refuses the unknown call name %j without touching IPC',
    async (name) => {
      const result = await exposedBridge().invoke(name, {});
      expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CALL', message: ERROR_MESSAGES.UNKNOWN_CALL.vi } });
      expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses a name that is not a string', async () => {
    const result = await exposedBridge().invoke(42 as unknown as string, {});
    expect(!result.ok && result.error.code).toBe('UNKNOWN_CALL');
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends a contract call over the call channel and returns the answer', async () => {
    const answer = { ok: true, data: { code: '1.001234' } };
    fake.ipcRenderer.invoke.mockResolvedValueOnce(answer);
    const input = { code: '1.001234' };
    await expect(exposedBridge().invoke('catalogue.get', input)).resolves.toEqual(answer);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CALL_CHANNEL, 'catalogue.get', input);
  });

  it('answers HOST_UNAVAILABLE when IPC itself fails', async () => {
    fake.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'kiosk:call'"));
    const result = await exposedBridge().invoke('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'HOST_UNAVAILABLE', message: ERROR_MESSAGES.HOST_UNAVAILABLE.vi } });
  });

  it('passes only the event payload to the listener, and unsubscribes the same relay', () => {
    const listener = vi.fn();
    const unsubscribe = exposedBridge().onEvent(listener);
    expect(fake.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, relay] = fake.ipcRenderer.on.mock.calls[0] as [string, (...args: unknown[]) => void];
    expect(channel).toBe(IPC_EVENT_CHANNEL);

    const payload = { type: 'portal.reachability', reachable: true };
    relay({ sender: fake.ipcRenderer, senderId: 0 }, payload);
    expect(listener).toHaveBeenCalledExactlyOnceWith(payload);

    unsubscribe();
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, relay);
  });
});

describe('preload bundle', () => {
  it('bundles into a script that needs nothing but electron, as a sandboxed preload must', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../src-main/electron/preload.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['electron'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));

    // Run it where only `require('electron')` exists, like Electron's sandbox.
    const exposeInMainWorld = vi.fn();
    const sandboxElectron = { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() } };
    const sandboxRequire = (id: string): unknown => {
      if (id === 'electron') return sandboxElectron;
      throw new Error(`module not found: ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [globalName, bridge] = exposeInMainWorld.mock.calls[0] as [string, KioskHostBridge];
    expect(globalName).toBe(HOST_BRIDGE_GLOBAL);
    await expect(bridge.invoke('nope', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });
});
