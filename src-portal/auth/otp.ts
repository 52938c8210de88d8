import crypto from 'node:crypto';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import type { SmsProvider } from '../sms/provider.js';
import { maskPhone } from './identifiers.js';
import { addMs, secondsLeft } from './durations.js';
import { accountLockedError, forgetFailuresBefore, recordOtpFailure, runningLockError, serialiseAccount } from './lockout.js';
import { randomId, sameDigest, sha256Hex } from './secrets.js';

/**
 * The SMS one-time password step of citizen login. A challenge carries one
 * live 6-digit code at a time (a resend replaces it). Rules: a code lives
 * 5 minutes; 5 wrong tries kill the challenge; a resend needs 60 s since
 * the last send, at most 3 resends, and the whole challenge closes 15
 * minutes after login; a code is good for one session only. A resend
 * keeps the challenge's wrong-try count (it replaces the code, not the
 * budget), an account starts at most 5 challenges an hour, and every wrong
 * code also counts toward the account's lockout (lockout.ts).
 */
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_COOLDOWN_MS = 60_000;
export const OTP_MAX_RESENDS = 3;
export const OTP_CHALLENGE_LIFETIME_MS = 15 * 60_000;
export const OTP_MAX_CHALLENGES_PER_HOUR = 5;
const HOUR_MS = 60 * 60_000;

type OtpContext = Pick<PortalContext, 'db' | 'now'>;

export interface OtpChallengeView {
  challengeId: string;
  maskedPhone: string;
  expiresAt: string;
  resendAvailableAt: string;
}

function codeHash(challengeId: string, code: string): string {
  return sha256Hex(`${challengeId}:${code}`);
}

function newCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

function smsBody(code: string): string {
  return `Cổng DVC Quảng Ngãi: mã OTP đăng nhập của Quý khách là ${code}, có hiệu lực 5 phút. Không cung cấp mã này cho bất kỳ ai.`;
}

const smsFailed = () =>
  new PortalHttpError(503, 'SMS_UNAVAILABLE', 'Không gửi được tin nhắn chứa mã OTP. Vui lòng thử lại sau ít phút.');

async function send(sms: SmsProvider, to: string, code: string): Promise<void> {
  try {
    await sms.send({ to, body: smsBody(code) });
  } catch {
    throw smsFailed();
  }
}

