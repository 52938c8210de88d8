import type { PDFPage } from 'pdf-lib';
import { parseVietQr, type VietQrInfo } from '../../src-shared/domain/vietqr.js';
import { DocumentError } from './document-errors.js';
import { drawQrOnPage, qrMatrix, qrSvg, type QrMatrix } from './qr-code.js';

/**
 * The VietQR payment code as a picture: an SVG for the screen and modules
 * drawn straight into a PDF (vector, so a receipt printer prints it crisp).
 * The payload is made by src-shared/domain/vietqr.ts buildVietQr; it is read
 * back here so a corrupt one is refused before a citizen scans it and pays
 * the wrong account.
 */

function checked(payload: string): VietQrInfo {
  try {
    return parseVietQr(payload);
  } catch (e) {
    throw new DocumentError('INVALID_DOCUMENT_DATA', {}, [{ path: 'vietQr', message: e instanceof Error ? e.message : String(e) }]);
  }
}

export function vietQrMatrix(payload: string): QrMatrix {
  checked(payload);
  return qrMatrix(payload, 'M');
}

export function vietQrSvg(payload: string, options: { pixels?: number; title?: string } = {}): string {
  const info = checked(payload);
  const title = options.title ?? (info.amount === null ? 'Mã VietQR chuyển khoản' : `Mã VietQR chuyển khoản ${info.amount} đồng`);
  return qrSvg(payload, { level: 'M', title, ...(options.pixels === undefined ? {} : { pixels: options.pixels }) });
}

/** Draws the code on a page of a PDF made elsewhere; `x`, `y` = bottom-left in points, `size` without the quiet zone. */
export function drawVietQr(page: PDFPage, payload: string, box: { x: number; y: number; size: number }): void {
  drawQrOnPage(page, vietQrMatrix(payload), box);
}
