import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Who may enrol a new kiosk id on a training portal by simply showing up.
 * Enrolling on first contact binds the id to whatever key arrives first, so
 * a stranger who gets there before the real kiosk owns its id and the real
 * kiosk's outbox is refused. A training portal therefore enrols on first
 * contact only
 * - from a loopback address: the kiosk on the machine the portal runs on
 *   (the embedded start binds the portal to 127.0.0.1), or
 * - with the enrolment code the trainer is shown when the portal starts
 *   (printed by `npm run portal`, kept in `<dataDir>/kiosk-enrolment-code.txt`).
 * A production portal never does: an administrator enrols kiosks.
 *
 * The address is the socket's, never X-Forwarded-For (the portal does not trust proxies).
 */

export const KIOSK_ENROLMENT_CODE_FILE = 'kiosk-enrolment-code.txt';

/** Crockford base32 without I, L, O, U: nothing a trainer can misread when reading it out. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols, 60 bits: out of reach of guessing, so no attempt counter is needed. */
const CODE_LENGTH = 12;

export function isLoopbackAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  if (net.isIPv4(v4)) return v4.split('.')[0] === '127';
  return ip === '::1';
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[crypto.randomInt(0, ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Upper-case, separators and spaces dropped, so "abcd efgh jkmn" matches "ABCD-EFGH-JKMN". */
function canonical(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** The training portal's enrolment code, made once per data folder (mode 0600) so it holds across restarts. */
export function loadOrCreateEnrolmentCode(dataDir: string): string {
  const file = path.join(dataDir, KIOSK_ENROLMENT_CODE_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const code = newCode();
  try {
    fs.writeFileSync(file, `${code}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw e;
  }
  return code;
}

export function enrolmentCodeMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash('sha256').update(canonical(expected)).digest();
  const b = crypto.createHash('sha256').update(canonical(given)).digest();
  return crypto.timingSafeEqual(a, b);
}
