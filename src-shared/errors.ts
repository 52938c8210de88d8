import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from './error-messages.js';
import { DETAIL_MESSAGES, detailVi, type DetailKey, type FieldIssue, type MessageParams } from './detail-messages.js';

/**
 * Errors are values with a stable code, and a `detail` key with parameters
 * when there is more to say, defined next to the contract. The UI words
 * them in its language from code, detail and parameters (src-renderer/i18n);
 * `message` is the Vietnamese sentence for logs and older readers. The UI
 * never parses free text.
 */
export { ERROR_MESSAGES, type ErrorCode, type DetailKey, type FieldIssue, type MessageParams };

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const DetailKeySchema = z.enum(Object.keys(DETAIL_MESSAGES) as [DetailKey, ...DetailKey[]]);
export const MessageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  key: DetailKeySchema.optional(),
  params: MessageParamsSchema.optional(),
}) satisfies z.ZodType<FieldIssue>;

export const KioskErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** What exactly was wrong, for the UI to word (DETAIL_MESSAGES). */
  detail: DetailKeySchema.optional(),
  params: MessageParamsSchema.optional(),
  issues: z.array(FieldIssueSchema).optional(),
  /** The portal's own error code when the portal refused (e.g. OTP_EXPIRED), for the UI to react to. */
  reason: z.string().optional(),
});
export type KioskErrorBody = z.infer<typeof KioskErrorSchema>;

export class KioskError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly reason: string | undefined;
  detail: DetailKey | undefined;
  params: MessageParams | undefined;

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[], reason?: string) {
    super(message ?? ERROR_MESSAGES[code].vi);
    this.name = 'KioskError';
    this.code = code;
    this.issues = issues;
    this.reason = reason;
  }

  /** An error with more to say than its code: the Vietnamese message comes from the detail's sentence. */
  static detailed(code: ErrorCode, detail: DetailKey, params?: MessageParams, opts: { issues?: FieldIssue[]; reason?: string; message?: string } = {}): KioskError {
    const e = new KioskError(code, opts.message ?? detailVi(detail, params), opts.issues, opts.reason);
    e.detail = detail;
    e.params = params;
    return e;
  }

  toBody(): KioskErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.params ? { params: { ...this.params } } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

export function isKioskError(e: unknown): e is KioskError {
  return e instanceof KioskError;
}
