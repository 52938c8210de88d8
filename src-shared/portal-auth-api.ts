import { z } from 'zod';

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
 */

const Iso = z.iso.datetime({ offset: true });

/** POST /api/v1/auth/captcha */
export const CaptchaResponseSchema = z.object({
  id: z.string(),
  /** `data:image/svg+xml;base64,…`: show it in an <img>, never inline as markup. */
  svg: z.string().startsWith('data:image/svg+xml;base64,'),
  expiresAt: Iso,
});
export type CaptchaResponse = z.infer<typeof CaptchaResponseSchema>;

const CaptchaFields = {
  captchaId: z.string().min(1).max(64),
  captchaAnswer: z.string().trim().min(1).max(16),
};

/** POST /api/v1/auth/login — username is the CCCD (12 digits) or old CMND (9 digits). */
export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  ...CaptchaFields,
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const OtpChallengeResponseSchema = z.object({
  challengeId: z.string(),
  /** e.g. "09******89", so the citizen can check which phone got the code. */
  maskedPhone: z.string(),
  expiresAt: Iso,
  /** Earliest time POST /auth/otp/resend is accepted. */
  resendAvailableAt: Iso,
});
export type OtpChallengeResponse = z.infer<typeof OtpChallengeResponseSchema>;
/** The answer of POST /auth/login. */
export const LoginResponseSchema = OtpChallengeResponseSchema;
export type LoginResponse = OtpChallengeResponse;

/** POST /api/v1/auth/otp/verify */
export const OtpVerifyRequestSchema = z.object({
  challengeId: z.string().min(1).max(64),
  otp: z.string().trim().regex(/^\d{6}$/, 'Mã OTP gồm đúng 6 chữ số.'),
});
export type OtpVerifyRequest = z.infer<typeof OtpVerifyRequestSchema>;

/** POST /api/v1/auth/otp/resend */
export const OtpResendRequestSchema = z.object({ challengeId: z.string().min(1).max(64) });
export type OtpResendRequest = z.infer<typeof OtpResendRequestSchema>;

export const AccountRoleSchema = z.enum(['citizen', 'business', 'officer', 'kiosk']);
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** The logged-in account as its owner sees it. */
export const AccountSummarySchema = z.object({
  role: AccountRoleSchema,
  displayName: z.string(),
  /** Citizen's own CCCD/CMND (for prefilling their own forms). */
  citizenId: z.string().optional(),
  /** Business MST. */
  taxCode: z.string().optional(),
  /** Officer's agency. */
  agencyCode: z.string().optional(),
  phoneMasked: z.string().optional(),
  /**
   * A citizen's own phone and address, to prefill their own forms (step 1 of the wizard); only
   * ever sent to the owner of the session. Screens that merely mention the phone use phoneMasked.
   */
  phone: z.string().optional(),
  address: z.string().optional(),
  /** Present on an officer who administers the portal (holiday table, kiosk enrolment). */
  isAdmin: z.literal(true).optional(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

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
