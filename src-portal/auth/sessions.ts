import type { FastifyRequest } from 'fastify';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import type { Principal, Role, SessionService } from './principal.js';
import { addMs } from './durations.js';
import { randomId, sha256Hex } from './secrets.js';

/**
 * Sessions are opaque random bearer tokens (32 bytes, base64url). Only their
 * sha256 is stored, so a copy of the database cannot be replayed as logins.
 *
 * Lifetime: sliding 30 minutes of inactivity (each authenticated request
 * pushes the expiry forward), capped at 8 hours from login whatever the
 * activity — a kiosk session left open cannot live on forever. Revocation
 * (logout, account disabled) takes effect on the next request.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 8 * 60 * 60_000;

export const UNAUTHENTICATED_MESSAGE = 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.';
export const FORBIDDEN_MESSAGE = 'Tài khoản này không có quyền thực hiện thao tác này.';

function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  return m?.[1] ?? null;
}

export function createSessionService(ctx: Omit<PortalContext, 'sessions'>): SessionService {
  const { db } = ctx;

  async function fromRequest(req: FastifyRequest): Promise<Principal | null> {
    const token = bearerToken(req);
    if (!token) return null;
    const now = ctx.now();
    const row = await db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select([
        'sessions.id as sessionId',
        'sessions.expires_at as expiresAt',
        'sessions.max_expires_at as maxExpiresAt',
        'sessions.revoked_at as revokedAt',
        'accounts.id as accountId',
        'accounts.role as role',
        'accounts.display_name as displayName',
        'accounts.citizen_id as citizenId',
        'accounts.tax_code as taxCode',
        'accounts.agency_code as agencyCode',
        'accounts.disabled as disabled',
        'accounts.is_demo as isDemo',
        'accounts.is_admin as isAdmin',
      ])
      .where('sessions.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || row.revokedAt || row.disabled) return null;
    if (row.isDemo && ctx.config.mode === 'production') return null;
    if (now >= new Date(row.expiresAt) || now >= new Date(row.maxExpiresAt)) return null;

    const slid = new Date(Math.min(addMs(now, SESSION_IDLE_MS).getTime(), new Date(row.maxExpiresAt).getTime()));
    // Only write when the expiry moves by more than a minute: a burst of requests costs one update.
    if (slid.getTime() - new Date(row.expiresAt).getTime() > 60_000) {
      await db.updateTable('sessions').set({ expires_at: slid.toISOString() }).where('id', '=', row.sessionId).execute();
    }
    const principal: Principal = {
      sessionId: row.sessionId,
      accountId: row.accountId,
      role: row.role,
      displayName: row.displayName,
    };
    if (row.citizenId) principal.citizenId = row.citizenId;
    if (row.taxCode) principal.taxCode = row.taxCode;
    if (row.agencyCode) principal.agencyCode = row.agencyCode;
    if (row.role === 'officer' && row.isAdmin === 1) principal.isAdmin = true;
    return principal;
  }

  return {
    fromRequest,

    async issue(accountId) {
      const now = ctx.now();
      const token = randomId(32);
      const maxExpires = addMs(now, SESSION_MAX_MS);
      const expires = addMs(now, SESSION_IDLE_MS);
      await db
        .insertInto('sessions')
        .values({
          id: randomId(12),
          token_hash: sha256Hex(token),
          account_id: accountId,
          created_at: now.toISOString(),
          expires_at: expires.toISOString(),
          max_expires_at: maxExpires.toISOString(),
          revoked_at: null,
        })
        .execute();
      return { token, expiresAt: expires.toISOString() };
    },

    async require(req, roles?: readonly Role[]) {
      const principal = await fromRequest(req);
      if (!principal) {
        throw new PortalHttpError(401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE, undefined, { 'WWW-Authenticate': 'Bearer' });
      }
      if (roles && roles.length > 0 && !roles.includes(principal.role)) {
        throw new PortalHttpError(403, 'FORBIDDEN', FORBIDDEN_MESSAGE);
      }
      return principal;
    },

    async revoke(sessionId) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: ctx.now().toISOString() })
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

/** Ends every open session of an account (account disabled, demo accounts in production). */
export async function revokeAccountSessions(ctx: Pick<PortalContext, 'db' | 'now'>, accountIds: readonly number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.now().toISOString() })
    .where('account_id', 'in', accountIds)
    .where('revoked_at', 'is', null)
    .execute();
}
