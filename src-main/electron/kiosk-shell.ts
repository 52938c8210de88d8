import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import { consoleLog, errorClass, type HostLog } from '../log/host-log.js';
import { exitOnProcessFaults } from '../log/process-faults.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallResult, type KioskEvent } from '../../src-shared/kiosk-api.js';
import { createAppProtocolHandler } from './app-protocol.js';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin.js';
import { forbiddenResult, isTrustedIpcSender } from './security.js';
import { guardSession, guardWebContents, lockDownContents, reloadOnRendererFailure } from './shell-guards.js';
import { kioskWindowOptions } from './window-options.js';

/**
 * The Electron shell: one kiosk window on the app:// origin, the kiosk API on
 * ipcMain, host events pushed to the page. All decisions live in the pure
 * modules next to this one; this file only connects them to Electron.
 */

/** What the shell needs of the host (src-main/host.ts `Host` satisfies it). */
export interface ShellHost {
  dispatch(name: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  close(): Promise<void>;
}

/** What the shell reads of the configuration (src-main/config.ts `KioskConfig`). */
export interface ShellConfig {
  kiosk: boolean;
  fullscreen: boolean;
}

export interface KioskShellOptions<C extends ShellConfig> {
  /** Directory holding main.cjs and preload.cjs (out/electron). */
  shellDir: string;
  /** Reads and validates the configuration; throws with a Vietnamese message. */
  loadConfig: () => C;
  /** Opens the log file for this configuration (main.ts: pino into <logDir>/kiosk.log); without it the shell logs to the console. */
  openLog?: (config: C) => ShellLogger;
  createHost: (config: C, log: HostLog) => Promise<ShellHost>;
  /** Starts the update checks once the window is up (main.ts: electron-updater on the configured feed). */
  startUpdates?: (config: C, log: HostLog) => void;
}

export interface ShellLogger {
  log: HostLog;
  close(): Promise<void>;
}

export interface KioskShell {
  window: BrowserWindow;
  host: ShellHost;
}

const STARTUP_FAILED_TITLE = 'Một cửa kiosk không khởi động được';

function shellPaths(shellDir: string): { preloadPath: string; rendererDir: string } {
  return {
    preloadPath: path.join(shellDir, 'preload.cjs'),
    rendererDir: path.resolve(shellDir, '..', 'renderer'),
  };
}

/** Must run before 'ready': Chromium fixes scheme privileges at start-up. */
function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function focus(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function reportStartupFailure(message: string): void {
  // Config and host start-up errors carry a Vietnamese message and no personal data.
  console.error(`${STARTUP_FAILED_TITLE}: ${message}`);
  dialog.showErrorBox(STARTUP_FAILED_TITLE, message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the shell. Resolves to null when this process is not the one to
 * run (another instance holds the lock) or start-up failed (already reported).
 */
export async function runKioskShell<C extends ShellConfig>(options: KioskShellOptions<C>): Promise<KioskShell | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  let window: BrowserWindow | null = null;
  app.on('second-instance', () => focus(window));

  let host: ShellHost;
  let config: C;
  let logger: ShellLogger = { log: consoleLog, close: () => Promise.resolve() };
  try {
    config = options.loadConfig();
    if (options.openLog) {
      logger = options.openLog(config);
      const opened = logger;
      exitOnProcessFaults({ log: opened.log, flush: () => opened.close(), exit: (code) => app.exit(code) });
    }
    // Opening the store and cache overlaps with Chromium's start-up.
    const starting = options.createHost(config, logger.log);
    // Observed now so an early failure is not an unhandled rejection while
    // we wait for 'ready'; `await starting` below still throws it.
    starting.catch(() => undefined);
    await app.whenReady();
    host = await starting;
  } catch (error) {
    logger.log.error('shell.startup-failed', { error: errorClass(error) });
    reportStartupFailure(messageOf(error));
    await logger.close();
    app.exit(1);
    return null;
  }
  const { log } = logger;

  const { preloadPath, rendererDir } = shellPaths(options.shellDir);
  guardSession(session.defaultSession, log);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  // Kiosk mode has no menu, and so none of its reload/DevTools accelerators.
  if (config.kiosk) Menu.setApplicationMenu(null);

  const kioskWindow = new BrowserWindow(kioskWindowOptions({ kiosk: config.kiosk, fullscreen: config.fullscreen, preloadPath }));
  window = kioskWindow;
  kioskWindow.once('ready-to-show', () => kioskWindow.show());
  kioskWindow.on('closed', () => {
    window = null;
  });
  reloadOnRendererFailure(kioskWindow, { log });
  if (config.kiosk) {
    lockDownContents(kioskWindow.webContents);
    // An unattended kiosk must not blank its screen or sleep while waiting for the next citizen.
    powerSaveBlocker.start('prevent-display-sleep');
  }

  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<CallResult> => {
    const trusted = isTrustedIpcSender({
      senderId: event.sender.id,
      windowContentsId: window && !window.isDestroyed() ? window.webContents.id : null,
      frameUrl: event.senderFrame?.url,
    });
    if (!trusted) {
      log.warn('ipc.untrusted-sender-refused');
      return forbiddenResult();
    }
    try {
      return await host.dispatch(name, input);
    } catch (error) {
      // dispatch() is meant never to throw; if it does, the page still gets an
      // answer. Only the error's name is logged: the input may be personal data.
      log.error('ipc.dispatch-threw', { error: errorClass(error) });
      return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL.vi } };
    }
  });

  const stopForwarding = host.onEvent((event) => {
    if (window && !window.isDestroyed() && !window.webContents.isDestroyed()) {
      window.webContents.send(IPC_EVENT_CHANNEL, event);
    }
  });

  let hostClosed = false;
  let closing: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (hostClosed) return;
    // Hold the quit until the host has flushed and closed its store.
    event.preventDefault();
    closing ??= (async () => {
      stopForwarding();
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
      try {
        await host.close();
      } catch (error) {
        log.error('shell.host-close-failed', { error: errorClass(error) });
      } finally {
        await logger.close();
        hostClosed = true;
        app.quit();
      }
    })();
  });
  app.on('window-all-closed', () => app.quit());

  try {
    await kioskWindow.loadURL(APP_ENTRY_URL);
  } catch (error) {
    reportStartupFailure(`Không tải được giao diện kiosk từ ${rendererDir}. (${messageOf(error)})`);
    // The host is up by now: quit through 'before-quit' so it closes cleanly.
    app.quit();
    return null;
  }
  options.startUpdates?.(config, log);
  return { window: kioskWindow, host };
}
