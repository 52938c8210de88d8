import { z } from 'zod';
import type { DetailKey, MessageParams } from '../../src-shared/detail-messages.js';
import { WordedError } from '../worded-error.js';

/**
 * One way to put a PDF on paper. The host prints through LpPrinter (CUPS)
 * when a printer queue is configured; without one the receipt goes to the
 * UI as a PDF to open.
 */

export const PrintJobSchema = z.object({
  /** Shown in the print queue; keep personal data out of it (a mã hồ sơ is fine, a name is not). */
  title: z.string().trim().min(1).max(200),
  copies: z.number().int().min(1).max(10).default(1),
  media: z.enum(['A4', '80mm']).default('A4'),
});
export type PrintJob = z.input<typeof PrintJobSchema>;
export type PrintMedia = z.output<typeof PrintJobSchema>['media'];

/** Accepted by the print system; `jobId` as it names the job (e.g. "kiosk-a4-12"). */
export type PrintResult = { kind: 'printed'; printer: string; jobId: string | null };

export interface Printer {
  print(pdf: Uint8Array, job: PrintJob): Promise<PrintResult>;
}

/** Each way printing fails, with the detail the UI words (src-shared/host-detail-messages.ts). */
export const PRINT_ERROR_DETAILS = {
  INVALID_PRINT_JOB: 'PRINT_JOB_INVALID',
  PRINT_SOFTWARE_MISSING: 'PRINT_SOFTWARE_MISSING',
  PRINT_SERVICE_UNAVAILABLE: 'PRINT_SERVICE_UNAVAILABLE',
  PRINTER_NOT_FOUND: 'PRINT_PRINTER_NOT_FOUND',
  PRINTER_NOT_ACCEPTING: 'PRINT_PRINTER_NOT_ACCEPTING',
  PRINT_TIMEOUT: 'PRINT_TIMEOUT',
  PRINT_FAILED: 'PRINT_FAILED',
} as const satisfies Record<string, DetailKey>;

export type PrintErrorCode = keyof typeof PRINT_ERROR_DETAILS;

export class PrintError extends WordedError<PrintErrorCode> {
  /** What the print system said (English, for the technician's log); never shown to the citizen. */
  readonly detail: string | null;

  constructor(code: PrintErrorCode, params: MessageParams = {}, detail: string | null = null) {
    super(code, PRINT_ERROR_DETAILS[code], params);
    this.name = 'PrintError';
    this.detail = detail;
  }
}

export function isPrintError(e: unknown): e is PrintError {
  return e instanceof PrintError;
}

/** Validates a job at the printer boundary; a PDF is recognised by its header, as print systems do. */
export function checkPrintInput(pdf: Uint8Array, job: PrintJob): z.output<typeof PrintJobSchema> {
  const parsed = PrintJobSchema.safeParse(job);
  if (!parsed.success) throw new PrintError('INVALID_PRINT_JOB', {}, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const head = new TextDecoder('latin1').decode(pdf.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new PrintError('INVALID_PRINT_JOB', {}, 'not a PDF');
  return parsed.data;
}
