import type { z } from 'zod';

/**
 * What can go wrong when the kiosk makes a document (receipt, summary,
 * scanned pages → PDF), as a stable code with the Vietnamese message the
 * citizen sees (English second). Messages never carry personal data, so
 * callers may log `code` and `message` as they are.
 */
export const DOCUMENT_ERROR_MESSAGES = {
  INVALID_DOCUMENT_DATA: {
    vi: 'Thiếu hoặc sai thông tin để lập giấy tờ. Vui lòng báo cán bộ một cửa.',
    en: 'Information needed to make the document is missing or wrong. Please tell the counter staff.',
  },
  NO_PAGES: {
    vi: 'Chưa có trang nào. Vui lòng chụp hoặc chọn ít nhất một ảnh.',
    en: 'There are no pages. Please capture or choose at least one image.',
  },
  TOO_MANY_PAGES: {
    vi: 'Mỗi thành phần hồ sơ được tối đa {n} trang.',
    en: 'A document component may have at most {n} pages.',
  },
  FILE_TOO_LARGE: {
    vi: 'Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn {n} MB.',
    en: 'Please choose an attachment smaller than {n} MB.',
  },
  TOTAL_TOO_LARGE: {
    vi: 'Tổng dung lượng các trang vượt quá {n} MB. Vui lòng bớt trang hoặc chụp lại với chất lượng thấp hơn.',
    en: 'The pages add up to more than {n} MB. Please remove pages or capture them at a lower quality.',
  },
  UNSUPPORTED_IMAGE: {
    vi: 'Trang {page} không phải ảnh PNG hoặc JPEG. Vui lòng chọn ảnh PNG hoặc JPEG.',
    en: 'Page {page} is not a PNG or JPEG image. Please choose PNG or JPEG images.',
  },
  UNREADABLE_IMAGE: {
    vi: 'Không đọc được ảnh ở trang {page}; tệp có thể bị hỏng. Vui lòng chụp hoặc chọn lại.',
    en: 'The image on page {page} cannot be read; the file may be damaged. Please capture or choose it again.',
  },
  FONT_MISSING: {
    vi: 'Kiosk thiếu phông chữ tiếng Việt để in giấy tờ. Vui lòng báo cán bộ kỹ thuật.',
    en: 'The kiosk is missing the Vietnamese font needed to print documents. Please tell the technical staff.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERROR_MESSAGES;

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;
  /** Which fields were wrong (paths only, never the values). */
  readonly issues: { path: string; message: string }[];

  constructor(code: DocumentErrorCode, params: Record<string, string | number> = {}, issues: { path: string; message: string }[] = []) {
    super(fill(DOCUMENT_ERROR_MESSAGES[code].vi, params));
    this.name = 'DocumentError';
    this.code = code;
    this.issues = issues;
  }
}

export function isDocumentError(e: unknown): e is DocumentError {
  return e instanceof DocumentError;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Validates at a function boundary; a failure names the fields but never echoes what was in them. */
export function parseDocumentInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new DocumentError('INVALID_DOCUMENT_DATA', {}, issues);
}
