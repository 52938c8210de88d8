import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES, sniffAttachmentMime, type AttachmentMime } from '../../src-shared/domain/file-sniff.js';

/**
 * Attachments are kept content-addressed: `attachments/ab/abcdef…` named by
 * the sha256 of their bytes, so a document sent twice (a retried upload, the
 * same ID card for two applications) is stored once and can be verified
 * against its name. Uploads land in a temporary file first and are only
 * promoted once the whole application has been accepted.
 */

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
  /** null when the first bytes are not PDF, JPEG or PNG. */
  mime: AttachmentMime | null;
  /** True when the stream went past `maxBytes` (the rest was discarded, not stored). */
  tooLarge: boolean;
}

export interface AttachmentStore {
  receive(stream: Readable, maxBytes: number): Promise<ReceivedFile>;
  promote(file: ReceivedFile): Promise<void>;
  discard(files: readonly ReceivedFile[]): Promise<void>;
  pathOf(sha256: string): string;
}

export function createAttachmentStore(dataDir: string): AttachmentStore {
  const root = path.join(dataDir, 'attachments');
  const incoming = path.join(dataDir, 'attachments-incoming');
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(incoming, { recursive: true });

  const pathOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  return {
    pathOf,

    async receive(stream, maxBytes) {
      const tempPath = path.join(incoming, `${crypto.randomUUID()}.part`);
      const hash = crypto.createHash('sha256');
      const head: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      let tooLarge = false;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (headLength < SNIFF_BYTES) {
            head.push(chunk.subarray(0, SNIFF_BYTES - headLength));
            headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
          }
          if (size > maxBytes) {
            // Keep reading so the request body is consumed and the client gets our answer, but store nothing more.
            tooLarge = true;
            done();
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(stream, meter, fs.createWriteStream(tempPath, { flags: 'wx' }));
      } catch (e) {
        // The upload broke off (client gone, malformed body): leave no half file behind.
        await fs.promises.rm(tempPath, { force: true });
        throw e;
      }
      return { tempPath, sha256: hash.digest('hex'), size, mime: sniffAttachmentMime(Buffer.concat(head)), tooLarge };
    },

    async promote(file) {
      const target = pathOf(file.sha256);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      if (fs.existsSync(target)) {
        await fs.promises.rm(file.tempPath, { force: true });
        return;
      }
      await fs.promises.rename(file.tempPath, target);
    },

    async discard(files) {
      await Promise.all(files.map((f) => fs.promises.rm(f.tempPath, { force: true })));
    },
  };
}
