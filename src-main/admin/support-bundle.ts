import fs from 'node:fs';
import path from 'node:path';
import { PERSONAL_LOG_KEYS } from '../../src-shared/log-redaction.js';

/** Lines of the newest log files a bundle carries: the last hours of a busy kiosk, a few hundred kB. */
const MAX_LINES = 2000;
const PERSONAL_KEYS: ReadonlySet<string> = new Set(PERSONAL_LOG_KEYS.map((k) => k.toLowerCase()));

/**
 * Numbers as long as a CCCD/CMND (9 or 12 digits), a phone (10–11) or a tax
 * code, and e-mail addresses: the log should hold none, and the bundle leaves
 * the kiosk, so a stray one is masked here as well (timestamps and ids are
 * shorter or contain separators).
 */
const LONG_NUMBER = /(?<![\d.])\d{9,13}(?![\d.])/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONG_NUMBER, '[số]').replace(EMAIL, '[email]');
  if (Array.isArray(value)) return value.map(scrubValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, PERSONAL_KEYS.has(k.toLowerCase()) ? '[redacted]' : scrubValue(v)]));
  }
  return value;
}

/** One log line as the bundle carries it: a JSON line with personal keys censored, or plain text with numbers masked. */
export function scrubLogLine(line: string): unknown {
  try {
    return scrubValue(JSON.parse(line));
  } catch {
    return scrubValue(line);
  }
}

/** The newest lines of every `*.log` file in the log folder, oldest file first, scrubbed. */
export function recentLogLines(logDir: string): unknown[] {
  if (!fs.existsSync(logDir)) return [];
  const files = fs
    .readdirSync(logDir)
    .filter((f) => f.endsWith('.log') || /\.log\.\d+$/.test(f))
    .map((f) => path.join(logDir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  const lines = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== ''));
  return lines.slice(-MAX_LINES).map(scrubLogLine);
}

/** The bundle's whole text: state the caller gathered (no personal data by construction) and the scrubbed log. */
export function supportBundleJson(state: Record<string, unknown>, logDir: string, at: Date): string {
  return JSON.stringify({ kind: 'mot-cua-kiosk.support-bundle', version: 1, createdAt: at.toISOString(), state: scrubValue(state), log: recentLogLines(logDir) }, null, 2);
}

/** How many bundles the support folder keeps: enough for a technician's visit, never a growing pile. */
const KEEP_BUNDLES = 5;

/**
 * Writes the bundle into the kiosk's support folder (whole or not at all)
 * and keeps only the newest few. The Electron shell refuses downloads, so
 * this file, not a browser download, is how a bundle leaves a locked kiosk;
 * it holds no personal data, so it may stay on disk.
 */
export function saveSupportBundle(dir: string, fileName: string, json: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, path.basename(fileName));
  const temp = `${target}.tmp`;
  fs.writeFileSync(temp, json, { mode: 0o600 });
  fs.renameSync(temp, target);
  const bundles = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('ho-tro-') && f.endsWith('.json'))
    .sort();
  for (const old of bundles.slice(0, Math.max(0, bundles.length - KEEP_BUNDLES))) fs.rmSync(path.join(dir, old), { force: true });
  return target;
}
