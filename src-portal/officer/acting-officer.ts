import type { FastifyRequest } from 'fastify';
import { KIOSK_ID_HEADER } from '../../src-shared/portal-officer-api.js';
import { KioskLoginSchema } from '../../src-shared/portal-kiosk-api.js';
import type { Principal } from '../auth/principal.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import type { Actor } from '../applications/status-change.js';

export interface ActingOfficer {
  principal: Principal & { agencyCode: string };
  actor: Actor & { accountId: number; kioskId: string | null };
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const raw = req.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
}

/**
 * The officer behind an officer action, and the kiosk they act through
 * (X-Kiosk-Id). The kiosk id goes into the audit trail, so it must be a
 * kiosk the portal knows, not any text a client makes up.
 */
export async function actingOfficer(ctx: PortalContext, req: FastifyRequest): Promise<ActingOfficer> {
  const principal = await ctx.sessions.require(req, ['officer']);
  if (!principal.agencyCode) throw new PortalHttpError(403, 'WRONG_AGENCY', 'Tài khoản cán bộ chưa được gắn với cơ quan nào.');
  const raw = headerValue(req, KIOSK_ID_HEADER);
  let kioskId: string | null = null;
  if (raw !== undefined && raw !== '') {
    const parsed = KioskLoginSchema.shape.kioskId.safeParse(raw);
    const known =
      parsed.success &&
      (await ctx.db.selectFrom('accounts').select('id').where('role', '=', 'kiosk').where('username', '=', parsed.data).where('disabled', '=', 0).executeTakeFirst());
    if (!parsed.success || !known) {
      throw new PortalHttpError(400, 'UNKNOWN_KIOSK', 'Mã kiosk trong tiêu đề X-Kiosk-Id không phải một kiosk đã đăng ký với Cổng dịch vụ công.');
    }
    kioskId = parsed.data;
  }
  return {
    principal: { ...principal, agencyCode: principal.agencyCode },
    actor: { accountId: principal.accountId, role: 'officer', name: principal.displayName, kioskId },
  };
}
