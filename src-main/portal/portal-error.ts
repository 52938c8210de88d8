import { isAxiosError } from 'axios';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';

/**
 * Why a portal call failed, in the terms the host decides on: every call
 * through the gateway (submissions, logins, certificate login, remote
 * signing) fails with this one type.
 */
export class PortalCallError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'server' | 'rejected' | 'invalid-answer',
    readonly status: number | null,
    readonly portalCode: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'PortalCallError';
  }

  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'server' || this.status === 429 || this.status === 409 || this.status === 401;
  }

  /** Seconds the portal asked us to wait (429/503 Retry-After). */
  retryAfterSeconds: number | null = null;

  /** The portal's error details (attemptsLeft…), for the kiosk's own wording of its refusal. */
  details: unknown = undefined;
}

export const INVALID_ANSWER = 'Cổng dịch vụ công trả lời không đúng định dạng.';

/** The one mapping from what axios threw to a PortalCallError, keeping the portal's own code and Vietnamese message. */
export function toPortalCallError(e: unknown): PortalCallError {
  if (e instanceof PortalCallError) return e;
  if (isAxiosError(e)) {
    if (!e.response) return new PortalCallError('unreachable', null, null, 'Không kết nối được với Cổng dịch vụ công.');
    const body = PortalErrorSchema.safeParse(e.response.data);
    const status = e.response.status;
    const message = body.success ? body.data.error.message : `Cổng dịch vụ công trả lời lỗi ${status}.`;
    const err = new PortalCallError(status >= 500 ? 'server' : 'rejected', status, body.success ? body.data.error.code : null, message);
    if (body.success) err.details = body.data.error.details;
    const retryAfter = Number(e.response.headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0) err.retryAfterSeconds = retryAfter;
    return err;
  }
  return new PortalCallError('invalid-answer', null, null, INVALID_ANSWER);
}
