import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type DurableMode = 'replace' | 'createOnce';

/** writevSync may write less than asked (large buffers, signals); the rest follows. */
function writeAll(fd: number, parts: readonly Uint8Array[]): void {
  let pending = parts.filter((p) => p.byteLength > 0);
  while (pending.length > 0) {
    let written = fs.writevSync(fd, pending);
    const rest: Uint8Array[] = [];
    for (const p of pending) {
      if (written >= p.byteLength) written -= p.byteLength;
      else {
        rest.push(p.subarray(written));
        written = 0;
      }
    }
    pending = rest;
  }
}

/**
 * Writes a file so that after a crash or power cut it is either whole or
 * absent, never empty or torn: temp file in the same folder, fsync, then
 * rename (replace) or hard link (createOnce: fails with EEXIST when another
 * process made the file first), then fsync of the folder so the new name
 * itself survives. A key file written without this came back empty after
 * the disk went read-only seconds after first start (the fault suite).
 */
export function writeFileDurably(target: string, bytes: Uint8Array | readonly Uint8Array[], opts: { mode: number; how: DurableMode }): void {
  const folder = path.dirname(target);
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', opts.mode);
  try {
    try {
      writeAll(fd, bytes instanceof Uint8Array ? [bytes] : bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (opts.how === 'replace') fs.renameSync(tmp, target);
    else fs.linkSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const dirFd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}
