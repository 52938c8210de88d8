import { ERROR_MESSAGES } from '../../src-shared/error-messages.js';
/**
 * Everything that can go wrong with a signing token or a scanner, as a
 * stable code with the Vietnamese message the citizen sees
 * (English second). Messages never carry a PIN, a CCCD number or a name,
 * so callers may log `code` and `message` as they are.
 */
export const DEVICE_ERROR_MESSAGES = {
  PKCS11_LIBRARY_NOT_FOUND: ERROR_MESSAGES.PKCS11_LIBRARY_NOT_FOUND,
  TOKEN_NOT_PRESENT: ERROR_MESSAGES.TOKEN_NOT_PRESENT,
  TOKEN_REMOVED: ERROR_MESSAGES.TOKEN_REMOVED,
  TOKEN_ERROR: ERROR_MESSAGES.TOKEN_ERROR,
  CERT_NOT_FOUND: {
    vi: 'Không tìm thấy chứng thư số trên thiết bị ký số. Vui lòng kiểm tra đúng USB ký số của doanh nghiệp.',
    en: 'No certificate was found on the signing token. Please check that this is your business token.',
  },
  KEY_NOT_FOUND: {
    vi: 'Thiết bị ký số không có khóa bí mật đi kèm chứng thư số đã chọn.',
    en: 'The signing token holds no private key for the chosen certificate.',
  },
  CERT_EXPIRED: ERROR_MESSAGES.CERT_EXPIRED,
  CERT_NOT_YET_VALID: ERROR_MESSAGES.CERT_NOT_YET_VALID,
  PIN_FORMAT: {
    vi: 'Mã PIN không hợp lệ. Mã PIN gồm 4 đến 32 ký tự.',
    en: 'The PIN is not valid. A PIN has 4 to 32 characters.',
  },
  PIN_INCORRECT: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại.',
    en: 'The PIN is wrong. Please enter it again.',
  },
  PIN_LOCKED: ERROR_MESSAGES.PIN_LOCKED,
  SIGNATURE_INVALID: {
    vi: 'Chữ ký do thiết bị tạo ra không khớp với chứng thư số. Chưa có gì được gửi đi; vui lòng thử lại.',
    en: 'The signature made by the device does not match the certificate. Nothing was sent; please try again.',
  },
  PDF_INVALID: {
    vi: 'Không đọc được tệp PDF cần ký.',
    en: 'The PDF to sign cannot be read.',
  },
  SCANNER_DISCONNECTED: {
    vi: 'Máy quét mã QR đã bị ngắt kết nối. Vui lòng báo cán bộ một cửa kiểm tra dây cắm.',
    en: 'The QR scanner was disconnected. Please ask the counter staff to check its cable.',
  },
  SCAN_UNREADABLE: ERROR_MESSAGES.SCAN_UNREADABLE,
} as const satisfies Record<string, { vi: string; en: string }>;

export type DeviceErrorCode = keyof typeof DEVICE_ERROR_MESSAGES;

export interface DeviceErrorDetails {
  /**
   * Wrong-PIN tries left as the token reports them: 1 on the final try,
   * 'few' when it only says "count low" (PKCS#11 gives no number), absent
   * when the token says nothing.
   */
  triesLeft?: number | 'few';
}

export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  readonly details: DeviceErrorDetails;

  constructor(code: DeviceErrorCode, message?: string, details: DeviceErrorDetails = {}) {
    super(message ?? DEVICE_ERROR_MESSAGES[code].vi);
    this.name = 'DeviceError';
    this.code = code;
    this.details = details;
  }
}

export function isDeviceError(e: unknown): e is DeviceError {
  return e instanceof DeviceError;
}

/** The wrong-PIN message with what the token says about the tries left. */
export function pinIncorrectError(triesLeft: number | 'few' | undefined): DeviceError {
  const base = DEVICE_ERROR_MESSAGES.PIN_INCORRECT.vi;
  if (triesLeft === 1) {
    return new DeviceError('PIN_INCORRECT', `${base} Đây là lần thử cuối cùng: nhập sai thêm một lần nữa thiết bị sẽ bị khóa.`, { triesLeft });
  }
  if (triesLeft === 'few') {
    return new DeviceError('PIN_INCORRECT', `${base} Thiết bị báo chỉ còn ít lần thử trước khi bị khóa.`, { triesLeft });
  }
  if (typeof triesLeft === 'number') return new DeviceError('PIN_INCORRECT', `${base} Còn ${triesLeft} lần thử.`, { triesLeft });
  return new DeviceError('PIN_INCORRECT', base);
}
