import type { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  CaptchaResponseSchema,
  CertChallengeResponseSchema,
  CertVerifyRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LogoutResponseSchema,
  MeResponseSchema,
  OfficerLoginRequestSchema,
  OtpResendRequestSchema,
  OtpVerifyRequestSchema,
  SessionResponseSchema,
} from '../../src-shared/portal-auth-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import type { SmsProvider } from '../sms/provider.js';
import { getAccount, toAccount } from './accounts.js';
import { accountSummary } from './account-summary.js';
import { consumeCaptcha, issueCaptcha } from './captcha.js';
import { completeCertLogin, issueCertChallenge } from './cert-login.js';
import { resendOtp, startOtpChallenge, verifyOtp } from './otp.js';
import { accountUsableOrThrow, checkPasswordLogin } from './password-login.js';

export interface AuthRouteDeps {
  sms: SmsProvider;
  /** CA certificates a business certificate must chain to. */
  trustAnchors: readonly X509Certificate[];
}

const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema } as const;
const challengeErrors = { ...errors, 409: PortalErrorSchema, 410: PortalErrorSchema, 423: PortalErrorSchema, 429: PortalErrorSchema, 503: PortalErrorSchema } as const;

/**
 * /api/v1/auth/*. Logs name the account by its numeric id only: never the
 * username (a CCCD), the password, the phone or a code.
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: PortalContext, deps: AuthRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function openSession(accountId: number) {
    const account = await getAccount(ctx.db, accountId);
    if (!account) throw new PortalHttpError(401, 'UNAUTHENTICATED', 'Tài khoản không còn tồn tại. Vui lòng đăng nhập lại.');
    const { token, expiresAt } = await ctx.sessions.issue(accountId);
    return { token, expiresAt, account: accountSummary(account) };
  }

  r.post(
    '/api/v1/auth/captcha',
    {
      schema: {
        summary: 'Cấp mã xác thực (captcha) dạng ảnh SVG, dùng một lần, hiệu lực 2 phút',
        tags: ['auth'],
        response: { 200: CaptchaResponseSchema },
      },
    },
    async () => issueCaptcha(ctx),
  );

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        summary: 'Đăng nhập công dân (số CCCD/CMND + mật khẩu + captcha); gửi mã OTP qua SMS',
        tags: ['auth'],
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, ...challengeErrors },
      },
    },
    async (req) => {
      const { username, password, captchaId, captchaAnswer } = req.body;
      await consumeCaptcha(ctx, captchaId, captchaAnswer);
      let row;
      try {
        row = await checkPasswordLogin(ctx, 'citizen', username, password);
      } catch (e) {
        if (e instanceof PortalHttpError) req.log.info({ event: 'auth.login.refused', code: e.code }, 'login refused');
        throw e;
      }
      if (!row.phone) {
        throw new PortalHttpError(409, 'PHONE_MISSING', 'Tài khoản chưa có số điện thoại để nhận mã OTP. Vui lòng liên hệ bộ phận một cửa.');
      }
      const challenge = await startOtpChallenge(ctx, deps.sms, { id: row.id, phone: row.phone });
      req.log.info({ event: 'auth.login.otp_sent', accountId: row.id }, 'otp sent');
      return challenge;
    },
  );

  r.post(
    '/api/v1/auth/otp/verify',
    {
      schema: {
        summary: 'Xác thực mã OTP (6 chữ số, hiệu lực 5 phút, tối đa 5 lần nhập) và mở phiên đăng nhập',
        tags: ['auth'],
        body: OtpVerifyRequestSchema,
        response: { 200: SessionResponseSchema, ...challengeErrors },
      },
    },
    async (req) => {
      const accountId = await verifyOtp(ctx, req.body.challengeId, req.body.otp);
      const row = await ctx.db.selectFrom('accounts').select(['disabled', 'is_demo']).where('id', '=', accountId).executeTakeFirst();
      if (row) accountUsableOrThrow(ctx, row);
      req.log.info({ event: 'auth.login.success', accountId, method: 'otp' }, 'session opened');
      return openSession(accountId);
    },
  );

  r.post(
    '/api/v1/auth/otp/resend',
    {
      schema: {
        summary: 'Gửi lại mã OTP (sau 60 giây; mã cũ hết hiệu lực)',
        tags: ['auth'],
        body: OtpResendRequestSchema,
        response: { 200: LoginResponseSchema, ...challengeErrors },
      },
    },
    async (req) => resendOtp(ctx, deps.sms, req.body.challengeId),
  );

  r.post(
    '/api/v1/auth/officer/login',
    {
      schema: {
        summary: 'Đăng nhập cán bộ (tên đăng nhập + mật khẩu + captcha)',
        tags: ['auth'],
        body: OfficerLoginRequestSchema,
        response: { 200: SessionResponseSchema, ...errors, 423: PortalErrorSchema },
      },
    },
    async (req) => {
      const { username, password, captchaId, captchaAnswer } = req.body;
      await consumeCaptcha(ctx, captchaId, captchaAnswer);
      const row = await checkPasswordLogin(ctx, 'officer', username, password);
      req.log.info({ event: 'auth.login.success', accountId: row.id, method: 'officer' }, 'session opened');
      return openSession(row.id);
    },
  );

  r.post(
    '/api/v1/auth/cert/challenge',
    {
      schema: {
        summary: 'Cấp chuỗi ngẫu nhiên (nonce) để doanh nghiệp ký bằng chứng thư số',
        tags: ['auth'],
        response: { 200: CertChallengeResponseSchema },
      },
    },
    async () => issueCertChallenge(ctx),
  );

  r.post(
    '/api/v1/auth/cert/verify',
    {
      schema: {
        summary: 'Kiểm tra chữ ký số trên nonce và chứng thư số doanh nghiệp; mở phiên đăng nhập',
        tags: ['auth'],
        body: CertVerifyRequestSchema,
        response: { 200: SessionResponseSchema, ...challengeErrors },
      },
    },
    async (req) => {
      let row;
      try {
        row = await completeCertLogin(ctx, deps.trustAnchors, req.body);
      } catch (e) {
        if (e instanceof PortalHttpError) req.log.info({ event: 'auth.cert.refused', code: e.code }, 'certificate login refused');
        throw e;
      }
      req.log.info({ event: 'auth.login.success', accountId: row.id, method: 'certificate' }, 'session opened');
      return { ...(await ctx.sessions.issue(row.id)), account: accountSummary(toAccount(row)) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        summary: 'Đăng xuất: thu hồi phiên đăng nhập hiện tại',
        tags: ['auth'],
        security: [{ bearer: [] }],
        response: { 200: LogoutResponseSchema, 401: PortalErrorSchema },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req);
      await ctx.sessions.revoke(principal.sessionId);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      schema: {
        summary: 'Tài khoản của phiên đăng nhập hiện tại',
        tags: ['auth'],
        security: [{ bearer: [] }],
        response: { 200: MeResponseSchema, 401: PortalErrorSchema },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req);
      const account = await getAccount(ctx.db, principal.accountId);
      if (!account) throw new PortalHttpError(401, 'UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.');
      return { account: accountSummary(account) };
    },
  );
}
