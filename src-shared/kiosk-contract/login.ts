import { z } from 'zod';

/**
 * The kiosk contract's login records: the captcha, the citizen's two steps
 * (password, then the SMS OTP) and the signed-in account. Owned by the
 * contract; the host's gateway maps a portal's answers to them.
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
/** POST /api/v1/auth/otp/verify */
export const OtpVerifyRequestSchema = z.object({
  challengeId: z.string().min(1).max(64),
  otp: z.string().trim().regex(/^\d{6}$/, 'Mã OTP gồm đúng 6 chữ số.'),
});
export type OtpVerifyRequest = z.infer<typeof OtpVerifyRequestSchema>;

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
