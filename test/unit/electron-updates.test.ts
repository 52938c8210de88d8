import { describe, expect, it, vi } from 'vitest';
import { silentLog } from '../../src-main/log/host-log.js';
import { startUpdates, UPDATE_CHECK_INTERVAL_MS, type KioskUpdater } from '../../src-main/electron/updates.js';

/** electron-updater's autoUpdater at its edge: a recorder of what the kiosk asks of it. */
function recordingUpdater(check: () => Promise<null> = async () => null) {
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(check),
    on: vi.fn(),
    quitAndInstall: vi.fn(),
  };
  return updater;
}

describe('updates from the configured feed', () => {
  it('does nothing on a kiosk without a feed', () => {
    const updater = recordingUpdater();
    const every = vi.fn();
    expect(startUpdates(updater as unknown as KioskUpdater, { feedUrl: null, log: silentLog, every })).toBe(false);
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(every).not.toHaveBeenCalled();
  });

  it('points at the feed, checks at start and daily, and installs only when the app quits', async () => {
    const updater = recordingUpdater();
    const every = vi.fn();
    startUpdates(updater as unknown as KioskUpdater, { feedUrl: 'https://capnhat.quangngai.gov.vn/kiosk/', log: silentLog, every });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://capnhat.quangngai.gov.vn/kiosk/' });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(every).toHaveBeenCalledWith(expect.any(Function), UPDATE_CHECK_INTERVAL_MS);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(86_400_000);
    (every.mock.calls[0]?.[0] as () => void)();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    // Installed at the next restart (the kiosk restarts when idle), never by quitting mid-visit.
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    const downloaded = updater.on.mock.calls.find(([event]) => event === 'update-downloaded')?.[1] as (info: { version: string }) => void;
    downloaded({ version: '0.2.0' });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('keeps running when the feed is down', async () => {
    const warn = vi.fn();
    const updater = recordingUpdater(async () => {
      throw new Error('getaddrinfo ENOTFOUND capnhat.quangngai.gov.vn');
    });
    startUpdates(updater as unknown as KioskUpdater, { feedUrl: 'https://capnhat.quangngai.gov.vn/kiosk/', log: { ...silentLog, warn }, every: vi.fn() });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('update.check-failed', { error: 'Error' }));
  });
});
