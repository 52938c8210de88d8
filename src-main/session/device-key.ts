import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../store/durable-file.js';

/**
 * The kiosk's device key for the portal: made once, kept in the key folder
 * (never in the database), shown to nobody. The portal learns it when the
 * kiosk is enrolled (automatically on a training portal; by an administrator
 * in production).
 */
export function loadOrCreateDeviceKey(keyDir: string): string {
  const file = path.join(keyDir, 'kiosk-device.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32).toString('base64url');
  try {
    writeFileDurably(file, Buffer.from(key), { mode: 0o600, how: 'createOnce' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw e;
  }
  return key;
}
