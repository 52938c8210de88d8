import { PDFDocument } from 'pdf-lib';
import { parseDocumentInput } from './document-errors.js';
import { embedDocumentFonts, type DocumentFonts } from './fonts.js';
import type { Sheet } from './layout.js';
import { savePdf } from './pdf-save.js';
import { ReceiptOptionsSchema, type ReceiptOptions } from './receipt-data.js';
import { VARIANTS, newSheet, type Variant } from './receipt-frame.js';

export const COPY_LABELS = ['Liên 1: lưu', 'Liên 2: giao người nộp'] as const;

export interface PdfMeta {
  title: string;
  subject: string;
  author: string;
  /** ISO 8601: the instant the document records, stamped as its creation and modification date rather than the print time. */
  at: string;
}

/**
 * Lays a counter document out once per copy (one, or "liên 1" and "liên 2"
 * each on its own page) in the chosen layout, and stamps the PDF's metadata.
 * The receipt and every officer slip print this way.
 */
export async function renderInCopies(
  opts: ReceiptOptions,
  meta: PdfMeta,
  drawCopy: (sheet: Sheet, fonts: DocumentFonts, variant: Variant, copyLabel: string | null) => void,
): Promise<Uint8Array> {
  const options = parseDocumentInput(ReceiptOptionsSchema, opts);
  const variant = VARIANTS[options.layout];
  const doc = await PDFDocument.create();
  const fonts = await embedDocumentFonts(doc);
  const sheet = newSheet(variant);
  const labels = options.copies === 'two' ? COPY_LABELS : [null];
  labels.forEach((label, n) => {
    if (n > 0) sheet.newPage();
    drawCopy(sheet, fonts, variant, label);
  });
  sheet.render(doc);
  const issued = new Date(meta.at);
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setCreator('Một cửa kiosk');
  doc.setProducer('Một cửa kiosk');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  return savePdf(doc);
}
