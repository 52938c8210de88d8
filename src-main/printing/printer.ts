import { z } from 'zod';

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

export const PRINT_ERROR_MESSAGES = {
  INVALID_PRINT_JOB: {
    vi: 'Lệnh in không hợp lệ. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cán bộ một cửa.',
    en: 'The print request is not valid. Please try again; if it persists, tell the counter staff.',
  },
  PRINT_SOFTWARE_MISSING: {
    vi: 'Máy chưa cài phần mềm in (CUPS). Vui lòng báo cán bộ kỹ thuật; Quý khách vẫn có thể lưu giấy tờ thành tệp.',
    en: 'The printing software (CUPS) is not installed. Please tell the technical staff; you can still save the document as a file.',
  },
  PRINT_SERVICE_UNAVAILABLE: {
    vi: 'Dịch vụ in của máy chưa chạy. Vui lòng báo cán bộ kỹ thuật rồi bấm "In lại".',
    en: 'The print service is not running. Please tell the technical staff, then press "Print again".',
  },
  PRINTER_NOT_FOUND: {
    vi: 'Không tìm thấy máy in "{printer}" trong máy. Vui lòng báo cán bộ kỹ thuật kiểm tra cấu hình máy in.',
    en: 'Printer "{printer}" is not set up on this machine. Please ask the technical staff to check the printer settings.',
  },
  PRINTER_NOT_ACCEPTING: {
    vi: 'Máy in "{printer}" đang tạm ngừng nhận lệnh in. Vui lòng báo cán bộ một cửa rồi bấm "In lại".',
    en: 'Printer "{printer}" is not accepting jobs. Please tell the counter staff, then press "Print again".',
  },
  PRINT_TIMEOUT: {
    vi: 'Máy in không phản hồi sau {seconds} giây. Vui lòng kiểm tra máy in rồi bấm "In lại".',
    en: 'The printer did not answer within {seconds} seconds. Please check the printer, then press "Print again".',
  },
  PRINT_FAILED: {
    vi: 'Không in được giấy tờ. Vui lòng kiểm tra máy in (giấy, mực, nguồn điện) rồi bấm "In lại".',
    en: 'The document could not be printed. Please check the printer (paper, ink, power), then press "Print again".',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type PrintErrorCode = keyof typeof PRINT_ERROR_MESSAGES;

export class PrintError extends Error {
  readonly code: PrintErrorCode;
  /** What the print system said (English, for the technician's log); never shown to the citizen. */
  readonly detail: string | null;

  constructor(code: PrintErrorCode, params: Record<string, string | number> = {}, detail: string | null = null) {
    super(PRINT_ERROR_MESSAGES[code].vi.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole)));
    this.name = 'PrintError';
    this.code = code;
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
