import { vi } from 'vitest';

/**
 * A recording stand-in for the `electron` module (the device edge the shell
 * talks to): every handler the shell registers is kept, so a test can fire
 * Electron's events at it and see what the shell decides. Use with
 * `vi.mock('electron', () => import('../support/fake-electron.js').then((m) => m.electronModule))`.
 */

export type Handler = (...args: never[]) => unknown;

export class Recorder {
  readonly listeners = new Map<string, Handler[]>();
  on(event: string, listener: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Handler): this {
    return this.on(event, listener);
  }
  /** Calls every listener of `event` as Electron would. */
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

let nextId = 1;
export class FakeWebContents extends Recorder {
  readonly id = nextId++;
  url = 'app://kiosk/index.html#/';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL = (): string => this.url;
  send = vi.fn();
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  closeDevTools = vi.fn();
  isDestroyed = (): boolean => false;
}

export const app = Object.assign(new Recorder(), {
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: vi.fn(async () => undefined),
  exit: vi.fn(),
  quit: vi.fn(),
  getVersion: () => '0.0.0-test',
});

export class FakeBrowserWindow extends Recorder {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadURL = vi.fn(async () => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = (): boolean => false;
  isDestroyed = (): boolean => false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
}

export const defaultSession = Object.assign(new Recorder(), {
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  headersReceived: null as Handler | null,
  setPermissionRequestHandler(handler: Handler) {
    defaultSession.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: Handler) {
    defaultSession.permissionCheckHandler = handler;
  },
  webRequest: {
    onHeadersReceived(handler: Handler) {
      defaultSession.headersReceived = handler;
    },
  },
});

export const ipcHandlers = new Map<string, Handler>();

export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  session: { defaultSession },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  ipcMain: {
    handle: (channel: string, handler: Handler) => void ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => void ipcHandlers.delete(channel),
  },
  dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn(), showSaveDialogSync: vi.fn() },
  Menu: { setApplicationMenu: vi.fn() },
  powerSaveBlocker: { start: vi.fn(() => 1) },
  shell: { openExternal: vi.fn() },
};

/** Forgets everything recorded, before the next shell start. */
export function resetFakeElectron(): void {
  app.listeners.clear();
  defaultSession.listeners.clear();
  defaultSession.permissionRequestHandler = null;
  defaultSession.permissionCheckHandler = null;
  defaultSession.headersReceived = null;
  FakeBrowserWindow.instances = [];
  ipcHandlers.clear();
  vi.clearAllMocks();
}
