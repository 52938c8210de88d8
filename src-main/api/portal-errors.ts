import { KioskError } from '../../src-shared/errors.js';
import { PortalCallError } from '../portal/portal-client.js';
import type { Reachability } from '../portal/reachability.js';

/**
 * What the UI is told when the portal said no or was not there. A refusal
 * keeps the portal's own Vietnamese message and code (`reason`), so the UI
 * can react to OTP_EXPIRED and the like without parsing text.
 */
export function toKioskError(e: unknown, reachability: Reachability): KioskError {
  if (!(e instanceof PortalCallError)) return e instanceof KioskError ? e : new KioskError('INTERNAL');
  if (e.kind === 'unreachable' || e.kind === 'server') {
    reachability.report(false);
    return new KioskError('PORTAL_UNREACHABLE', 'Không kết nối được với Cổng dịch vụ công. Vui lòng thử lại sau ít phút hoặc báo cán bộ một cửa.');
  }
  reachability.report(true);
  return new KioskError('PORTAL_REFUSED', e.message, undefined, e.portalCode ?? undefined);
}
