import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';

/**
 * Pages as the kiosk camera delivers them: JPEG photographs of about 0.45 MB
 * each, so 20 of them join into a PDF just under the 10 MB attachment limit,
 * with the grain of paper under a camera so they do not compress to nothing. One photograph is made (noise
 * drawn with pngjs, placed on an A4 page with pdf-lib, rasterised to JPEG by
 * poppler's pdftoppm, installed by scripts/setup.sh); each page is that
 * JPEG with its own comment segment, so no two pages are the same bytes.
 * Seeded: every run joins the same document.
 */
export async function cameraPages(count: number, seed = 12): Promise<Uint8Array[]> {
  let s = seed;
  const random = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const grain = new PNG({ width: 1240, height: 1754 });
  for (let p = 0; p < grain.data.length; p += 4) {
    const shade = 170 + Math.floor(random() * 85);
    grain.data[p] = shade;
    grain.data[p + 1] = shade - 4;
    grain.data[p + 2] = shade - 10;
    grain.data[p + 3] = 255;
  }
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(PNG.sync.write(grain));
  doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-camera-'));
  let photo: Buffer;
  try {
    fs.writeFileSync(path.join(dir, 'page.pdf'), await doc.save());
    execFileSync('pdftoppm', ['-jpeg', '-jpegopt', 'quality=90', '-r', '105', '-singlefile', path.join(dir, 'page.pdf'), path.join(dir, 'page')]);
    photo = fs.readFileSync(path.join(dir, 'page.jpg'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [...Array(count).keys()].map((i) => {
    const text = Buffer.from(`trang ${i + 1}`);
    // A COM segment (FF FE, then its length including the two length bytes) right after SOI.
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
    return new Uint8Array(Buffer.concat([photo.subarray(0, 2), comment, photo.subarray(2)]));
  });
}
