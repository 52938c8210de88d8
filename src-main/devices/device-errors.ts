import { ERROR_MESSAGES, type ErrorCode } from '../../src-shared/error-messages.js';
import { detailVi, type DetailKey, type MessageParams } from '../../src-shared/detail-messages.js';
/**
 * Everything that can go wrong with a signing token or a scanner, as a
 * stable code. Failures the kiosk has a code for say that code's sentence;
 * the others have a detail of their own (src-shared/host-detail-messages.ts),
 * which the UI words in the chosen language. Messages never carry a PIN, a
 * CCCD number or a name, so callers may log `code` and `message` as they are.
 */
const DEVICE_DETAILS = {
  CERT_NOT_FOUND: 'TOKEN_CERT_NOT_FOUND',
  KEY_NOT_FOUND: 'TOKEN_KEY_NOT_FOUND',
  PIN_FORMAT: 'TOKEN_PIN_FORMAT',
  PIN_INCORRECT: 'TOKEN_PIN_WRONG',
  SIGNATURE_INVALID: 'TOKEN_SIGNATURE_INVALID',
  PDF_INVALID: 'TOKEN_PDF_INVALID',
  SCANNER_DISCONNECTED: 'SCANNER_DISCONNECTED',
} as const satisfies Record<string, DetailKey>;

type SharedCode = Extract<ErrorCode, 'PKCS11_LIBRARY_NOT_FOUND' | 'TOKEN_NOT_PRESENT' | 'TOKEN_REMOVED' | 'TOKEN_ERROR' | 'CERT_EXPIRED' | 'CERT_NOT_YET_VALID' | 'PIN_LOCKED' | 'SCAN_UNREADABLE'>;
export type DeviceErrorCode = keyof typeof DEVICE_DETAILS | SharedCode;

export interface DeviceErrorDetails {
  /**
   * Wrong-PIN tries left as the token reports them: 1 on the final try,
   * 'few' when it only says "count low" (PKCS#11 gives no number), absent
   * when the token says nothing.
   */
  triesLeft?: number | 'few';
}

function ownDetail(code: DeviceErrorCode): DetailKey | null {
  return Object.hasOwn(DEVICE_DETAILS, code) ? DEVICE_DETAILS[code as keyof typeof DEVICE_DETAILS] : null;
}

export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  readonly details: DeviceErrorDetails;
  /** What the UI words when the code has no sentence of the kiosk's own (ERROR_MESSAGES). */
  readonly detail: DetailKey | null;
  readonly params: MessageParams;

  constructor(code: DeviceErrorCode, details: DeviceErrorDetails = {}, worded: { detail: DetailKey; params?: MessageParams } | null = null) {
    const detail = worded?.detail ?? ownDetail(code);
    const params = worded?.params ?? {};
    super(detail ? detailVi(detail, params) : ERROR_MESSAGES[code as SharedCode].vi);
    this.name = 'DeviceError';
    this.code = code;
    this.details = details;
    this.detail = detail;
    this.params = params;
  }
}

export function isDeviceError(e: unknown): e is DeviceError {
  return e instanceof DeviceError;
}

/** The wrong-PIN error with what the token says about the tries left. */
export function pinIncorrectError(triesLeft: number | 'few' | undefined): DeviceError {
  if (triesLeft === 1) return new DeviceError('PIN_INCORRECT', { triesLeft }, { detail: 'TOKEN_PIN_WRONG_LAST_TRY' });
  if (triesLeft === 'few') return new DeviceError('PIN_INCORRECT', { triesLeft }, { detail: 'TOKEN_PIN_WRONG_FEW_TRIES' });
  if (typeof triesLeft === 'number') return new DeviceError('PIN_INCORRECT', { triesLeft }, { detail: 'TOKEN_PIN_WRONG_TRIES', params: { triesLeft } });
  return new DeviceError('PIN_INCORRECT');
}
