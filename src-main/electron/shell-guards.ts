import type { BrowserWindow, Event as ElectronEvent, Session, WebContents } from 'electron';
import { errorClass, type HostLog } from '../log/host-log.js';
import { isAppUrl } from './app-origin.js';
import { createReloadBackoff, isBlockedShortcut } from './lockdown.js';
import { CONTENT_SECURITY_POLICY, isPermissionAllowed } from './security.js';

/**
 * The handlers that make Electron enforce the shell's security and lock-down
 * decisions (security.ts, lockdown.ts). Kept apart from the start-up wiring
 * so a test can register them against a recording stand-in of Electron and
 * check the checklist item by item.
 */

/** Applied to every webContents, so a page can never leave the app origin or spawn one that can. */
export function guardWebContents(contents: WebContents): void {
  const stayOnAppOrigin = (event: ElectronEvent<{ url: string }>): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppOrigin);
  contents.on('will-frame-navigate', stayOnAppOrigin);
  contents.on('will-redirect', stayOnAppOrigin);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Kiosk mode only: outside it an engineer sits at the machine and keeps reload and DevTools. */
export function lockDownContents(contents: WebContents): void {
  // A citizen must not reload, close, zoom or inspect the kiosk from the keyboard.
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  // devTools: false already refuses; this closes them should anything still open them.
  contents.on('devtools-opened', () => contents.closeDevTools());
}

/**
 * Session-wide: the permission gate (camera only, only on the screen that
 * photographs documents), the CSP as a response header on everything the
 * page loads, and downloads refused before the system's save dialog opens.
 */
export function guardSession(ses: Session, log: HostLog): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed(permission, details.requestingUrl, undefined, mediaTypes, contents.getURL()));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, undefined, details.mediaType ? [details.mediaType] : [], contents?.getURL()),
  );
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  // The receipt is shown and printed by the kiosk itself; a download would open
  // the system's save dialog, a way out of the kiosk onto its file system.
  ses.on('will-download', (event) => {
    event.preventDefault();
    log.warn('shell.download-refused');
  });
}

export interface RecoverySettings {
  log: HostLog;
  schedule?: (run: () => void, ms: number) => unknown;
  now?: () => number;
}

/**
 * A crashed or hung page is reloaded by itself, with a growing delay while
 * it keeps failing, so an unattended kiosk recovers without a technician.
 */
export function reloadOnRendererFailure(window: BrowserWindow, settings: RecoverySettings): void {
  const schedule = settings.schedule ?? ((run, ms) => setTimeout(run, ms));
  const nextDelay = createReloadBackoff(settings.now ?? Date.now);
  let pending = false;
  const reloadLater = (reason: string, hung: boolean): void => {
    if (pending) return;
    pending = true;
    const delayMs = nextDelay();
    settings.log.warn('shell.renderer-failed', { reason, delayMs });
    schedule(() => {
      pending = false;
      if (window.isDestroyed()) return;
      try {
        // A hung renderer does not answer reload(); it is crashed first so a fresh one starts.
        if (hung) window.webContents.forcefullyCrashRenderer();
        window.webContents.reload();
      } catch (error) {
        settings.log.error('shell.renderer-reload-failed', { error: errorClass(error) });
      }
    }, delayMs);
  };
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') reloadLater(details.reason, false);
  });
  window.on('unresponsive', () => reloadLater('unresponsive', true));
}
