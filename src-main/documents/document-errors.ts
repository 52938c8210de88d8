import type { z } from 'zod';
import type { DetailKey, MessageParams } from '../../src-shared/detail-messages.js';
import { WordedError } from '../worded-error.js';

/**
 * What can go wrong when the kiosk makes a document (receipt, summary,
 * scanned pages → PDF), as a stable code and the detail the UI words
 * (src-shared/host-detail-messages.ts). Messages never carry personal data,
 * so callers may log `code` and `message` as they are.
 */
export const DOCUMENT_ERROR_DETAILS = {
  INVALID_DOCUMENT_DATA: 'DOCUMENT_DATA_INVALID',
  NO_PAGES: 'PAGES_NONE',
  TOO_MANY_PAGES: 'PAGES_TOO_MANY',
  FILE_TOO_LARGE: 'PAGE_TOO_LARGE',
  TOTAL_TOO_LARGE: 'PAGES_TOTAL_TOO_LARGE',
  UNSUPPORTED_IMAGE: 'PAGE_NOT_IMAGE',
  UNREADABLE_IMAGE: 'PAGE_UNREADABLE',
  FONT_MISSING: 'DOCUMENT_FONT_MISSING',
} as const satisfies Record<string, DetailKey>;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERROR_DETAILS;

export class DocumentError extends WordedError<DocumentErrorCode> {
  /** Which fields were wrong (paths only, never the values). */
  readonly issues: { path: string; message: string }[];

  constructor(code: DocumentErrorCode, params: MessageParams = {}, issues: { path: string; message: string }[] = []) {
    super(code, DOCUMENT_ERROR_DETAILS[code], params);
    this.name = 'DocumentError';
    this.issues = issues;
  }
}

export function isDocumentError(e: unknown): e is DocumentError {
  return e instanceof DocumentError;
}

/** Validates at a function boundary; a failure names the fields but never echoes what was in them. */
export function parseDocumentInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new DocumentError('INVALID_DOCUMENT_DATA', {}, issues);
}
