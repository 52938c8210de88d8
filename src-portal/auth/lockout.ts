import type { Kysely } from 'kysely';
import type { PortalContext } from '../context.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';
import { addMs, minutesLeft, secondsLeft } from './durations.js';

/**
 * 5 wrong passwords or OTP codes within 15 minutes lock the account's login
 * for 15 minutes.
 *
 * The count cannot be raced: a password attempt first claims a slot (a
 * pending row in login_failures) in a transaction that also checks the
 * limit, and only then is the hash checked. Pending slots count toward the
 * limit, so however many requests arrive at once, at most 5 wrong passwords
 * are ever checked before the lock. A success removes only its own slot and
 * failures counted before it started, never ones counted while it ran.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

type LockContext = Pick<PortalContext, 'db' | 'now'>;
type Db = Kysely<PortalDb>;

export function accountLockedError(now: Date, until: Date): PortalHttpError {
  const minutes = minutesLeft(now, until);
  const seconds = secondsLeft(now, until);
  return new PortalHttpError(
    423,
    'ACCOUNT_LOCKED',
    `Tài khoản tạm thời bị khóa do nhập sai mật khẩu hoặc mã OTP ${MAX_FAILURES} lần. Vui lòng thử lại sau ${minutes} phút.`,
    { minutesLeft: minutes, retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/**
 * Takes the account's row lock for the rest of the transaction, so the
 * count-then-write steps below run one at a time per account on PostgreSQL
 * (and between portal processes) as they do on SQLite.
 */
export async function serialiseAccount(db: Db, accountId: number): Promise<void> {
  await db.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
}

/** The running lock's end, or null. */
async function lockEnd(db: Db, accountId: number, now: Date): Promise<Date | null> {
  const row = await db.selectFrom('accounts').select('locked_until').where('id', '=', accountId).executeTakeFirst();
  if (!row?.locked_until) return null;
  const until = new Date(row.locked_until);
  return now < until ? until : null;
}

/** Counted attempts (pending and failed) inside the window; older ones are forgotten first. */
async function attemptsInWindow(db: Db, accountId: number, now: Date): Promise<number> {
  await db.deleteFrom('login_failures').where('account_id', '=', accountId).where('at', '<=', addMs(now, -FAILURE_WINDOW_MS).toISOString()).execute();
  const { n } = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function lock(db: Db, accountId: number, now: Date): Promise<Date> {
  const until = addMs(now, LOCK_MS);
  await db.updateTable('accounts').set({ locked_until: until.toISOString() }).where('id', '=', accountId).execute();
  // The lock is the penalty; the next window starts clean after it.
  await db.deleteFrom('login_failures').where('account_id', '=', accountId).execute();
  return until;
}

/** A claimed password check: its row, and the newest failure already settled when it was claimed (what a success may forgive). */
export interface AttemptSlot {
  id: number;
  settledBefore: number | null;
}

/**
 * Claims the right to check one password. Throws ACCOUNT_LOCKED while a
 * lock runs, or when the window is already full (which starts the lock).
 * Returns the slot, to be settled with settleFailedAttempt or
 * settleSucceededAttempt.
 */
export async function claimAttemptSlot(ctx: LockContext, accountId: number): Promise<AttemptSlot> {
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await serialiseAccount(trx, accountId);
    const running = await lockEnd(trx, accountId, now);
    if (running) return accountLockedError(now, running);
    if ((await attemptsInWindow(trx, accountId, now)) >= MAX_FAILURES) return accountLockedError(now, await lock(trx, accountId, now));
    const settled = await trx
      .selectFrom('login_failures')
      .select((eb) => eb.fn.max('id').as('last'))
      .where('account_id', '=', accountId)
      .where('pending', '=', 0)
      .executeTakeFirst();
    const row = await trx
      .insertInto('login_failures')
      .values({ account_id: accountId, at: now.toISOString(), pending: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, settledBefore: settled?.last ?? null };
  });
  // Thrown outside the transaction so a lock it set is committed.
  if (outcome instanceof PortalHttpError) throw outcome;
  return outcome;
}

/** The checked password was wrong: the slot becomes a counted failure. Returns the lock end when this failure filled the window. */
export async function settleFailedAttempt(ctx: LockContext, accountId: number, slot: AttemptSlot): Promise<Date | null> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await serialiseAccount(trx, accountId);
    // The slot may be gone already (a lock set meanwhile cleared the window): the lock then stands on its own.
    await trx.updateTable('login_failures').set({ pending: 0 }).where('id', '=', slot.id).execute();
    if ((await attemptsInWindow(trx, accountId, now)) < MAX_FAILURES) return null;
    return lock(trx, accountId, now);
  });
}

/**
 * The checked password was right. Throws ACCOUNT_LOCKED when a lock was set
 * while it was being checked: parallel wrong guesses win over a right one.
 * With `forgetEarlier` (the password completes the login), failures already
 * settled when this slot was claimed are forgiven; those still being
 * checked then, or counted since, stay.
 */
export async function settleSucceededAttempt(ctx: LockContext, accountId: number, slot: AttemptSlot, forgetEarlier: boolean): Promise<void> {
  const now = ctx.now();
  const running = await ctx.db.transaction().execute(async (trx) => {
    await serialiseAccount(trx, accountId);
    await trx.deleteFrom('login_failures').where('id', '=', slot.id).execute();
    const until = await lockEnd(trx, accountId, now);
    if (until) return until;
    if (forgetEarlier && slot.settledBefore !== null) {
      await trx.deleteFrom('login_failures').where('account_id', '=', accountId).where('id', '<=', slot.settledBefore).where('pending', '=', 0).execute();
    }
    return null;
  });
  if (running) throw accountLockedError(now, running);
}

/**
 * A wrong OTP code counts like a wrong password. Runs inside the caller's
 * transaction (the OTP check). Returns the lock end when it filled the window.
 */
export async function recordOtpFailure(db: Db, accountId: number, now: Date): Promise<Date | null> {
  await serialiseAccount(db, accountId);
  await db.insertInto('login_failures').values({ account_id: accountId, at: now.toISOString(), pending: 0 }).execute();
  if ((await attemptsInWindow(db, accountId, now)) < MAX_FAILURES) return null;
  return lock(db, accountId, now);
}

/**
 * A completed login forgives failures counted up to the moment its flow
 * began (`since`), never later ones. Inclusive: the password step that
 * started the flow runs within the same millisecond as failures just before it.
 */
export async function forgetFailuresBefore(db: Db, accountId: number, since: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account_id', '=', accountId).where('pending', '=', 0).where('at', '<=', since).execute();
}

/** ACCOUNT_LOCKED for a lock running now, or null; for checks inside another transaction. */
export async function runningLockError(db: Db, accountId: number, now: Date): Promise<PortalHttpError | null> {
  const until = await lockEnd(db, accountId, now);
  return until ? accountLockedError(now, until) : null;
}
