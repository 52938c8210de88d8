import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../src-main/log/logger.js';
import { errorClass, toHostLog } from '../../src-main/log/host-log.js';
import { processFaultHandler } from '../../src-main/log/process-faults.js';
import { logDirOf, loadConfig } from '../../src-main/config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'log-file-'));
  dirs.push(d);
  return d;
}

describe('host file logger', () => {
  it('writes one JSON object per line, with level, time and the event as msg', async () => {
    const dir = path.join(tmpDir(), 'logs', 'nested');
    const logger = createFileLogger({ dir, file: 'kiosk.log' });
    logger.log.info('host.started', { shell: 'browser', kioskId: 'KIOSK-01' });
    logger.log.warn('outbox.retry', { outboxId: 3, retryInMs: 2000 });
    logger.log.error('outbox.parked', { localId: 'L-9', error: 'Error', ignored: undefined });
    await logger.close();
    const lines = fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [30, 'host.started'],
      [40, 'outbox.retry'],
      [50, 'outbox.parked'],
    ]);
    expect(lines[0]).toMatchObject({ shell: 'browser', kioskId: 'KIOSK-01', pid: process.pid });
    expect(new Date(lines[0]?.time as string).toISOString()).toBe(lines[0]?.time);
    expect(lines[2]).not.toHaveProperty('ignored');
    // Only the kiosk's own user may read what it logs.
    expect(fs.statSync(path.join(dir, 'kiosk.log')).mode & 0o077).toBe(0);
  });

  it('rotates by size and keeps no more than maxFiles old files', async () => {
    const dir = tmpDir();
    const logger = createFileLogger({ dir, file: 'kiosk.log', size: '2K', maxFiles: 2 });
    for (let i = 0; i < 400; i++) {
      logger.log.info('catalogue-sync.done', { version: i, upserts: 200, removed: 0 });
      // Rotation happens between writes; give the stream its turns.
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await logger.close();
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files).toContain('kiosk.log');
    // Rotated files are named <date>-<time>-<n>-kiosk.log; at most two are kept beside the current one.
    const rotated = files.filter((f) => f !== 'kiosk.log');
    expect(rotated.length).toBeGreaterThanOrEqual(1);
    expect(rotated.length).toBeLessThanOrEqual(2);
    for (const f of rotated) expect(f).toMatch(/-kiosk\.log$/);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThan(4096);
  });

  it('closing twice is harmless', async () => {
    const logger = createFileLogger({ dir: tmpDir(), file: 'kiosk.log' });
    await logger.close();
    await expect(logger.close()).resolves.toBeUndefined();
  });
});

describe('log helpers', () => {
  it('a line sink gets "level event key=value" lines', () => {
    const lines: string[] = [];
    const log = toHostLog((l) => lines.push(l));
    log.warn('outbox.refused', { outboxId: 4, reason: 'INVALID_INPUT', skip: undefined });
    expect(lines).toEqual(['warn outbox.refused outboxId=4 reason=INVALID_INPUT']);
  });

  it('errorClass says the class and errno code, never the message', () => {
    const e = Object.assign(new Error('cannot read 051085001234'), { code: 'EIO' });
    expect(errorClass(e)).toBe('Error:EIO');
    expect(errorClass(new TypeError('Nguyễn Văn An'))).toBe('TypeError');
    expect(errorClass('a string')).toBe('string');
  });

  it('an unhandled fault is logged by class, flushed, then the process ends with 1', async () => {
    const lines: string[] = [];
    const exit = vi.fn();
    const flush = vi.fn(() => Promise.resolve());
    const handle = processFaultHandler({ log: toHostLog((l) => lines.push(l)), flush, exit });
    handle('process.unhandled-rejection', new RangeError('secret 0912000111'));
    handle('process.uncaught-exception', new Error('again'));
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(exit).toHaveBeenCalledTimes(1);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(lines).toEqual(['error process.unhandled-rejection error=RangeError', 'error process.uncaught-exception error=Error']);
  });

  it('a flush that never ends does not keep a broken process up', async () => {
    const exit = vi.fn();
    const handle = processFaultHandler({ log: toHostLog(undefined), flush: () => new Promise(() => undefined), exit, flushTimeoutMs: 50 });
    handle('process.uncaught-exception', new Error('x'));
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1), { timeout: 2000 });
  });
});

describe('log folder setting', () => {
  it('defaults to <dataDir>/logs; logDir, KIOSK_LOG_DIR override it; an empty variable means unset', () => {
    const cwd = tmpDir();
    const base = { argv: [], cwd };
    expect(logDirOf(loadConfig({ ...base, env: { KIOSK_DATA_DIR: '/srv/kiosk' } }))).toBe('/srv/kiosk/logs');
    expect(logDirOf(loadConfig({ ...base, env: { KIOSK_DATA_DIR: '/srv/kiosk', KIOSK_LOG_DIR: 'var/log' } }))).toBe(path.join(cwd, 'var/log'));
    expect(logDirOf(loadConfig({ ...base, env: { KIOSK_DATA_DIR: '/srv/kiosk', KIOSK_LOG_DIR: '' } }))).toBe('/srv/kiosk/logs');
    fs.writeFileSync(path.join(cwd, 'kiosk.config.json'), JSON.stringify({ logDir: '/var/log/mot-cua' }));
    expect(logDirOf(loadConfig({ ...base, env: { KIOSK_DATA_DIR: '/srv/kiosk' } }))).toBe('/var/log/mot-cua');
  });
});
