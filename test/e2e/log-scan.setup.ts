import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_LOG_DIR_ENV, E2E_SECRETS_DIR_ENV } from '../support/e2e-logs.js';
import { knownPersonalStrings, scanLogs, sentOtps } from './log-scan.js';

/**
 * globalSetup of the e2e project: points every kiosk and portal the suite
 * starts at one log folder, and when the whole suite is done — whatever order
 * its files ran in — scans every line there for personal data. A finding, or
 * no lines at all (the scan would prove nothing), fails the run.
 */
export default function setup(): () => void {
  // A folder of this run's own: another run in the same tree must neither wipe nor add to it.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-logs-'));
  const logDir = path.join(root, 'logs');
  const secretsDir = path.join(root, 'secrets');
  fs.mkdirSync(logDir, { recursive: true });
  process.env[E2E_LOG_DIR_ENV] = logDir;
  process.env[E2E_SECRETS_DIR_ENV] = secretsDir;

  return () => {
    const otps = sentOtps(secretsDir);
    const result = scanLogs(logDir, [...knownPersonalStrings(), ...otps]);
    // The OTPs have done their job; they are not kept, even beside failing logs.
    fs.rmSync(secretsDir, { recursive: true, force: true });
    console.log(`log scan: ${result.lines} lines in ${result.files} files, ${otps.length} OTPs looked for, ${result.findings.length} personal-data strings found`);
    if (result.lines > 0 && result.findings.length === 0) {
      fs.rmSync(root, { recursive: true, force: true });
      return;
    }
    // vitest reports an error thrown here but still exits 0; the exit code makes the run fail.
    process.exitCode = 1;
    console.log(`log scan: the logs are kept in ${logDir}`);
    if (result.lines === 0) throw new Error(`log scan: no log lines were written under ${logDir}; the scan proves nothing`);
    const where = result.findings.slice(0, 20).map((f) => `  ${f.file}:${f.line} ${f.what}`);
    throw new Error(`log scan: personal data in the logs:\n${where.join('\n')}`);
  };
}
