import type { AppUpdater } from 'electron-updater';
import { errorClass, type HostLog } from '../log/host-log.js';

/**
 * Updates from the province's own feed (electron-builder's `generic`
 * provider: latest.yml / latest-linux.yml and the installers on a web
 * server). Downloaded in the background and installed when the app quits —
 * the kiosk's next idle restart — never by quitting it mid-visit.
 */

/** The slice of electron-updater's autoUpdater the kiosk uses; tests pass a recorder. */
export type KioskUpdater = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'on'> & {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
};

export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface UpdateSettings {
  /** The feed's base URL from the kiosk configuration; null = this kiosk is updated by hand. */
  feedUrl: string | null;
  log: HostLog;
  every?: (run: () => void, ms: number) => unknown;
}

/** Returns false when no feed is configured (nothing is scheduled). */
export function startUpdates(updater: KioskUpdater, settings: UpdateSettings): boolean {
  if (settings.feedUrl === null) return false;
  const every = settings.every ?? ((run, ms) => setInterval(run, ms).unref());
  updater.setFeedURL({ provider: 'generic', url: settings.feedUrl });
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('update-downloaded', (info) => settings.log.info('update.downloaded', { version: info.version }));
  updater.on('error', (error) => settings.log.warn('update.failed', { error: errorClass(error) }));
  const check = (): void => {
    // A feed that is down or offline is retried at the next check; the kiosk keeps running its version.
    updater.checkForUpdates().catch((error: unknown) => settings.log.warn('update.check-failed', { error: errorClass(error) }));
  };
  check();
  every(check, UPDATE_CHECK_INTERVAL_MS);
  return true;
}
