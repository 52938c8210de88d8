import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from './error-messages.js';

/**
 * Errors are values with a stable code and a Vietnamese message (English
 * second), defined next to the contract. The UI shows `message` as is or
 * translates by `code`; it never parses free text.
 */
export { ERROR_MESSAGES, type ErrorCode };

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const KioskErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  issues: z.array(FieldIssueSchema).optional(),
  /** The portal's own error code when the portal refused (e.g. OTP_EXPIRED), for the UI to react to. */
  reason: z.string().optional(),
});
export type KioskErrorBody = z.infer<typeof KioskErrorSchema>;

export class KioskError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly reason: string | undefined;

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[], reason?: string) {
    super(message ?? ERROR_MESSAGES[code].vi);
    this.name = 'KioskError';
    this.code = code;
    this.issues = issues;
    this.reason = reason;
  }

  toBody(): KioskErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

export function isKioskError(e: unknown): e is KioskError {
  return e instanceof KioskError;
}
