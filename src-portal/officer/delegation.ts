import type { FastifyRequest } from 'fastify';
import { ON_BEHALF_OF_HEADER } from '../../src-shared/portal-officer-api.js';
import type { Principal } from '../auth/principal.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';

/** Who received an application at the counter, and at which kiosk. */
export interface Receiver {
  officer: Principal;
  kioskId: string | null;
}

const DELEGATION_INVALID =
  'Phiên đăng nhập của cán bộ tiếp nhận (X-On-Behalf-Of) không hợp lệ hoặc đã hết hạn. Cán bộ vui lòng đăng nhập lại ca làm việc rồi gửi lại hồ sơ.';

/**
 * The receiving officer of a submission. An officer's own session receives
 * for itself. A kiosk device forwards the shift officer's portal session in
 * X-On-Behalf-Of; it is checked by the same session rules as any request
 * (expiry, revocation, disabled account, demo accounts in production), so
 * a forged or stale token names no one and is refused.
 */
export async function receiverOf(ctx: PortalContext, req: FastifyRequest, principal: Principal): Promise<Receiver | null> {
  if (principal.role === 'officer') return { officer: principal, kioskId: null };
  const raw = req.headers[ON_BEHALF_OF_HEADER];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (token === undefined || token === '') return null;
  if (principal.role !== 'kiosk') {
    throw new PortalHttpError(403, 'DELEGATION_INVALID', 'Chỉ kiosk một cửa mới được gửi hồ sơ thay mặt cán bộ tiếp nhận.');
  }
  // The session service reads only the Authorization header; this asks it about the forwarded token.
  const probe = { headers: { authorization: `Bearer ${token}` } } as unknown as FastifyRequest;
  const officer = await ctx.sessions.fromRequest(probe);
  if (!officer || officer.role !== 'officer') throw new PortalHttpError(403, 'DELEGATION_INVALID', DELEGATION_INVALID);
  const kiosk = await ctx.db.selectFrom('accounts').select('username').where('id', '=', principal.accountId).executeTakeFirstOrThrow();
  return { officer, kioskId: kiosk.username };
}
