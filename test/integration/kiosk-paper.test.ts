import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src-main/host.js';
import { BlobStore } from '../../src-main/store/blob-store.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import type { AttachmentRef, CallResult } from '../../src-shared/kiosk-api.js';
import { PAPER_LIMITS } from '../../src-shared/paper-limits.js';
import { signInCitizen } from '../support/host-session.js';
import { startTestPortal } from '../support/portal.js';
import { startHostOn, type HostUnderTest } from '../support/host-fixture.js';
import { pdfInfo, writeResult } from '../unit/documents-fixtures.js';

/**
 * Paper documents through the kiosk host, as the "Chụp / ghép ảnh" dialog
 * calls it: pages in, one PDF attachment out, kept like an uploaded file.
 */

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: HostUnderTest;
let host: Host;
let jpeg = new Uint8Array();

/** A PNG of one flat shade, `width` × `height` pixels. */
function png(width: number, height: number, shade: number): string {
  const img = new PNG({ width, height });
  for (let i = 0; i < img.data.length; i += 4) {
    img.data[i] = img.data[i + 1] = img.data[i + 2] = shade;
    img.data[i + 3] = 255;
  }
  return PNG.sync.write(img).toString('base64');
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const r: CallResult = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function failure(name: string, input: unknown) {
  const r = await host.dispatch(name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

function blobOf(ref: AttachmentRef): Buffer {
  const blobs = new BlobStore(path.join(kiosk.dataDir, 'blobs'), CryptoBox.fromKeyFile(path.join(kiosk.dataDir, 'keys', 'data.key')));
  const bytes = blobs.get(ref.sha256);
  expect(bytes.length).toBe(ref.size);
  expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
  return bytes;
}

/** pdfinfo's page sizes, one "W x H" per page. */
function pageSizes(file: string): string[] {
  const pages = Number(pdfInfo(file).Pages);
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => `${Math.round(Number(m[1]))} x ${Math.round(Number(m[2]))}`);
}

beforeAll(async () => {
  // A real JPEG, made by poppler from a small landscape page.
  const doc = await PDFDocument.create();
  const page = doc.addPage([216, 144]);
  page.drawRectangle({ x: 0, y: 0, width: 216, height: 144, color: rgb(0.8, 0.8, 0.8) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-jpeg-'));
  fs.writeFileSync(path.join(dir, 'in.pdf'), await doc.save());
  execFileSync('pdftoppm', ['-jpeg', '-r', '72', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'out')]);
  jpeg = new Uint8Array(fs.readFileSync(path.join(dir, 'out.jpg')));
  fs.rmSync(dir, { recursive: true, force: true });

  portal = await startTestPortal();
  kiosk = await startHostOn(portal.url, {});
  host = kiosk.host;
  // Attaching is part of a visit: a citizen is signed in, as in the wizard.
  await signInCitizen(host, portal.url);
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await portal?.close();
});

describe('attachments.fromImages', () => {
  it('joins two PNG pages and a JPEG page into one 3-page PDF kept as an attachment', async () => {
    const ref = await call<AttachmentRef>('attachments.fromImages', {
      componentId: 'giay-chung-sinh',
      fileName: 'Giấy chứng sinh.png',
      pages: [{ dataBase64: png(200, 280, 230) }, { dataBase64: png(200, 280, 180) }, { dataBase64: Buffer.from(jpeg).toString('base64') }],
    });
    expect(ref).toMatchObject({ componentId: 'giay-chung-sinh', fileName: 'Giấy chứng sinh.pdf', mime: 'application/pdf' });
    const pdf = blobOf(ref);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = writeResult('paper-3-pages.pdf', pdf);
    expect(pdfInfo(file).Pages).toBe('3');
    // Portrait PNGs on portrait A4, the landscape JPEG on landscape A4.
    expect(pageSizes(file)).toEqual(['595 x 842', '595 x 842', '842 x 595']);
  });

  it('turns a page a quarter when asked: its A4 page swaps width and height', async () => {
    const ref = await call<AttachmentRef>('attachments.fromImages', {
      componentId: 'giay-chung-sinh',
      fileName: 'xoay',
      pages: [{ dataBase64: png(200, 280, 200) }, { dataBase64: png(200, 280, 200), rotate: 90 }, { dataBase64: Buffer.from(jpeg).toString('base64'), rotate: 270 }, { dataBase64: png(200, 280, 200), rotate: 180 }],
    });
    expect(ref.fileName).toBe('xoay.pdf');
    const file = writeResult('paper-rotated.pdf', blobOf(ref));
    expect(pageSizes(file)).toEqual(['595 x 842', '842 x 595', '595 x 842', '595 x 842']);
  });

  it('refuses a page over 10 MB with FILE_TOO_LARGE and its message, storing nothing', async () => {
    const before = fs.readdirSync(path.join(kiosk.dataDir, 'blobs'), { recursive: true }).length;
    // The size is checked before the bytes are read, so a PNG header and padding is enough.
    const big = Buffer.alloc(PAPER_LIMITS.maxBytesPerImage + 1);
    Buffer.from(png(2, 2, 0), 'base64').copy(big);
    const error = await failure('attachments.fromImages', {
      componentId: 'giay-chung-sinh',
      fileName: 'to.png',
      pages: [{ dataBase64: png(20, 20, 100) }, { dataBase64: big.toString('base64') }],
    });
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toBe('Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn 10 MB.');
    expect(fs.readdirSync(path.join(kiosk.dataDir, 'blobs'), { recursive: true }).length).toBe(before);
  });

  it('refuses pages that add up to more than 30 MB with TOTAL_TOO_LARGE', async () => {
    const page = Buffer.alloc(8 * 1024 * 1024);
    Buffer.from(png(2, 2, 0), 'base64').copy(page);
    const dataBase64 = page.toString('base64');
    const error = await failure('attachments.fromImages', { componentId: 'giay-chung-sinh', fileName: 'x.png', pages: [1, 2, 3, 4].map(() => ({ dataBase64 })) });
    expect(error.code).toBe('TOTAL_TOO_LARGE');
    expect(error.message).toBe('Tổng dung lượng các trang vượt quá 30 MB. Vui lòng bớt trang hoặc chụp lại với chất lượng thấp hơn.');
  });

  it('refuses a page that is not an image with IMAGE_TYPE_NOT_ALLOWED, naming the page', async () => {
    const error = await failure('attachments.fromImages', {
      componentId: 'giay-chung-sinh',
      fileName: 'x.png',
      pages: [{ dataBase64: png(20, 20, 100) }, { dataBase64: Buffer.from('%PDF-1.7 not an image').toString('base64') }],
    });
    expect(error.code).toBe('IMAGE_TYPE_NOT_ALLOWED');
    expect(error.message).toBe('Trang 2 không phải ảnh PNG hoặc JPEG. Vui lòng chọn ảnh PNG hoặc JPEG.');
  });

  it('refuses a damaged PNG with IMAGE_UNREADABLE', async () => {
    const whole = Buffer.from(png(40, 40, 100), 'base64');
    const error = await failure('attachments.fromImages', {
      componentId: 'giay-chung-sinh',
      fileName: 'x.png',
      pages: [{ dataBase64: whole.subarray(0, whole.length - 20).toString('base64') }],
    });
    expect(error.code).toBe('IMAGE_UNREADABLE');
    expect(error.message).toContain('trang 1');
  });

  it('refuses more than 20 pages, and no pages, before reading any', async () => {
    const dataBase64 = png(4, 4, 100);
    const many = await failure('attachments.fromImages', { componentId: 'giay-chung-sinh', fileName: 'x.png', pages: Array.from({ length: 21 }, () => ({ dataBase64 })) });
    expect(many.code).toBe('INVALID_INPUT');
    expect(many.message).toContain('Mỗi thành phần hồ sơ được tối đa 20 trang.');
    const none = await failure('attachments.fromImages', { componentId: 'giay-chung-sinh', fileName: 'x.png', pages: [] });
    expect(none.message).toContain('Chưa có trang nào.');
    const badTurn = await failure('attachments.fromImages', { componentId: 'giay-chung-sinh', fileName: 'x.png', pages: [{ dataBase64, rotate: 45 }] });
    expect(badTurn.code).toBe('INVALID_INPUT');
  });
});
