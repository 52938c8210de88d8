import svgCaptcha from 'svg-captcha';
import { captchaAnswerKey, captchaDrawing } from '../../src-shared/captcha-style.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { addMs } from './durations.js';
import { randomId, sameDigest, sha256Hex } from './secrets.js';

/**
 * Image captchas issued by the portal: single use, 2 minutes, answer
 * compared case-insensitively and stored only as a hash (plus, in training
 * mode, in clear for GET /api/v1/dev/captcha/:id).
 */
export const CAPTCHA_TTL_MS = 2 * 60_000;

/** Exported for tests that must solve a captcha where no dev endpoint exists (production mode). */
export function captchaAnswerHash(id: string, answer: string): string {
  return sha256Hex(`${id}:${captchaAnswerKey(answer)}`);
}

export type CaptchaContext = Pick<PortalContext, 'db' | 'now' | 'config'>;

export async function issueCaptcha(ctx: CaptchaContext): Promise<{ id: string; svg: string; expiresAt: string }> {
  const now = ctx.now();
  const { data, text } = svgCaptcha.create(captchaDrawing(160, 56, 52));
  const id = randomId(16);
  const expiresAt = addMs(now, CAPTCHA_TTL_MS).toISOString();
  // Old captchas are useless after expiry; keep the table small.
  await ctx.db.deleteFrom('captchas').where('expires_at', '<', addMs(now, -60 * 60_000).toISOString()).execute();
  await ctx.db
    .insertInto('captchas')
    .values({
      id,
      answer_hash: captchaAnswerHash(id, text),
      training_answer: ctx.config.mode === 'training' ? text : null,
      expires_at: expiresAt,
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { id, svg: `data:image/svg+xml;base64,${Buffer.from(data, 'utf8').toString('base64')}`, expiresAt };
}

export const CAPTCHA_ERRORS = {
  CAPTCHA_NOT_FOUND: 'Mã xác thực (captcha) không tồn tại. Vui lòng tải mã xác thực mới.',
  CAPTCHA_USED: 'Mã xác thực này đã được dùng. Vui lòng tải mã xác thực mới.',
  CAPTCHA_EXPIRED: 'Mã xác thực đã hết hạn. Vui lòng tải mã xác thực mới.',
  CAPTCHA_WRONG: 'Mã xác thực không đúng. Vui lòng nhập mã xác thực mới.',
} as const;

function captchaError(code: keyof typeof CAPTCHA_ERRORS): PortalHttpError {
  return new PortalHttpError(400, code, CAPTCHA_ERRORS[code]);
}

/**
 * Checks an answer and burns the captcha whatever the outcome, so one image
 * cannot be tried twice.
 */
export async function consumeCaptcha(ctx: CaptchaContext, id: string, answer: string): Promise<void> {
  const now = ctx.now();
  const row = await ctx.db.selectFrom('captchas').select(['answer_hash', 'expires_at', 'used_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw captchaError('CAPTCHA_NOT_FOUND');
  if (row.used_at) throw captchaError('CAPTCHA_USED');
  if (now >= new Date(row.expires_at)) throw captchaError('CAPTCHA_EXPIRED');
  const burnt = await ctx.db
    .updateTable('captchas')
    .set({ used_at: now.toISOString(), training_answer: null })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  // Lost a race with a concurrent attempt on the same captcha.
  if (Number(burnt.numUpdatedRows) !== 1) throw captchaError('CAPTCHA_USED');
  if (!sameDigest(captchaAnswerHash(id, answer), row.answer_hash)) throw captchaError('CAPTCHA_WRONG');
}

/** Training mode only: the answer of a captcha not yet used. */
export async function trainingCaptchaAnswer(ctx: CaptchaContext, id: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('captchas').select('training_answer').where('id', '=', id).executeTakeFirst();
  return row?.training_answer ?? null;
}
