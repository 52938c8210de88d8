import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

export function findChromium(configured: string | null): string | null {
  if (configured) return fs.existsSync(configured) ? configured : null;
  return CANDIDATES.find((c) => fs.existsSync(c)) ?? null;
}

/** Flags for a locked-down app window with no background traffic. */
export function chromiumArgs(url: string, opts: { kiosk: boolean; userDataDir: string; asRoot: boolean }): string[] {
  return [
    `--app=${url}`,
    ...(opts.kiosk ? ['--kiosk'] : []),
    `--user-data-dir=${opts.userDataDir}`,
    // Vietnamese date pickers (dd/mm/yyyy) and spell-check language.
    '--lang=vi-VN',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,MediaRouter',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    ...(opts.asRoot ? ['--no-sandbox'] : []),
  ];
}

export function openChromium(executable: string, url: string, kiosk: boolean): ChildProcess {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mot-cua-kiosk-chromium-'));
  const child = spawn(executable, chromiumArgs(url, { kiosk, userDataDir, asRoot: process.getuid?.() === 0 }), { stdio: 'ignore' });
  child.once('exit', () => fs.rmSync(userDataDir, { recursive: true, force: true }));
  return child;
}
