import type { FastifyRequest } from 'fastify';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import type { Principal } from './principal.js';

export const ADMIN_ONLY_MESSAGE = 'Chỉ quản trị viên của Cổng dịch vụ công mới được thực hiện thao tác này.';

/**
 * /api/v1/admin/* changes what every office works by (the holiday table
 * moves every appointment; an enrolled kiosk sends applications in the
 * portal's name), so being an officer is not enough: the account must be
 * marked as an administrator.
 */
export async function requireAdmin(ctx: Pick<PortalContext, 'sessions'>, req: FastifyRequest): Promise<Principal> {
  const principal = await ctx.sessions.require(req, ['officer']);
  if (!principal.isAdmin) throw new PortalHttpError(403, 'ADMIN_ONLY', ADMIN_ONLY_MESSAGE);
  return principal;
}
