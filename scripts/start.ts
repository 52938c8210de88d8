import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, logDirOf, type KioskConfig } from '../src-main/config.js';
import { forkNodeHost } from '../src-main/host-process/host-channel.js';
import { startRemoteHost } from '../src-main/host-process/remote-host.js';
import { createFileLogger } from '../src-main/log/logger.js';
import { exitOnProcessFaults } from '../src-main/log/process-faults.js';
import { startBrowserShell } from '../src-main/browser/server.js';
import { findChromium, openChromium } from '../src-main/browser/chromium.js';

/**
 * `npm start`: the embedded reference portal when no portal URL is
 * configured, then the kiosk — in Electron where its binary is installed,
 * otherwise in the browser shell. `--headless` opens no window.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const stops: (() => Promise<void> | void)[] = [];

function electronBinary(): string | null {
  try {
    // In plain Node the electron package exports the binary's path, and throws if it was never downloaded.
    const p: unknown = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

async function shutdown(code: number): Promise<never> {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch {
      // keep stopping the rest
    }
  }
  process.exit(code);
}

async function main(): Promise<void> {
  let config: KioskConfig;
  try {
    config = loadConfig({ argv, env: process.env, cwd: process.cwd() });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const electron = config.headless ? null : electronBinary();
  const logDir = logDirOf(config);
  // Electron's main process writes kiosk.log itself; two writers must not rotate one file.
  const logger = createFileLogger({ dir: logDir, file: electron ? 'launcher.log' : 'kiosk.log' });
  // Pushed first, so closed last: the host's and portal's closing lines still land.
  stops.push(() => logger.close());
  exitOnProcessFaults({ log: logger.log, flush: () => logger.close(), exit: (code) => process.exit(code) });

  let portalUrl = config.portalUrl;
  if (!portalUrl) {
    // Loaded only when embedded: a kiosk with a portal URL must not wait for the portal's server, database and PDF code at start (npm run bench, row 5).
    const { startPortal } = await import('../src-portal/server.js');
    const portal = await startPortal({
      dataDir: path.join(config.dataDir, 'portal'),
      resourcesDir: path.join(root, 'resources'),
      voiceDir: path.join(root, 'out', 'queue-voice'),
      mode: 'training',
      logRequests: true,
      logFile: path.join(logDir, 'portal.log'),
      payments: config.payee,
    });
    stops.push(() => portal.close());
    portalUrl = portal.url;
    console.log(`Portal ready: ${portal.url}`);
  }

  if (electron) {
    const child: ChildProcess = spawn(electron, [path.join(root, 'out/electron/main.cjs'), ...argv], {
      stdio: 'inherit',
      env: { ...process.env, KIOSK_PORTAL_URL: portalUrl, ...(config.portalUrl ? {} : { KIOSK_TRAINING: '1' }) },
    });
    stops.push(() => void child.kill('SIGTERM'));
    child.once('exit', (code) => void shutdown(code ?? 0));
    return;
  }

  // On the embedded training portal the kiosk is a training kiosk too.
  const training = config.training || !config.portalUrl;
  // The host runs in its own process, so SQLite, fsync and pdf-lib never hold up the server the window talks to.
  const host = await startRemoteHost({
    spawn: forkNodeHost({ entry: path.join(root, 'out/host/host-process.js') }),
    config: { ...config, portalUrl, training },
    shell: 'browser',
    version: process.env.npm_package_version ?? '0.1.0',
    log: logger.log,
  });
  stops.push(() => host.close());
  const shell = await startBrowserShell(host, { rendererDir: path.join(root, 'out/renderer'), port: config.port });
  stops.push(() => shell.close());
  console.log(`Kiosk ready: ${shell.kioskUrl}`);

  if (config.headless) return;
  const chromium = findChromium(config.chromiumPath);
  if (!chromium) {
    console.log('Không tìm thấy Chromium: hãy mở địa chỉ trên bằng trình duyệt (hoặc cài gói "chromium").');
    return;
  }
  const browser = openChromium(chromium, shell.kioskUrl, config.kiosk);
  stops.push(() => void browser.kill('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`Không khởi động được kiosk: ${e instanceof Error ? e.message : String(e)}`);
  void shutdown(1);
});
