import { crc32 } from 'node:zlib';
import { PDFDocument, degrees, type PDFImage } from 'pdf-lib';
import { z } from 'zod';
import { DocumentError, parseDocumentInput } from './document-errors.js';
import { MM } from './layout.js';
import { formatDecimal } from './vn-format.js';
import { sniffImageKind, type ImageKind } from '../../src-shared/domain/file-sniff.js';

/**
 * Paper documents captured by the kiosk camera or imported as images,
 * assembled into one PDF per document component. Limits are checked
 * before any decoding, on the sizes the citizen can do something about.
 */

export const ImageLimitsSchema = z.object({
  maxBytesPerImage: z.number().int().positive(),
  maxTotalBytes: z.number().int().positive(),
  maxPages: z.number().int().min(1).max(500),
});
export type ImageLimits = z.infer<typeof ImageLimitsSchema>;

export interface ImagePage {
  bytes: Uint8Array;
  /** What the sender claims; ignored — the type is read from the bytes. */
  mime?: string;
  /** Clockwise quarter turns the citizen gave the page, on top of any EXIF orientation. */
  rotate?: 0 | 90 | 180 | 270;
}

export type { ImageKind };

const A4_W = 595.28;
const A4_H = 841.89;
const MARGIN = 10 * MM;
const MB = 1024 * 1024;

/** The image type by its magic bytes, or null (one sniffer for kiosk, host and portal). */
export const sniffImage: (bytes: Uint8Array) => ImageKind | null = sniffImageKind;

/**
 * Whether a PNG's chunks are whole and their CRCs right, IHDR first and
 * IEND last. pdf-lib's PNG decoder loops forever on a truncated file, so a
 * damaged upload must be turned away before it gets there.
 */
export function pngIsWhole(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let first = true;
  let sawData = false;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return false;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return false;
    if (first && type !== 'IHDR') return false;
    first = false;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return sawData && end === bytes.length;
    at = end;
  }
  return false;
}

/**
 * EXIF orientation of a JPEG (1–8; 1 when absent): phone photos are stored
 * sideways with a tag saying which way up they are meant to be.
 */
export function jpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    const length = view.getUint16(at + 2);
    // Start of scan: no metadata after this point.
    if (marker === 0xda) break;
    const exifHeader = at + 4;
    if (marker === 0xe1 && exifHeader + 14 <= bytes.length && String.fromCharCode(...bytes.subarray(exifHeader, exifHeader + 4)) === 'Exif') {
      const tiff = exifHeader + 6;
      const little = bytes[tiff] === 0x49;
      const u16 = (p: number) => (p + 2 <= bytes.length ? view.getUint16(p, little) : 0);
      const u32 = (p: number) => (p + 4 <= bytes.length ? view.getUint32(p, little) : 0);
      const ifd = tiff + u32(tiff + 4);
      const count = u16(ifd);
      for (let i = 0; i < count; i++) {
        const entry = ifd + 2 + i * 12;
        if (entry + 12 > bytes.length) break;
        if (u16(entry) === 0x0112) {
          const value = u16(entry + 8);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    }
    at += 2 + length;
  }
  return 1;
}

function megabytes(bytes: number): string {
  return formatDecimal(bytes / MB);
}

export async function imagesToPdf(pages: readonly ImagePage[], limits: ImageLimits): Promise<Uint8Array> {
  const lim = parseDocumentInput(ImageLimitsSchema, limits);
  if (pages.length === 0) throw new DocumentError('NO_PAGES');
  if (pages.length > lim.maxPages) throw new DocumentError('TOO_MANY_PAGES', { n: lim.maxPages });

  let total = 0;
  const kinds = pages.map((page, i) => {
    const size = page.bytes.byteLength;
    if (size > lim.maxBytesPerImage) throw new DocumentError('FILE_TOO_LARGE', { n: megabytes(lim.maxBytesPerImage) });
    total += size;
    const kind = sniffImage(page.bytes);
    if (!kind) throw new DocumentError('UNSUPPORTED_IMAGE', { page: i + 1 });
    return kind;
  });
  if (total > lim.maxTotalBytes) throw new DocumentError('TOTAL_TOO_LARGE', { n: megabytes(lim.maxTotalBytes) });

  const doc = await PDFDocument.create();
  for (const [i, page] of pages.entries()) {
    const kind = kinds[i] ?? 'png';
    let image: PDFImage;
    if (kind === 'png' && !pngIsWhole(page.bytes)) throw new DocumentError('UNREADABLE_IMAGE', { page: i + 1 });
    try {
      image = kind === 'png' ? await doc.embedPng(page.bytes) : await doc.embedJpg(page.bytes);
    } catch {
      throw new DocumentError('UNREADABLE_IMAGE', { page: i + 1 });
    }
    placeOnA4(doc, image, kind === 'jpeg' ? jpegOrientation(page.bytes) : 1, page.rotate ?? 0);
  }
  doc.setCreator('Một cửa kiosk');
  doc.setProducer('Một cửa kiosk');
  // Fixed dates keep the same pages giving the same bytes (and the same hash on the portal).
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const pdf = await doc.save();
  // PNG pages are re-compressed by pdf-lib, so the PDF can outgrow its pages.
  if (pdf.byteLength > lim.maxTotalBytes) throw new DocumentError('TOTAL_TOO_LARGE', { n: megabytes(lim.maxTotalBytes) });
  return pdf;
}

/**
 * One A4 page per image, portrait or landscape as the (upright) image is,
 * the image scaled to fit inside a 10 mm margin and centred. Mirrored EXIF
 * orientations (2, 4, 5, 7) are drawn as their unmirrored rotation: a
 * mirrored document photo is rare, and upright matters more than mirrored.
 */
function placeOnA4(doc: PDFDocument, image: PDFImage, orientation: number, turnClockwise: number): void {
  const exif = orientation === 3 || orientation === 4 ? 180 : orientation === 6 || orientation === 5 ? 270 : orientation === 8 || orientation === 7 ? 90 : 0;
  // Counter-clockwise degrees, as pdf-lib counts them.
  const rotation = (exif + 360 - turnClockwise) % 360;
  const quarter = rotation === 90 || rotation === 270;
  const uprightW = quarter ? image.height : image.width;
  const uprightH = quarter ? image.width : image.height;
  const [pageW, pageH] = uprightW > uprightH ? [A4_H, A4_W] : [A4_W, A4_H];
  const scale = Math.min((pageW - 2 * MARGIN) / uprightW, (pageH - 2 * MARGIN) / uprightH);
  const w = uprightW * scale;
  const h = uprightH * scale;
  const left = (pageW - w) / 2;
  const bottom = (pageH - h) / 2;
  const page = doc.addPage([pageW, pageH]);
  // pdf-lib rotates counter-clockwise about the drawing origin, so the origin moves to keep the picture in its box.
  const drawW = image.width * scale;
  const drawH = image.height * scale;
  const origin =
    rotation === 90 ? { x: left + w, y: bottom } : rotation === 180 ? { x: left + w, y: bottom + h } : rotation === 270 ? { x: left, y: bottom + h } : { x: left, y: bottom };
  page.drawImage(image, { x: origin.x, y: origin.y, width: drawW, height: drawH, rotate: degrees(rotation) });
}
