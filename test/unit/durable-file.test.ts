import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../src-main/store/durable-file.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import { loadOrCreateDeviceKey } from '../../src-main/session/device-key.js';

const dirs: string[] = [];
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('durable file writes', () => {
  it('createOnce makes the file whole with its mode, and refuses to overwrite one that exists', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'k');
    writeFileDurably(file, Buffer.from('first'), { mode: 0o600, how: 'createOnce' });
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(() => writeFileDurably(file, Buffer.from('second'), { mode: 0o600, how: 'createOnce' })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    // No temporary file is left behind, whatever happened.
    expect(fs.readdirSync(dir)).toEqual(['k']);
  });

  it('replace swaps the content in one step', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'f');
    writeFileDurably(file, Buffer.from('old'), { mode: 0o600, how: 'replace' });
    writeFileDurably(file, Buffer.from('new'), { mode: 0o600, how: 'replace' });
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['f']);
  });

  it('the data key and the device key are made once and read back the same', () => {
    const dir = tmpDir();
    const box = CryptoBox.fromKeyFile(path.join(dir, 'data.key'));
    const sealed = box.seal(Buffer.from('Nguyễn'), 'row-1');
    expect(fs.statSync(path.join(dir, 'data.key')).size).toBe(32);
    expect(CryptoBox.fromKeyFile(path.join(dir, 'data.key')).open(sealed, 'row-1').toString()).toBe('Nguyễn');
    const key = loadOrCreateDeviceKey(dir);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadOrCreateDeviceKey(dir)).toBe(key);
    expect(fs.readdirSync(dir).sort()).toEqual(['data.key', 'kiosk-device.key']);
  });
});
