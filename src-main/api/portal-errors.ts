import { KioskError } from '../../src-shared/errors.js';
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
    return new KioskError('PORTAL_UNREACHABLE', 'Không kết nối được với Cổng dịch vụ công. Vui lòng thử lại sau ít phút hoặc báo cán bộ một cửa.');
  }
  return new KioskError('PORTAL_REFUSED', e.message, undefined, e.portalCode ?? undefined);
}
