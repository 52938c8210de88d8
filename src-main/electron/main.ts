import '../../src-shared/zod-locale.js';
import { loadConfig, logDirOf } from '../config.js';
import { createHost } from '../host.js';
import { createFileLogger } from '../log/logger.js';
import { runKioskShell } from './kiosk-shell.js';

/**
 * Entry point bundled to out/electron/main.cjs. `__dirname` is that bundle's
 * directory, where preload.cjs sits and beside which out/renderer lies.
 */
void runKioskShell({
  shellDir: __dirname,
  loadConfig: () => loadConfig({ argv: process.argv, env: process.env, cwd: process.cwd() }),
  openLog: (config) => createFileLogger({ dir: logDirOf(config), file: 'kiosk.log' }),
  createHost: (config, log) => createHost(config, { shell: 'electron', log }),
});
