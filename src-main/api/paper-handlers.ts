import { KioskError, type ErrorCode } from '../../src-shared/errors.js';
import { cleanFileName, MAX_FILE_NAME_LENGTH } from '../../src-shared/domain/file-name.js';
import { MAX_ATTACHMENT_BYTES } from '../../src-shared/kiosk-api.js';
import { PAPER_LIMITS } from '../../src-shared/paper-limits.js';
import { type DocumentError, type DocumentErrorCode, isDocumentError } from '../documents/document-errors.js';
// pdf-lib and fontkit take longer to load than the rest of the host: loaded on the first document, not at start (npm run bench, row 5).
const imagesPdf = () => import('../documents/images-to-pdf.js');
import type { Blobs } from '../store/store.js';
import type { Handlers } from './dispatcher.js';

export interface PaperDeps {
  blobs: Blobs;
}

/** The kiosk error a citizen sees for each way the pages can be refused; the message keeps the page number. */
const KIOSK_CODE: Record<DocumentErrorCode, ErrorCode> = {
  NO_PAGES: 'INVALID_INPUT',
  TOO_MANY_PAGES: 'TOO_MANY_PAGES',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  TOTAL_TOO_LARGE: 'TOTAL_TOO_LARGE',
  UNSUPPORTED_IMAGE: 'IMAGE_TYPE_NOT_ALLOWED',
  UNREADABLE_IMAGE: 'IMAGE_UNREADABLE',
  // Only reachable through a wrong limit set in code: not the citizen's to fix.
  INVALID_DOCUMENT_DATA: 'INTERNAL',
  FONT_MISSING: 'INTERNAL',
};

export function paperToKioskError(e: DocumentError): KioskError {
  const code = KIOSK_CODE[e.code];
  return code === 'INTERNAL' ? new KioskError('INTERNAL') : KioskError.detailed(code, e.key, e.params);
}

/** "Giay khai sinh.jpg" → "Giay khai sinh.pdf": the stored file is the PDF, whatever the first page was called. */
export function pdfFileName(name: string): string {
  // Cleaned as every stored file name is; room is left for the ".pdf" that replaces the extension.
  const base = cleanFileName(name, MAX_FILE_NAME_LENGTH - 4).replace(/\.[\p{L}\p{N}]{1,10}$/u, '').trim();
  return `${base || 'tai-lieu'}.pdf`;
}

export function paperHandlers(deps: PaperDeps): Pick<Handlers, 'attachments.fromImages'> {
  return {
    'attachments.fromImages': async (input) => {
      const pages = input.pages.map((p) => ({ bytes: new Uint8Array(Buffer.from(p.dataBase64, 'base64')), rotate: p.rotate }));
      let pdf: Uint8Array;
      try {
        pdf = await (await imagesPdf()).imagesToPdf(pages, PAPER_LIMITS);
      } catch (e) {
        if (isDocumentError(e)) throw paperToKioskError(e);
        throw e;
      }
      // The PDF goes to the portal as one attachment, which has the same per-file limit as an uploaded file.
      if (pdf.byteLength > MAX_ATTACHMENT_BYTES) {
        throw KioskError.detailed('TOTAL_TOO_LARGE', 'PAGES_PDF_TOO_LARGE', { n: MAX_ATTACHMENT_BYTES / (1024 * 1024) });
      }
      const sha256 = deps.blobs.put(pdf);
      return { componentId: input.componentId, fileName: pdfFileName(input.fileName), mime: 'application/pdf' as const, size: pdf.byteLength, sha256 };
    },
  };
}
