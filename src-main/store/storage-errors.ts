import fs from 'node:fs';
import path from 'node:path';
import { KioskError } from '../../src-shared/errors.js';

export type StorageErrorCode = 'STORAGE_FULL' | 'STORAGE_READ_ONLY' | 'STORAGE_NO_ACCESS';

/*
 * The data folder fails in a handful of ways a counter officer can fix
 * (free space, remount, fix permissions). SQLite (better-sqlite3's
 * SqliteError) and Node's fs say the same thing with different codes;
 * anything else stays an internal error.
 */
const SQLITE_CODES: readonly (readonly [RegExp, StorageErrorCode])[] = [
  [/^SQLITE_FULL$/, 'STORAGE_FULL'],
  // SQLITE_READONLY and its extended codes (_DBMOVED, _CANTLOCK, _RECOVERY, _DIRECTORY…).
  [/^SQLITE_READONLY(_\w+)?$/, 'STORAGE_READ_ONLY'],
  [/^SQLITE_PERM$/, 'STORAGE_NO_ACCESS'],
];

const ERRNO_CODES: Readonly<Record<string, StorageErrorCode>> = {
  ENOSPC: 'STORAGE_FULL',
  EDQUOT: 'STORAGE_FULL',
  EROFS: 'STORAGE_READ_ONLY',
  EACCES: 'STORAGE_NO_ACCESS',
  EPERM: 'STORAGE_NO_ACCESS',
};

/*
 * Some failures do not say what they are: SQLite reports a read-only or
 * full disk met mid-write as SQLITE_IOERR_* ("disk I/O error"), and Node's
 * recursive mkdir reports EROFS as ENOENT. For those, the folders the store
 * writes to are asked directly with a one-byte probe file.
 */
const AMBIGUOUS = /^(SQLITE_IOERR(_\w+)?|SQLITE_CANTOPEN|ENOENT)$/;
const folders = new Set<string>();

/** Registers a folder the store writes to, for diagnosing ambiguous failures; returns the undo. */
export function watchStorageFolder(dir: string): () => void {
  if (!path.isAbsolute(dir)) return () => undefined;
  folders.add(dir);
  return () => folders.delete(dir);
}

function probeFolders(): StorageErrorCode | null {
  for (const dir of folders) {
    const file = path.join(dir, `.write-probe-${process.pid}`);
    try {
      const fd = fs.openSync(file, 'w');
      try {
        fs.writeSync(fd, 'x');
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      const code = codeOf(e);
      const mapped = code ? ERRNO_CODES[code] : undefined;
      if (mapped) return mapped;
    } finally {
      try {
        fs.rmSync(file, { force: true });
      } catch {
        // A read-only folder cannot lose the probe either; nothing was made there.
      }
    }
  }
  return null;
}

function codeOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** The storage failure behind an error (looking through `cause` chains), or null when it is something else. */
export function storageErrorCode(e: unknown): StorageErrorCode | null {
  let current: unknown = e;
  for (let depth = 0; depth < 5 && current !== null && current !== undefined; depth++) {
    const code = codeOf(current);
    if (code) {
      const errno = ERRNO_CODES[code];
      if (errno) return errno;
      const sqlite = SQLITE_CODES.find(([pattern]) => pattern.test(code));
      if (sqlite) return sqlite[1];
      const probed = AMBIGUOUS.test(code) ? probeFolders() : null;
      if (probed) return probed;
    }
    current = typeof current === 'object' && 'cause' in current ? (current as { cause: unknown }).cause : null;
  }
  return null;
}

/** A KioskError the citizen can read when `e` is a storage failure, else null. */
export function storageErrorToKioskError(e: unknown): KioskError | null {
  const code = storageErrorCode(e);
  return code ? new KioskError(code) : null;
}
