import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createHost, type Host } from '../../src-main/host.js';
import { startBrowserShell, SECRET_HEADER, type BrowserShell } from '../../src-main/browser/server.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { startTestPortal } from './portal.js';

/** Tables a refused call must leave as they were. */
export const KIOSK_WRITE_TABLES = ['applications', 'attachments', 'outbox', 'drafts'] as const;

export interface FuzzKiosk {
  portal: Awaited<ReturnType<typeof startTestPortal>>;
  host: Host;
  shell: BrowserShell;
  /** The stand-in UI folder, for a second shell on the same host. */
  rendererDir: string;
  /** Headers of the kiosk page: its Origin and the launch secret. */
  headers: Record<string, string>;
  /** Row counts of the host's tables that hold what a citizen entered, read from its SQLite file. */
  rowCounts(): Record<string, number>;
  /** Files in the host's content-addressed attachment store. */
  blobCount(): number;
  close(): Promise<void>;
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** A real portal, a real host (training mode) and its browser shell on 127.0.0.1, in a temporary folder. */
export async function startFuzzKiosk(opts: { bodyLimitBytes?: number } = {}): Promise<FuzzKiosk> {
  const portal = await startTestPortal();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fuzz-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Một cửa kiosk</title>');
  const dataDir = path.join(dir, 'data');
  const host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, training: true }), { shell: 'browser' });
  const shell = await startBrowserShell(host, { rendererDir, ...(opts.bodyLimitBytes ? { bodyLimitBytes: opts.bodyLimitBytes } : {}) });
  const reader = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  const counters = KIOSK_WRITE_TABLES.map((t) => [t, reader.prepare(`SELECT count(*) AS n FROM ${t}`)] as const);
  return {
    portal,
    host,
    shell,
    rendererDir,
    headers: { origin: shell.origin, [SECRET_HEADER]: shell.secret },
    rowCounts: () => Object.fromEntries(counters.map(([t, stmt]) => [t, (stmt.get() as { n: number }).n])),
    blobCount: () => countFiles(path.join(dataDir, 'blobs')),
    async close() {
      reader.close();
      await shell.close();
      await host.close();
      await portal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** A message meant for a Vietnamese reader: it has Vietnamese letters and none of Fastify's English error codes. */
export function isVietnameseMessage(message: unknown): boolean {
  return typeof message === 'string' && VIETNAMESE_LETTER.test(message) && !/FST_ERR|Bad Request|Unsupported Media Type/.test(message);
}
