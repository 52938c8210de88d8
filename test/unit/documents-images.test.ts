import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../../src-main/documents/document-errors.js';
import { imagesToPdf, jpegOrientation, sniffImage } from '../../src-main/documents/images-to-pdf.js';
import { pdfInfo, renderPage, writeResult } from './documents-fixtures.js';

const MB = 1024 * 1024;
const LIMITS = { maxBytesPerImage: 1.5 * MB, maxTotalBytes: 5 * MB, maxPages: 10 };

/** A PNG of one flat colour, with a black square in its top-left quarter to tell which way is up. */
function png(width: number, height: number, shade: number): Uint8Array {
  const img = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const mark = x < width / 4 && y < height / 4;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = mark ? 0 : shade;
      img.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(img));
}

/** Noise does not compress: a PNG of about `bytes` bytes. */
function noisyPng(bytes: number): Uint8Array {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const img = new PNG({ width: side, height: side, colorType: 2 });
  const noise = randomBytes(img.data.length);
  for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : (noise[i] ?? 0);
  return new Uint8Array(PNG.sync.write(img, { colorType: 2 }));
}

let jpeg = new Uint8Array();

/** A real JPEG, made by poppler from a landscape page (300 × 200 px). */
beforeAll(async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([216, 144]);
  page.drawRectangle({ x: 0, y: 0, width: 216, height: 144, color: rgb(0.8, 0.8, 0.8) });
  page.drawRectangle({ x: 0, y: 108, width: 54, height: 36, color: rgb(0, 0, 0) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jpeg-'));
  fs.writeFileSync(path.join(dir, 'in.pdf'), await doc.save());
  execFileSync('pdftoppm', ['-jpeg', '-r', '100', '-singlefile', path.join(dir, 'in.pdf'), path.join(dir, 'out')]);
  jpeg = new Uint8Array(fs.readFileSync(path.join(dir, 'out.jpg')));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The same JPEG with an EXIF APP1 segment saying "rotate 90° clockwise to view" (orientation 6). */
function withOrientation(bytes: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = payload.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  return new Uint8Array([...bytes.subarray(0, 2), ...app1, ...bytes.subarray(2)]);
}

describe('images → PDF', () => {
  it('assembles two PNG pages and a JPEG page, each on A4 with the image fitted', async () => {
    expect(sniffImage(jpeg)).toBe('jpeg');
    const pdf = await imagesToPdf(
      [
        { bytes: png(400, 600, 200), mime: 'image/png' },
        { bytes: png(600, 300, 120) },
        // The claimed type is wrong; the bytes decide.
        { bytes: jpeg, mime: 'image/png' },
      ],
      LIMITS,
    );
    const file = writeResult('scanned-pages.pdf', pdf);
    expect(pdfInfo(file).Pages).toBe('3');
    const doc = await PDFDocument.load(pdf);
    const sizes = doc.getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]);
    // Portrait image → portrait A4; landscape images → landscape A4.
    expect(sizes).toEqual([
      [595, 842],
      [842, 595],
      [842, 595],
    ]);
    // The image fills the page inside a 10 mm margin: the middle of page 1 carries its grey, the margin stays white.
    const page1 = renderPage(file, 1, 30);
    const at = (x: number, y: number) => page1.data[(Math.floor(y) * page1.width + Math.floor(x)) * 4] ?? -1;
    expect(at(page1.width / 2, page1.height / 2)).toBeGreaterThan(190);
    expect(at(page1.width / 2, page1.height / 2)).toBeLessThan(210);
    expect(at(page1.width / 2, 2)).toBe(255);
  });

  it('turns a sideways phone photo upright by its EXIF orientation', async () => {
    const rotated = withOrientation(jpeg, 6);
    expect(jpegOrientation(rotated)).toBe(6);
    expect(jpegOrientation(jpeg)).toBe(1);
    const pdf = await imagesToPdf([{ bytes: rotated }], LIMITS);
    const doc = await PDFDocument.load(pdf);
    // 300 × 200 stored, upright it is 200 × 300: a portrait page.
    expect([Math.round(doc.getPage(0).getWidth()), Math.round(doc.getPage(0).getHeight())]).toEqual([595, 842]);
    // The black mark, top-left as stored, is top-right once turned clockwise.
    const file = writeResult('scanned-rotated.pdf', pdf);
    const r = renderPage(file, 1, 30);
    const at = (fx: number, fy: number) => r.data[(Math.floor(fy * r.height) * r.width + Math.floor(fx * r.width)) * 4] ?? -1;
    expect(at(0.85, 0.15)).toBeLessThan(60);
    expect(at(0.15, 0.15)).toBeGreaterThan(150);
    expect(at(0.85, 0.85)).toBeGreaterThan(150);
  });

  it('refuses an oversize image with the size limit in the message', async () => {
    const big = noisyPng(2 * MB);
    expect(big.byteLength).toBeGreaterThan(1.5 * MB);
    const err = await imagesToPdf([{ bytes: png(10, 10, 0) }, { bytes: big }], LIMITS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect(err).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn 1,5 MB.' });
  });

  it('refuses too many pages, too many bytes in all, no pages, and non-images', async () => {
    const small = { bytes: png(20, 20, 100) };
    await expect(imagesToPdf(Array.from({ length: 11 }, () => small), LIMITS)).rejects.toMatchObject({
      code: 'TOO_MANY_PAGES',
      message: 'Mỗi thành phần hồ sơ được tối đa 10 trang.',
    });
    const page = { bytes: noisyPng(1.2 * MB) };
    await expect(imagesToPdf([page, page, page, page, page], LIMITS)).rejects.toMatchObject({ code: 'TOTAL_TOO_LARGE' });
    await expect(imagesToPdf([], LIMITS)).rejects.toMatchObject({ code: 'NO_PAGES' });
    const gif = new TextEncoder().encode('GIF89a not really');
    await expect(imagesToPdf([small, { bytes: gif, mime: 'image/png' }], LIMITS)).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
      message: 'Trang 2 không phải ảnh PNG hoặc JPEG. Vui lòng chọn ảnh PNG hoặc JPEG.',
    });
  });

  it('refuses a damaged image by page number instead of hanging on it', async () => {
    const whole = png(50, 50, 10);
    const truncated = whole.slice(0, 60);
    const flipped = whole.slice();
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    for (const broken of [truncated, flipped, jpeg.slice(0, 30)]) {
      await expect(imagesToPdf([{ bytes: png(20, 20, 1) }, { bytes: broken }], LIMITS)).rejects.toMatchObject({
        code: 'UNREADABLE_IMAGE',
        message: 'Không đọc được ảnh ở trang 2; tệp có thể bị hỏng. Vui lòng chụp hoặc chọn lại.',
      });
    }
  });
});
