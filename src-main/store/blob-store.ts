import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from './durable-file.js';
import type { CryptoBox } from './crypto-box.js';
import type { Blobs } from './store.js';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Attachment bytes, content-addressed by the SHA-256 of the plain bytes and
 * stored encrypted. Writes are atomic (temp file, fsync, rename, fsync of
 * the folder), so a power cut leaves either the whole file or none.
 */
export class BlobStore implements Blobs {
  constructor(
    private readonly dir: string,
    private readonly box: CryptoBox,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('Mã băm tệp không hợp lệ.');
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return fs.existsSync(this.pathOf(hash));
  }

  /** Stores the bytes and returns their hash; storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): string {
    const hash = sha256Hex(bytes);
    const target = this.pathOf(hash);
    if (fs.existsSync(target)) return hash;
    const folder = path.dirname(target);
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileDurably(target, this.box.sealParts(bytes, hash), { mode: 0o600, how: 'replace' });
    return hash;
  }

  get(hash: string): Buffer {
    const plain = this.box.open(fs.readFileSync(this.pathOf(hash)), hash);
    if (sha256Hex(plain) !== hash) throw new Error('Tệp đính kèm trên kiosk bị hỏng (sai mã băm).');
    return plain;
  }

  delete(hash: string): void {
    fs.rmSync(this.pathOf(hash), { force: true });
  }

  /** Every stored hash, and leftover temp files from an interrupted write. */
  scan(): { hashes: string[]; temps: string[] } {
    const hashes: string[] = [];
    const temps: string[] = [];
    for (const sub of fs.readdirSync(this.dir)) {
      const folder = path.join(this.dir, sub);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const name of fs.readdirSync(folder)) {
        if (name.endsWith('.tmp')) temps.push(path.join(folder, name));
        else if (/^[0-9a-f]{64}$/.test(name)) hashes.push(name);
      }
    }
    return { hashes, temps };
  }

  removeTemp(file: string): void {
    fs.rmSync(file, { force: true });
  }
}
