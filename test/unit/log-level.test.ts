import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../src-shared/kiosk-contract/admin.js';
import { LOG_REDACT_CENSOR } from '../../src-shared/log-redaction.js';
import { followLevel } from '../../src-main/log/log-level.js';
import { createFileLogger } from '../../src-main/log/logger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function linesOf(dir: string): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(dir, 'kiosk.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('log level followed live', () => {
  it('drops info lines while the setting is warn and writes them again once it is back to info, redaction intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-level-'));
    dirs.push(dir);
    const file = createFileLogger({ dir, file: 'kiosk.log' });
    // What "Quản trị kiosk" saved, read by the log at every line.
    let setting: LogLevel = 'info';
    const log = followLevel(file.log, () => setting);

    log.info('before', { n: 1 });
    setting = 'warn';
    log.info('hidden', { n: 2 });
    log.warn('warned', { n: 3 });
    log.error('failed', { n: 4 });
    setting = 'error';
    log.warn('hidden-warn', { n: 5 });
    setting = 'info';
    log.info('after', { n: 6, citizenId: '051085001234' });
    setting = 'debug';
    log.info('debug-too', { n: 7 });
    await file.close();

    const lines = linesOf(dir);
    expect(lines.map((l) => l.msg)).toEqual(['before', 'warned', 'failed', 'after', 'debug-too']);
    const after = lines.find((l) => l.msg === 'after');
    expect(after?.citizenId).toBe(LOG_REDACT_CENSOR);
    expect(fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).not.toContain('051085001234');
  });
});
