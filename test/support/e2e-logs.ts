import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The e2e suite's log folder (set by test/e2e/log-scan.setup.ts): every
 * kiosk and portal the suite starts logs into it, and the OTPs the portals
 * sent are noted beside it, so the scan at the end can look for them.
 */
export const E2E_LOG_DIR_ENV = 'KIOSK_E2E_LOG_DIR';
export const E2E_SECRETS_DIR_ENV = 'KIOSK_E2E_SECRETS_DIR';

let counter = 0;

/** A fresh name under the suite's log folder, or null outside the e2e suite. */
export function e2eLogPath(kind: 'kiosk' | 'portal', ext = ''): string | null {
  const dir = process.env[E2E_LOG_DIR_ENV];
  if (!dir) return null;
  counter += 1;
  return path.join(dir, `${kind}-${process.pid}-${counter}${ext}`);
}

// Only the code of an OTP message: other SMS (a supplement request) carry a mã hồ sơ whose
// six-digit date part is no secret, and logs may name applications.
const OTP_IN_SMS = /mã OTP\D{0,40}?(?<!\d)(\d{6})(?!\d)/giu;

/** Notes the one-time codes in these SMS bodies for the scan (outside the e2e suite: nothing). */
export function recordSentOtps(bodies: readonly string[]): void {
  const dir = process.env[E2E_SECRETS_DIR_ENV];
  if (!dir || bodies.length === 0) return;
  const otps = bodies.flatMap((b) => [...b.matchAll(OTP_IN_SMS)].map((m) => m[1] as string));
  if (otps.length === 0) return;
  fs.mkdirSync(dir, { recursive: true });
  counter += 1;
  fs.writeFileSync(path.join(dir, `otps-${process.pid}-${counter}.txt`), `${otps.join('\n')}\n`);
}

/** The SMS bodies in a portal database file that is no longer open (a kiosk's embedded portal after it exited). */
export function smsBodiesIn(portalDbFile: string): string[] {
  if (!fs.existsSync(portalDbFile)) return [];
  const db = new Database(portalDbFile, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sms_outbox'").get();
    return hasTable ? (db.prepare('SELECT body FROM sms_outbox').all() as { body: string }[]).map((r) => r.body) : [];
  } finally {
    db.close();
  }
}