function tooManyChallenges(now: Date, oldest: Date): PortalHttpError {
  const seconds = secondsLeft(now, addMs(oldest, HOUR_MS));
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new PortalHttpError(
    429,
    'OTP_CHALLENGE_LIMIT',
    `Tài khoản đã yêu cầu mã OTP ${OTP_MAX_CHALLENGES_PER_HOUR} lần trong một giờ. Vui lòng thử lại sau ${minutes} phút.`,
    { retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

export async function startOtpChallenge(ctx: OtpContext, sms: SmsProvider, account: { id: number; phone: string }): Promise<OtpChallengeView> {
  const now = ctx.now();
  const id = randomId(16);
  const code = newCode();
  const expiresAt = addMs(now, OTP_TTL_MS).toISOString();
  const resendAvailableAt = addMs(now, OTP_RESEND_COOLDOWN_MS).toISOString();
  // Counting and inserting in one transaction: parallel logins cannot both take the last place in the hour.
  const refused = await ctx.db.transaction().execute(async (trx) => {
    await serialiseAccount(trx, account.id);
    const recent = await trx
      .selectFrom('otp_challenges')
      .select('created_at')
      .where('account_id', '=', account.id)
      .where('created_at', '>', addMs(now, -HOUR_MS).toISOString())
      .orderBy('created_at')
      .execute();
    const oldest = recent[0];
    if (recent.length >= OTP_MAX_CHALLENGES_PER_HOUR && oldest) return tooManyChallenges(now, new Date(oldest.created_at));
    await trx
      .insertInto('otp_challenges')
      .values({
        id,
        account_id: account.id,
        code_hash: codeHash(id, code),
        attempts: 0,
        resends: 0,
        expires_at: expiresAt,
        resend_available_at: resendAvailableAt,
        closes_at: addMs(now, OTP_CHALLENGE_LIFETIME_MS).toISOString(),
        consumed_at: null,
        created_at: now.toISOString(),
      })
      .execute();
    return null;
  });
  if (refused) throw refused;
  await send(sms, account.phone, code);
  return { challengeId: id, maskedPhone: maskPhone(account.phone), expiresAt, resendAvailableAt };
}

const OTP_MESSAGES = {
  OTP_CHALLENGE_NOT_FOUND: 'Phiên xác thực OTP không tồn tại. Vui lòng đăng nhập lại.',
  OTP_ALREADY_USED: 'Mã OTP này đã được sử dụng. Vui lòng đăng nhập lại.',
  OTP_ATTEMPTS_EXCEEDED: `Quý khách đã nhập sai mã OTP ${OTP_MAX_ATTEMPTS} lần. Vui lòng đăng nhập lại để nhận mã mới.`,
  OTP_EXPIRED: 'Mã OTP đã hết hạn. Vui lòng bấm “Gửi lại mã” để nhận mã mới.',
  OTP_CHALLENGE_CLOSED: 'Phiên xác thực OTP đã hết hạn. Vui lòng đăng nhập lại.',
  OTP_RESEND_LIMIT: `Quý khách đã yêu cầu gửi lại mã OTP quá ${OTP_MAX_RESENDS} lần. Vui lòng đăng nhập lại.`,
} as const;

const STATUS: Record<keyof typeof OTP_MESSAGES, number> = {
  OTP_CHALLENGE_NOT_FOUND: 404,
  OTP_ALREADY_USED: 409,
  OTP_ATTEMPTS_EXCEEDED: 410,
  OTP_EXPIRED: 410,
  OTP_CHALLENGE_CLOSED: 410,
  OTP_RESEND_LIMIT: 429,
};

function otpError(code: keyof typeof OTP_MESSAGES): PortalHttpError {
  return new PortalHttpError(STATUS[code], code, OTP_MESSAGES[code]);
}

/**
 * Checks a code. Runs in a transaction so concurrent guesses cannot slip
 * past the attempt limit or use one code twice. Returns the account id.
 * A completed login forgives the account's failures from before this
 * challenge started, not those counted since (a parallel guesser's).
 */
export async function verifyOtp(ctx: OtpContext, challengeId: string, otp: string): Promise<number> {
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('otp_challenges').selectAll().where('id', '=', challengeId).forUpdate().executeTakeFirst();
    if (!row) return otpError('OTP_CHALLENGE_NOT_FOUND');
    if (row.consumed_at) return otpError('OTP_ALREADY_USED');
    if (row.attempts >= OTP_MAX_ATTEMPTS) return otpError('OTP_ATTEMPTS_EXCEEDED');
    if (now >= new Date(row.closes_at)) return otpError('OTP_CHALLENGE_CLOSED');
    if (now >= new Date(row.expires_at)) return otpError('OTP_EXPIRED');
    const locked = await runningLockError(trx, row.account_id, now);
    if (locked) return locked;
    if (sameDigest(codeHash(challengeId, otp), row.code_hash)) {
      await trx.updateTable('otp_challenges').set({ consumed_at: now.toISOString() }).where('id', '=', challengeId).execute();
      await forgetFailuresBefore(trx, row.account_id, row.created_at);
      return row.account_id;
    }
    const attempts = row.attempts + 1;
    await trx.updateTable('otp_challenges').set({ attempts }).where('id', '=', challengeId).execute();
    const lockedUntil = await recordOtpFailure(trx, row.account_id, now);
    if (attempts >= OTP_MAX_ATTEMPTS) return otpError('OTP_ATTEMPTS_EXCEEDED');
    if (lockedUntil) return accountLockedError(now, lockedUntil);
    const left = OTP_MAX_ATTEMPTS - attempts;
    return new PortalHttpError(400, 'OTP_WRONG', `Mã OTP không đúng. Quý khách còn ${left} lần thử.`, { attemptsLeft: left });
  });
  // Thrown outside the transaction so the attempt count is committed, not rolled back.
  if (outcome instanceof PortalHttpError) throw outcome;
  return outcome;
}

/** Sends a fresh code (the old one stops working) after the cooldown. */
export async function resendOtp(ctx: OtpContext, sms: SmsProvider, challengeId: string): Promise<OtpChallengeView> {
  const now = ctx.now();
  const code = newCode();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('otp_challenges')
      .innerJoin('accounts', 'accounts.id', 'otp_challenges.account_id')
      .select(['otp_challenges.consumed_at', 'otp_challenges.attempts', 'otp_challenges.resends', 'otp_challenges.closes_at'])
      .select(['otp_challenges.resend_available_at', 'otp_challenges.account_id', 'accounts.phone'])
      .where('otp_challenges.id', '=', challengeId)
      .forUpdate('otp_challenges')
      .executeTakeFirst();
    if (!row) return otpError('OTP_CHALLENGE_NOT_FOUND');
    if (row.consumed_at) return otpError('OTP_ALREADY_USED');
    if (row.attempts >= OTP_MAX_ATTEMPTS) return otpError('OTP_ATTEMPTS_EXCEEDED');
    if (now >= new Date(row.closes_at)) return otpError('OTP_CHALLENGE_CLOSED');
    const locked = await runningLockError(trx, row.account_id, now);
    if (locked) return locked;
    const availableAt = new Date(row.resend_available_at);
    if (now < availableAt) {
      const seconds = secondsLeft(now, availableAt);
      return new PortalHttpError(
        429,
        'OTP_RESEND_TOO_SOON',
        `Vui lòng chờ ${seconds} giây nữa rồi mới yêu cầu gửi lại mã OTP.`,
        { retryAfterSeconds: seconds },
        { 'Retry-After': String(seconds) },
      );
    }
    if (row.resends >= OTP_MAX_RESENDS) return otpError('OTP_RESEND_LIMIT');
    if (!row.phone) return otpError('OTP_CHALLENGE_NOT_FOUND');
    const expiresAt = addMs(now, OTP_TTL_MS).toISOString();
    const resendAvailableAt = addMs(now, OTP_RESEND_COOLDOWN_MS).toISOString();
    await trx
      .updateTable('otp_challenges')
      .set({ code_hash: codeHash(challengeId, code), resends: row.resends + 1, expires_at: expiresAt, resend_available_at: resendAvailableAt })
      .where('id', '=', challengeId)
      .execute();
    return { phone: row.phone, expiresAt, resendAvailableAt };
  });
  if (outcome instanceof PortalHttpError) throw outcome;
  await send(sms, outcome.phone, code);
  return { challengeId, maskedPhone: maskPhone(outcome.phone), expiresAt: outcome.expiresAt, resendAvailableAt: outcome.resendAvailableAt };
}
