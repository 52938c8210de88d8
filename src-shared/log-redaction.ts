/**
 * The one list of personal fields a log line must never carry, shared by the
 * kiosk host's logger and the portal's Fastify logger (both are pino, so these
 * are pino `redact` paths). Code is meant to log only call names, error
 * classes and application numbers; this list is the net under that rule, for
 * the day someone logs an object whole.
 */

/** Keys that hold a person's data or a secret, wherever they sit in a logged object. */
export const PERSONAL_LOG_KEYS = [
  'cccd',
  'cccdText',
  'cmnd',
  'citizenId',
  'idNumber',
  'username',
  'fullName',
  'name',
  'phone',
  'phoneNumber',
  'email',
  'address',
  'dateOfBirth',
  'birthDate',
  'password',
  'newPassword',
  'otp',
  'pin',
  'captchaAnswer',
  'dataBase64',
  'bytes',
  'applicant',
  'fields',
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
] as const;

/** Logged objects are shallow (a request, an error, a few ids); three levels covers them. */
const DEPTHS = ['', '*.', '*.*.'] as const;

function pathOf(prefix: string, key: string): string {
  // Keys with a dash need the bracket form of pino's path syntax.
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}${key}` : `${prefix}["${key}"]`;
}

/** pino `redact.paths` for every personal key at the top level and two levels down. */
export const LOG_REDACT_PATHS: readonly string[] = DEPTHS.flatMap((prefix) => PERSONAL_LOG_KEYS.map((key) => pathOf(prefix, key)));

/** What a redacted value reads as in the log. */
export const LOG_REDACT_CENSOR = '[redacted]';
