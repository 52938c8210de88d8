import '../../src-shared/zod-locale.js';
import path from 'node:path';
import { app, utilityProcess } from 'electron';
import { autoUpdater } from 'electron-updater';
import { loadConfig, logDirOf } from '../config.js';
import { startRemoteHost } from '../host-process/remote-host.js';
import { createFileLogger } from '../log/logger.js';
import { runKioskShell } from './kiosk-shell.js';
import { startUpdates } from './updates.js';
import { forkUtilityHost } from './utility-host-channel.js';

/**
 * Entry point bundled to out/electron/main.cjs. `__dirname` is that bundle's
 * directory, where preload.cjs sits and beside which out/renderer lies.
 */
void runKioskShell({
  shellDir: __dirname,
  loadConfig: () => loadConfig({ argv: process.argv, env: process.env, cwd: process.cwd() }),
  openLog: (config) => createFileLogger({ dir: logDirOf(config), file: 'kiosk.log' }),
  // The host runs in a utility process (host-process.cjs beside this bundle); utilityProcess.fork needs 'ready'.
  createHost: async (config, log) => {
    await app.whenReady();
    return startRemoteHost({
      spawn: forkUtilityHost(utilityProcess, path.join(__dirname, 'host-process.cjs')),
      config,
      shell: 'electron',
      version: app.getVersion(),
      log,
    });
  },
  startUpdates: (config, log) => void startUpdates(autoUpdater, { feedUrl: config.updateFeedUrl, log }),
});
