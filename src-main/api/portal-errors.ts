import { KioskError, type MessageParams } from '../../src-shared/errors.js';
import { isDetailKey } from '../../src-shared/detail-messages.js';
import { PortalCallError } from '../portal/portal-error.js';

/**
 * What the UI is told when the portal said no or was not there. A refusal
 * keeps the portal's own Vietnamese message and code (`reason`), so the UI
 * can react to OTP_EXPIRED and the like without parsing text. The one
 * mapping of the gateway's errors, for every call that reaches the portal
 * (certificate login and remote signing included); reachability is not
 * reported here but by the gateway itself.
 */
export function toKioskError(e: unknown): KioskError {
  if (!(e instanceof PortalCallError)) return e instanceof KioskError ? e : new KioskError('INTERNAL');
  if (e.kind === 'unreachable' || e.kind === 'server') {
    return KioskError.detailed('PORTAL_UNREACHABLE', 'PORTAL_UNREACHABLE_RETRY');
  }
  const reason = e.portalCode ?? undefined;
  const detail = reason === undefined ? undefined : `PORTAL_${reason}`;
  // A refusal the kiosk knows by its code is worded by the kiosk; the portal's own sentence stays the message (logs, "cần sửa").
  if (detail !== undefined && isDetailKey(detail)) return KioskError.detailed('PORTAL_REFUSED', detail, portalParams(e.details), { reason, message: e.message });
  return new KioskError('PORTAL_REFUSED', e.message, undefined, reason);
}

/** The portal's details that fill a sentence (attemptsLeft, minutesLeft): numbers only, nothing personal. */
function portalParams(details: unknown): MessageParams | undefined {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const params: Record<string, number> = {};
  for (const [name, value] of Object.entries(details)) if (typeof value === 'number') params[name] = value;
  return Object.keys(params).length > 0 ? params : undefined;
}
