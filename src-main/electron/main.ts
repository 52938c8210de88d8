import '../../src-shared/zod-locale.js';
import { loadConfig } from '../config.js';
import { createHost } from '../host.js';
import { runKioskShell } from './kiosk-shell.js';

/**
 * Entry point bundled to out/electron/main.cjs. `__dirname` is that bundle's
 * directory, where preload.cjs sits and beside which out/renderer lies.
 */
void runKioskShell({
  shellDir: __dirname,
  loadConfig: () => loadConfig({ argv: process.argv, env: process.env, cwd: process.cwd() }),
  createHost: (config) => createHost(config, { shell: 'electron' }),
});
