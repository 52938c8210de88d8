import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { addMs, minutesLeft, secondsLeft } from './durations.js';

/** 5 wrong passwords within 15 minutes lock password login for 15 minutes. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

type LockContext = Pick<PortalContext, 'db' | 'now'>;

export function accountLockedError(now: Date, until: Date): PortalHttpError {
  const minutes = minutesLeft(now, until);
  const seconds = secondsLeft(now, until);
  return new PortalHttpError(
    423,
    'ACCOUNT_LOCKED',
    `Tài khoản tạm thời bị khóa do nhập sai mật khẩu ${MAX_FAILURES} lần. Vui lòng thử lại sau ${minutes} phút.`,
    { minutesLeft: minutes, retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/** Throws ACCOUNT_LOCKED while a lock set by earlier failures is running. */
export function assertNotLocked(now: Date, lockedUntil: string | null): void {
  if (lockedUntil && now < new Date(lockedUntil)) throw accountLockedError(now, new Date(lockedUntil));
}

/** Records a wrong password; returns the lock end when this failure triggered a lock. */
export async function recordLoginFailure(ctx: LockContext, accountId: number): Promise<Date | null> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('login_failures').values({ account_id: accountId, at: now.toISOString() }).execute();
    const windowStart = addMs(now, -FAILURE_WINDOW_MS).toISOString();
    await trx.deleteFrom('login_failures').where('account_id', '=', accountId).where('at', '<=', windowStart).execute();
    const { n } = await trx
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    if (Number(n) < MAX_FAILURES) return null;
    const until = addMs(now, LOCK_MS);
    await trx.updateTable('accounts').set({ locked_until: until.toISOString() }).where('id', '=', accountId).execute();
    // The lock is the penalty; the next window starts clean after it.
    await trx.deleteFrom('login_failures').where('account_id', '=', accountId).execute();
    return until;
  });
}

export async function clearLoginFailures(ctx: LockContext, accountId: number): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('account_id', '=', accountId).execute();
  await ctx.db.updateTable('accounts').set({ locked_until: null }).where('id', '=', accountId).execute();
}
