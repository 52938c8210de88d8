import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallResult, type KioskEvent } from '../../src-shared/kiosk-api.js';
import type { ShellConfig, ShellHost } from '../../src-main/electron/kiosk-shell.js';

/**
 * The `electron` module replaced by a recorder: the shell's wiring is checked
 * by what it asks of Electron and how it reacts to the events Electron emits.
 */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;

  class Emitter {
    private listeners = new Map<string, Listener[]>();
    on(event: string, listener: (...args: never[]) => unknown): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
      return this;
    }
    once(event: string, listener: (...args: never[]) => unknown): this {
      const wrapped: Listener = (...args) => {
        this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
        return (listener as Listener)(...args);
      };
      return this.on(event, wrapped);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    listenerCount(event: string): number {
      return this.listeners.get(event)?.length ?? 0;
    }
    removeAllListeners(): void {
      this.listeners.clear();
    }
  }

  let nextId = 1;
  class FakeWebContents extends Emitter {
    readonly id = nextId++;
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    send = vi.fn();
    url = 'app://kiosk/index.html#/';
    getURL = vi.fn(() => this.url);
    reload = vi.fn();
    forcefullyCrashRenderer = vi.fn();
    closeDevTools = vi.fn();
    isDestroyed = vi.fn(() => false);
    setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
      this.windowOpenHandler = handler;
    });
  }

  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(async () => undefined),
    exit: vi.fn(),
    quitCompleted: false,
    quit: vi.fn(() => {
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.quitCompleted = true;
    }),
  });

  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    /** When set, the next window's loadURL rejects with it (renderer missing). */
    static nextLoadError: Error | null = null;
    readonly webContents = new FakeWebContents();
    private readonly loadError = FakeBrowserWindow.nextLoadError;
    loadURL = vi.fn(async (_url: string) => {
      if (this.loadError) throw this.loadError;
    });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
    isDestroyed = vi.fn(() => false);
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
      // Electron announces every new webContents on the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  const ipcHandlers = new Map<string, Listener>();
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: Object.assign(new Emitter(), {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      }),
    },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => void ipcHandlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => void ipcHandlers.delete(channel)),
    },
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
  };

  return {
    electron,
    app,
    FakeBrowserWindow,
    FakeWebContents,
    ipcHandlers,
    reset(): void {
      app.removeAllListeners();
      app.quitCompleted = false;
      FakeBrowserWindow.instances = [];
      FakeBrowserWindow.nextLoadError = null;
      ipcHandlers.clear();
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { runKioskShell } = await import('../../src-main/electron/kiosk-shell.js');

const SHELL_DIR = path.resolve('/opt/kiosk/out/electron');

function fakeHost() {
  const listeners = new Set<(event: KioskEvent) => void>();
  const host = {
    dispatch: vi.fn(async (name: unknown, input: unknown): Promise<CallResult> => ({ ok: true, data: { name, input } })),
    onEvent: vi.fn((listener: (event: KioskEvent) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }),
    close: vi.fn(async () => undefined),
  } satisfies ShellHost;
  const emit = (event: KioskEvent): void => listeners.forEach((listener) => listener(event));
  return { host, emit, listenerCount: () => listeners.size };
}

async function start(config: ShellConfig = { kiosk: true, fullscreen: true }) {
  const h = fakeHost();
  const loadConfig = vi.fn(() => config);
  const createHost = vi.fn(async () => h.host);
  const shell = await runKioskShell({ shellDir: SHELL_DIR, loadConfig, createHost });
  return {
    shell,
    ...h,
    loadConfig,
    createHost,
    get window() {
      const window = fake.FakeBrowserWindow.instances[0];
      if (!window) throw new Error('no kiosk window was created');
      return window;
    },
  };
}

function ipcCall(): (...args: unknown[]) => unknown {
  const handler = fake.ipcHandlers.get(IPC_CALL_CHANNEL);
  if (!handler) throw new Error('no IPC handler registered');
  return handler;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  fake.reset();
  vi.clearAllMocks();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('kiosk window', () => {
  it('is created with the secure webPreferences, kiosk/fullscreen from config, and loads the app origin', async () => {
    const { shell, window } = await start({ kiosk: true, fullscreen: true });
    expect(shell).not.toBeNull();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      show: false,
      webPreferences: {
        preload: path.join(SHELL_DIR, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
        devTools: false,
      },
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('keeps DevTools and the menu outside kiosk mode', async () => {
    const { window } = await start({ kiosk: false, fullscreen: false });
    expect(window.options).toMatchObject({ kiosk: false, fullscreen: false, webPreferences: { devTools: true, sandbox: true } });
    expect(fake.electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
  });

  it('is shown only once it has painted', async () => {
    const { window } = await start();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('registers app:// as a privileged standard scheme before ready and serves it from out/renderer', async () => {
    await start();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    const registerOrder = fake.electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    const readyOrder = fake.app.whenReady.mock.invocationCallOrder[0] ?? -Infinity;
    expect(registerOrder).toBeLessThan(readyOrder);
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('navigation and new windows', () => {
  it('prevents navigation to a foreign URL and allows it within the app origin', async () => {
    const { window } = await start();
    const contents = window.webContents;

    const foreign = navigationEvent('https://evil.example/login');
    contents.emit('will-navigate', foreign, foreign.url);
    expect(foreign.preventDefault).toHaveBeenCalled();

    const fileUrl = navigationEvent('file:///etc/passwd');
    contents.emit('will-navigate', fileUrl, fileUrl.url);
    expect(fileUrl.preventDefault).toHaveBeenCalled();

    const own = navigationEvent('app://kiosk/catalogue/1.000123');
    contents.emit('will-navigate', own, own.url);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents redirects and subframe navigations that leave the app origin', async () => {
    const { window } = await start();
    const redirect = navigationEvent('https://evil.example/');
    window.webContents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const frame = navigationEvent('http://127.0.0.1:8080/');
    window.webContents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open', async () => {
    const { window } = await start();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a <webview>', async () => {
    const { window } = await start();
    const event = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('guards every webContents the app creates, not only the kiosk window', async () => {
    await start();
    const stray = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);
    const event = navigationEvent('https://evil.example/');
    stray.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(stray.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies permission requests and checks, even from the app origin, except the camera', async () => {
    await start();
    const ses = fake.electron.session.defaultSession;
    const requestHandler = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void;
    const checkHandler = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(requestHandler).toBeTypeOf('function');
    expect(checkHandler).toBeTypeOf('function');

    // The requesting webContents tells the shell which screen is shown (hash route).
    const showing = (url: string) => ({ getURL: () => url });
    const capture = showing('app://kiosk/index.html#/nop-ho-so/1.000001');
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler(capture, permission, callback, { requestingUrl: 'app://kiosk/index.html', isMainFrame: true });
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler(capture, permission, 'app://kiosk', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true })).toBe(false);
    }

    // The camera, for photographing paper documents: to the app only, on the wizard only, and never the microphone.
    const asked = (url: string, mediaTypes: string[], contents = capture) => {
      const callback = vi.fn();
      requestHandler(contents, 'media', callback, { requestingUrl: url, isMainFrame: true, mediaTypes });
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(asked('app://kiosk/index.html', ['video'])).toBe(true);
    expect(asked('app://kiosk/index.html', ['video'], showing('app://kiosk/index.html#/tra-cuu'))).toBe(false);
    expect(asked('app://kiosk/index.html', ['video', 'audio'])).toBe(false);
    expect(asked('https://evil.example/', ['video'])).toBe(false);
    expect(checkHandler(capture, 'media', 'app://kiosk', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(checkHandler(null, 'media', 'app://kiosk', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(checkHandler(capture, 'media', 'app://kiosk', { requestingUrl: 'app://kiosk/index.html', isMainFrame: true, mediaType: 'audio' })).toBe(false);
  });
});

describe('kiosk API over IPC', () => {
  it('refuses a call from a foreign frame with FORBIDDEN and never reaches the host', async () => {
    const { window, host } = await start();
    const result = await ipcCall()(
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/' } },
      'catalogue.search',
      { query: 'khai sinh' },
    );
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN.vi } });
    expect(host.dispatch).not.toHaveBeenCalled();
    // The refusal is logged without the call's input (it may hold personal data).
    expect(JSON.stringify(vi.mocked(console.warn).mock.calls)).not.toContain('khai sinh');
  });

  it('refuses a call from another webContents even if it shows the app origin', async () => {
    const { host } = await start();
    const other = new fake.FakeWebContents();
    const result = (await ipcCall()(
      { sender: other, senderFrame: { url: 'app://kiosk/index.html' } },
      'app.info',
      {},
    )) as CallResult;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect(host.dispatch).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is already gone', async () => {
    const { window, host } = await start();
    const result = (await ipcCall()({ sender: window.webContents, senderFrame: null }, 'app.info', {})) as CallResult;
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect(host.dispatch).not.toHaveBeenCalled();
  });

  it('dispatches a call from our own frame to the host and returns its answer', async () => {
    const { window, host } = await start();
    const input = { query: 'khai sinh', page: 1 };
    const result = await ipcCall()(
      { sender: window.webContents, senderFrame: { url: 'app://kiosk/index.html' } },
      'catalogue.search',
      input,
    );
    expect(host.dispatch).toHaveBeenCalledExactlyOnceWith('catalogue.search', input);
    expect(result).toEqual({ ok: true, data: { name: 'catalogue.search', input } });
  });

  it('answers INTERNAL if the host breaks its promise never to throw', async () => {
    const { window, host } = await start();
    host.dispatch.mockRejectedValueOnce(new Error('boom'));
    const result = await ipcCall()({ sender: window.webContents, senderFrame: { url: 'app://kiosk/' } }, 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL.vi } });
  });

  it('forwards host events to the window on the event channel', async () => {
    const { window, emit } = await start();
    const event: KioskEvent = { type: 'portal.reachability', reachable: false };
    emit(event);
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, event);
  });

  it('stops forwarding once the window is destroyed', async () => {
    const { window, emit } = await start();
    window.isDestroyed.mockReturnValue(true);
    emit({ type: 'portal.reachability', reachable: true });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('single instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const { shell, loadConfig, createHost } = await start();
    expect(shell).toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(loadConfig).not.toHaveBeenCalled();
    expect(createHost).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('focuses (and restores) the kiosk window when a second instance starts', async () => {
    const { window } = await start();
    window.isMinimized.mockReturnValue(true);
    fake.app.emit('second-instance', {}, ['electron', '.'], '/tmp', {});
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});

describe('shutdown and start-up failures', () => {
  it('closes the host once before quitting, then lets the quit through', async () => {
    const { host, listenerCount } = await start();
    fake.app.quit();
    expect(fake.app.quitCompleted).toBe(false);
    await vi.waitFor(() => expect(fake.app.quitCompleted).toBe(true));
    expect(host.close).toHaveBeenCalledTimes(1);
    expect(listenerCount()).toBe(0);
    expect(fake.electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL_CHANNEL);
  });

  it('quits when the last window closes', async () => {
    await start();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
  });

  it('shows the configuration error and exits without a window', async () => {
    const loadConfig = vi.fn((): ShellConfig => {
      throw new Error('Cấu hình kiosk không hợp lệ: mode');
    });
    const createHost = vi.fn(async () => fakeHost().host);
    const shell = await runKioskShell({ shellDir: SHELL_DIR, loadConfig, createHost });
    expect(shell).toBeNull();
    expect(createHost).not.toHaveBeenCalled();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), 'Cấu hình kiosk không hợp lệ: mode');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('shows a host start-up failure and exits without a window', async () => {
    const createHost = vi.fn(async (): Promise<ShellHost> => {
      throw new Error('Không mở được cơ sở dữ liệu kiosk.');
    });
    const shell = await runKioskShell({ shellDir: SHELL_DIR, loadConfig: () => ({ kiosk: true, fullscreen: true }), createHost });
    expect(shell).toBeNull();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), 'Không mở được cơ sở dữ liệu kiosk.');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('reports a renderer that cannot load and quits through the clean path', async () => {
    fake.FakeBrowserWindow.nextLoadError = new Error('ERR_FILE_NOT_FOUND (-6)');
    const { shell, host } = await start();
    expect(shell).toBeNull();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('ERR_FILE_NOT_FOUND'));
    expect(fake.app.exit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quitCompleted).toBe(true));
    expect(host.close).toHaveBeenCalledTimes(1);
  });
});
