import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_REDACT_CENSOR, PERSONAL_LOG_KEYS } from '../../src-shared/log-redaction.js';
import { createFileLogger } from '../../src-main/log/logger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'log-redaction-'));
  dirs.push(d);
  return d;
}

/** Writes each object as one line through the real file logger and reads the lines back. */
async function logged(objects: Record<string, unknown>[]): Promise<string[]> {
  const dir = tmpDir();
  const logger = createFileLogger({ dir, file: 'kiosk.log' });
  for (const o of objects) logger.pino.info(o, 'probe');
  await logger.close();
  return fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8').trim().split('\n');
}

const SECRET = 'Nguyễn Văn An 051085001234';

describe('log redaction', () => {
  it.each(PERSONAL_LOG_KEYS)('censors "%s" at the top level, one and two levels down', async (key) => {
    const lines = await logged([{ [key]: SECRET }, { req: { [key]: SECRET } }, { req: { body: { [key]: SECRET } } }]);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain('051085001234');
      expect(line).not.toContain('Nguyễn');
      expect(line).toContain(LOG_REDACT_CENSOR);
    }
  });

  it('censors whole applicant and fields objects, whatever keys they hold', async () => {
    const [line] = await logged([
      {
        applicant: { fullName: 'Trần Thị Bích Ngọc', citizenId: '051192006789', phone: '0935000222' },
        fields: { ho_ten_cha: 'Lê Minh Khang', so_cmnd_cha: '212345678' },
        localId: 'L-1',
      },
    ]);
    const parsed = JSON.parse(line as string) as Record<string, unknown>;
    expect(parsed).toMatchObject({ applicant: LOG_REDACT_CENSOR, fields: LOG_REDACT_CENSOR, localId: 'L-1', msg: 'probe' });
    for (const value of ['Trần Thị Bích Ngọc', '051192006789', '0935000222', 'Lê Minh Khang', '212345678']) expect(line).not.toContain(value);
  });

  it('censors credentials, one-time codes, PINs, captcha answers and document bytes together', async () => {
    const [line] = await logged([
      { input: { username: '051085001234', password: 'Demo@2026', otp: '493817', pin: '482913', captchaAnswer: 'x7k2p', dataBase64: 'JVBERi0xLjQK' }, call: 'auth.login' },
    ]);
    for (const value of ['051085001234', 'Demo@2026', '493817', '482913', 'x7k2p', 'JVBERi0xLjQK']) expect(line).not.toContain(value);
    expect(line).toContain('"call":"auth.login"');
  });

  it('keeps what a log line is for: event, ids, error classes', async () => {
    const [line] = await logged([{ outboxId: 7, localId: 'L-7', error: 'Error:EIO', code: '000.00.31.H48-261202-0001' }]);
    expect(JSON.parse(line as string)).toMatchObject({ outboxId: 7, localId: 'L-7', error: 'Error:EIO', code: '000.00.31.H48-261202-0001', level: 30 });
  });
});
