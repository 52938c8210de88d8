import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src-main/api/dispatcher.js';
import { storageErrorCode, storageErrorToKioskError, watchStorageFolder } from '../../src-main/store/storage-errors.js';
import { CALL_NAMES } from '../../src-shared/call-names.js';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDb(): { file: string; db: Database.Database } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-errors-'));
  dirs.push(dir);
  const file = path.join(dir, 'x.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE t (v BLOB)');
  return { file, db };
}
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code, errno: -1, syscall: 'write' });
}

describe('storageErrorCode', () => {
  it('maps a real SQLITE_FULL from better-sqlite3 to STORAGE_FULL', () => {
    const { db } = tempDb();
    db.pragma('max_page_count = 4');
    const e = thrown(() => {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(4096));
    });
    expect((e as { code: string }).code).toBe('SQLITE_FULL');
    expect(storageErrorCode(e)).toBe('STORAGE_FULL');
    db.close();
  });

  it('maps a real SQLITE_READONLY from better-sqlite3 to STORAGE_READ_ONLY', () => {
    const { file, db } = tempDb();
    db.close();
    const ro = new Database(file, { readonly: true });
    const e = thrown(() => ro.prepare('INSERT INTO t VALUES (1)').run());
    expect((e as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(storageErrorCode(e)).toBe('STORAGE_READ_ONLY');
    ro.close();
  });

  it.each([
    ['ENOSPC', 'STORAGE_FULL'],
    ['EDQUOT', 'STORAGE_FULL'],
    ['EROFS', 'STORAGE_READ_ONLY'],
    ['EACCES', 'STORAGE_NO_ACCESS'],
    ['EPERM', 'STORAGE_NO_ACCESS'],
    ['SQLITE_READONLY_DBMOVED', 'STORAGE_READ_ONLY'],
    ['SQLITE_PERM', 'STORAGE_NO_ACCESS'],
  ])('maps Node/SQLite code %s to %s', (code, expected) => {
    expect(storageErrorCode(errno(code))).toBe(expected);
  });

  it('looks through a cause chain', () => {
    expect(storageErrorCode(new Error('writing the blob failed', { cause: errno('ENOSPC') }))).toBe('STORAGE_FULL');
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['ENOENT', errno('ENOENT')],
    ['SQLITE_CONSTRAINT', errno('SQLITE_CONSTRAINT_UNIQUE')],
    ['SQLITE_FULLNESS (not a real code)', errno('SQLITE_FULLNESS')],
    ['a string', 'ENOSPC'],
    ['null', null],
    ['a numeric code', { code: 28 }],
  ])('leaves %s alone', (_label, e) => {
    expect(storageErrorCode(e)).toBeNull();
    expect(storageErrorToKioskError(e)).toBeNull();
  });

  it('gives a KioskError with the Vietnamese message', () => {
    const k = storageErrorToKioskError(errno('ENOSPC'));
    expect(k?.code).toBe('STORAGE_FULL');
    expect(k?.message).toBe(ERROR_MESSAGES.STORAGE_FULL.vi);
    expect(k?.message).toContain('hết dung lượng lưu trữ');
  });
});

describe('dispatcher and storage failures', () => {
  function handlersThrowing(e: unknown): Handlers {
    const all = Object.fromEntries(
      CALL_NAMES.map((n) => [
        n,
        () => {
          throw e;
        },
      ]),
    ) as unknown as Handlers;
    return all;
  }

  it('answers STORAGE_FULL, not INTERNAL, when a handler hits a full disk, and logs only the code', async () => {
    const lines: string[] = [];
    const d = createDispatcher(handlersThrowing(errno('ENOSPC')), (l) => lines.push(l));
    const r = await d.dispatch('sync.state', {});
    expect(r).toEqual({ ok: false, error: { code: 'STORAGE_FULL', message: ERROR_MESSAGES.STORAGE_FULL.vi } });
    expect(lines).toEqual(['kiosk-api sync.state: STORAGE_FULL']);
  });

  it('answers STORAGE_READ_ONLY for a read-only data folder', async () => {
    const r = await createDispatcher(handlersThrowing(errno('EROFS'))).dispatch('sync.state', {});
    expect(r.ok ? null : r.error.code).toBe('STORAGE_READ_ONLY');
  });

  it('still answers INTERNAL for anything else', async () => {
    const r = await createDispatcher(handlersThrowing(new TypeError('x is undefined'))).dispatch('sync.state', {});
    expect(r.ok ? null : r.error.code).toBe('INTERNAL');
  });
});

describe('failures that do not say what they are', () => {
  it('leaves SQLITE_IOERR and ENOENT alone while every watched folder can be written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-probe-'));
    dirs.push(dir);
    const unwatch = watchStorageFolder(dir);
    try {
      expect(storageErrorCode(errno('SQLITE_IOERR_WRITE'))).toBeNull();
      expect(storageErrorCode(errno('ENOENT'))).toBeNull();
      // The probe leaves nothing behind.
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      unwatch();
    }
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)('asks a read-only folder and answers STORAGE_READ_ONLY for "disk I/O error" (needs root to mount)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-ro-'));
    dirs.push(dir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir]);
    const unwatch = watchStorageFolder(dir);
    try {
      expect(storageErrorCode(errno('SQLITE_IOERR_WRITE'))).toBe('STORAGE_READ_ONLY');
      // Node's recursive mkdir says ENOENT on a read-only file system.
      expect(storageErrorCode(errno('ENOENT'))).toBe('STORAGE_READ_ONLY');
      expect(storageErrorCode(errno('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    } finally {
      unwatch();
      execFileSync('umount', [dir]);
    }
    expect(storageErrorCode(errno('SQLITE_IOERR_WRITE'))).toBeNull();
  });
});
