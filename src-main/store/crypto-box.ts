import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from './durable-file.js';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/**
 * Encrypts personal data at rest (AES-256-GCM). The key lives in its own
 * file, outside the database and the attachment folder, so a copy of the
 * database or of a backup alone reveals no CCCD number, name or document.
 * See "Personal data on the kiosk" in README.md for what this does and does
 * not protect against.
 */
export class CryptoBox {
  private constructor(private readonly key: Buffer) {}

  static fromKeyFile(file: string): CryptoBox {
    if (fs.existsSync(file)) {
      const key = fs.readFileSync(file);
      if (key.length !== KEY_BYTES) throw new Error(`Tệp khóa mã hóa ${file} bị hỏng (độ dài sai).`);
      return new CryptoBox(key);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const key = crypto.randomBytes(KEY_BYTES);
    // createOnce: two processes racing to create the key must not overwrite each other's.
    try {
      writeFileDurably(file, key, { mode: 0o600, how: 'createOnce' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return CryptoBox.fromKeyFile(file);
      throw e;
    }
    return new CryptoBox(key);
  }

  /** version ‖ nonce ‖ ciphertext ‖ tag; `context` binds the blob to its row. */
  seal(plain: Uint8Array, context: string): Buffer {
    return Buffer.concat(this.sealParts(plain, context));
  }

  /** The sealed bytes in pieces, for writing without joining megabytes of attachment into one more buffer first. */
  sealParts(plain: Uint8Array, context: string): Buffer[] {
    const nonce = crypto.randomBytes(NONCE_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = cipher.update(plain);
    const rest = cipher.final();
    return [Buffer.from([VERSION]), nonce, body, rest, cipher.getAuthTag()];
  }

  open(sealed: Buffer, context: string): Buffer {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('Dữ liệu mã hóa không hợp lệ.');
    const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  }

  sealJson(value: unknown, context: string): Buffer {
    return this.seal(Buffer.from(JSON.stringify(value)), context);
  }

  openJson(sealed: Buffer, context: string): unknown {
    return JSON.parse(this.open(sealed, context).toString('utf8')) as unknown;
  }
}
