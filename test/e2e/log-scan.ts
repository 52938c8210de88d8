import fs from 'node:fs';
import path from 'node:path';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { APPLICANT } from '../../scripts/crash/sample-application.js';

/**
 * The log scan behind acceptance 4 of issue 10: every log line the e2e
 * suite's kiosks and portals wrote, searched for the personal data the suite
 * typed or was sent (demo accounts, the wizard's applicant, PINs, OTPs).
 */

/** Fields of the demo accounts that are a person's data or a secret (usernames are account ids, which logs may carry). */
const PERSONAL_DEMO_FIELDS = new Set(['citizenId', 'password', 'fullName', 'phone', 'birthDate', 'address']);

/** What test/support/wizard-flow.ts and the e2e files type that is not a demo account's own. */
const TYPED_IN_E2E = [
  'Nguyễn Thị Bích Ngọc', // the child, wizard step 1
  'Trần Thị Hoa', // the mother
  '2468', // session-staff shift PIN
  '258025', // business-token user PIN
  '87654321', // business-token SO PIN
];

export function knownPersonalStrings(): string[] {
  const fromDemo = Object.values(DEMO_ACCOUNTS).flatMap((group: readonly object[]) =>
    group.flatMap((account) =>
      Object.entries(account)
        .filter(([k, v]) => PERSONAL_DEMO_FIELDS.has(k) && typeof v === 'string')
        .map(([, v]) => v as string),
    ),
  );
  return [...new Set([...fromDemo, ...Object.values(APPLICANT), ...TYPED_IN_E2E])];
}

/** Every file under `dir` whose name ends in `suffix`, recursively. */
export function filesUnder(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => path.join(e.parentPath, e.name));
}

/** The OTPs the suite's portals sent, as noted by test/support/e2e-logs.ts. */
export function sentOtps(secretsDir: string): string[] {
  return [...new Set(filesUnder(secretsDir, '.txt').flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => /^\d{6}$/.test(l))))];
}

export interface Finding {
  file: string;
  line: number;
  /** Which secret, masked: the report must not print it whole either. */
  what: string;
}

export interface ScanResult {
  files: number;
  lines: number;
  findings: Finding[];
}

function mask(secret: string): string {
  return `${secret.slice(0, 2)}…(${secret.length} ký tự)`;
}

/**
 * A digits-only secret counts only as a whole number (not inside a longer
 * one, such as a timestamp); any other secret counts anywhere in the line.
 */
function matcher(secret: string): (line: string) => boolean {
  const norm = secret.normalize('NFC');
  if (/^\d+$/.test(norm)) {
    const re = new RegExp(`(?<![\\d])${norm}(?![\\d])`);
    return (line) => re.test(line);
  }
  return (line) => line.includes(norm);
}

/** Only digits-only secrets this short are looked for inside quoted strings, so a pid or a byte count is not taken for a PIN. */
const SHORT_DIGITS = 6;

/** Fastify's request ids (req-1, req-2…) count up and would, in time, read as any short PIN. */
const REQUEST_ID = /^req-\d+$/;

function quotedStrings(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] as string).filter((q) => !REQUEST_ID.test(q));
}

export function scanLogs(logDir: string, secrets: readonly string[]): ScanResult {
  const files = filesUnder(logDir, '.log');
  const checks = secrets.filter((s) => s.length >= 4).map((s) => ({ s, test: matcher(s), short: /^\d+$/.test(s) && s.length < SHORT_DIGITS }));
  const findings: Finding[] = [];
  let lines = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').normalize('NFC');
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      lines += 1;
      const strings = quotedStrings(line);
      for (const c of checks) {
        const hit = c.short ? strings.some((q) => c.test(q)) : c.test(line);
        if (hit) findings.push({ file: path.relative(logDir, file), line: i + 1, what: mask(c.s) });
      }
    });
  }
  return { files: files.length, lines, findings };
}
