import { z } from 'zod';
import { AccountSummarySchema, LoginRequestSchema, OtpChallengeResponseSchema, type LoginRequest, type OtpChallengeResponse } from './kiosk-contract/login.js';

/**
 * Login contract of the central portal (/api/v1/auth/*), shared by the
 * reference portal (which validates requests and answers with these) and
 * the kiosk's portal client (which validates what it receives).
 *
 * Citizen login is two steps: POST /auth/login (CCCD/CMND + password +
 * captcha) → an OTP challenge sent by SMS; POST /auth/otp/verify → session.
 * Businesses sign a nonce with their certificate: /auth/cert/challenge then
 * /auth/cert/verify → session. Staff log in at /auth/officer/login.
 * Errors use PortalErrorSchema (src-shared/portal-api.ts).
 *
 * The captcha, the login steps and the account are the kiosk contract's
 * own records (src-shared/kiosk-contract/login.ts), which the reference
 * portal speaks as they are.
 */
export * from './kiosk-contract/login.js';

const Iso = z.iso.datetime({ offset: true });

/** The answer of POST /auth/login. */
export const LoginResponseSchema = OtpChallengeResponseSchema;
export type LoginResponse = OtpChallengeResponse;

/** POST /api/v1/auth/otp/resend */
export const OtpResendRequestSchema = z.object({ challengeId: z.string().min(1).max(64) });
export type OtpResendRequest = z.infer<typeof OtpResendRequestSchema>;

/** Answer of every step that opens a session: OTP verify, cert verify, officer login. */
export const SessionResponseSchema = z.object({
  /** Bearer token: send as `Authorization: Bearer <token>`. */
  token: z.string(),
  /** Idle expiry; each authenticated request slides it forward. */
  expiresAt: Iso,
  account: AccountSummarySchema,
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
export const OtpVerifyResponseSchema = SessionResponseSchema;

/** GET /api/v1/auth/me */
export const MeResponseSchema = z.object({ account: AccountSummarySchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** POST /api/v1/auth/officer/login */
export const OfficerLoginRequestSchema = LoginRequestSchema;
export type OfficerLoginRequest = LoginRequest;

/** POST /api/v1/auth/cert/challenge */
export const CertChallengeResponseSchema = z.object({
  challengeId: z.string(),
  /** base64 of the bytes to sign (sign the decoded bytes, not the base64 text). */
  nonce: z.string(),
  expiresAt: Iso,
});
export type CertChallengeResponse = z.infer<typeof CertChallengeResponseSchema>;

export const CertAlgorithmSchema = z.enum(['RSA-SHA256', 'ECDSA-SHA256']);
export type CertAlgorithm = z.infer<typeof CertAlgorithmSchema>;

const Pem = z.string().max(20_000).includes('-----BEGIN CERTIFICATE-----', { message: 'Chứng thư số phải ở dạng PEM.' });

/** POST /api/v1/auth/cert/verify */
export const CertVerifyRequestSchema = z.object({
  challengeId: z.string().min(1).max(64),
  /** The signer's certificate (PEM). */
  certificatePem: Pem,
  /** Intermediate CA certificates, signer's issuer first. */
  chainPem: z.array(Pem).max(5).optional(),
  /** base64 signature over the nonce bytes; ECDSA in DER (ASN.1) form. */
  signature: z.string().min(1).max(2048).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Chữ ký phải ở dạng base64.'),
  algorithm: CertAlgorithmSchema,
});
export type CertVerifyRequest = z.infer<typeof CertVerifyRequestSchema>;
export const CertVerifyResponseSchema = SessionResponseSchema;

/** POST /api/v1/auth/logout */
export const LogoutResponseSchema = z.object({ ok: z.literal(true) });

/*
 * Training-mode dev endpoints (/api/v1/dev/*): what a person would see
 * elsewhere (their phone, the captcha image). Absent (404) in production.
 */

/** GET /api/v1/dev/sms?to=<phone>&limit=<n> — newest first. */
export const DevSmsQuerySchema = z.object({
  to: z.string().trim().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const DevSmsResponseSchema = z.object({
  messages: z.array(z.object({ id: z.number().int(), to: z.string(), body: z.string(), createdAt: Iso })),
});
export type DevSmsResponse = z.infer<typeof DevSmsResponseSchema>;

/** GET /api/v1/dev/captcha/:id */
export const DevCaptchaAnswerSchema = z.object({ id: z.string(), answer: z.string() });
export type DevCaptchaAnswer = z.infer<typeof DevCaptchaAnswerSchema>;

/** GET /api/v1/dev/business-certificate?taxCode=<MST> — a demo business's training certificate and key. */
export const DevBusinessCertificateSchema = z.object({
  taxCode: z.string(),
  companyName: z.string(),
  certificatePem: z.string(),
  /** PKCS#8 PEM of the demo key: the training stand-in for a USB token. */
  privateKeyPem: z.string(),
  chainPem: z.array(z.string()),
  algorithm: CertAlgorithmSchema,
});
export type DevBusinessCertificate = z.infer<typeof DevBusinessCertificateSchema>;
