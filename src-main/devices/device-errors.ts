import { ERROR_MESSAGES } from '../../src-shared/error-messages.js';
/**
 * Everything that can go wrong with a signing token, a signing SIM or a
 * scanner, as a stable code with the Vietnamese message the citizen sees
 * (English second). Messages never carry a PIN, a CCCD number or a name,
 * so callers may log `code` and `message` as they are.
 */
export const DEVICE_ERROR_MESSAGES = {
  PKCS11_LIBRARY_NOT_FOUND: {
    vi: 'Không tìm thấy trình điều khiển (driver) của thiết bị ký số trên máy. Vui lòng báo cán bộ một cửa cài đặt phần mềm của nhà cung cấp chữ ký số.',
    en: 'The signing token driver is not installed on this machine. Please ask the counter staff to install the CA vendor software.',
  },
  TOKEN_NOT_PRESENT: {
    vi: 'Chưa cắm thiết bị ký số. Vui lòng cắm USB ký số (token) vào kiosk.',
    en: 'No signing token is plugged in. Please plug your USB token into the kiosk.',
  },
  TOKEN_REMOVED: {
    vi: 'Thiết bị ký số đã bị rút ra trong khi ký. Chưa có gì được ký; vui lòng cắm lại và thực hiện lại.',
    en: 'The signing token was removed while signing. Nothing was signed; please plug it back in and try again.',
  },
  TOKEN_ERROR: {
    vi: 'Thiết bị ký số báo lỗi. Vui lòng rút ra, cắm lại và thử lại; nếu vẫn lỗi, hãy báo cán bộ một cửa.',
    en: 'The signing token reported an error. Please unplug it, plug it back in and try again; if it persists, tell the counter staff.',
  },
  CERT_NOT_FOUND: {
    vi: 'Không tìm thấy chứng thư số trên thiết bị ký số. Vui lòng kiểm tra đúng USB ký số của doanh nghiệp.',
    en: 'No certificate was found on the signing token. Please check that this is your business token.',
  },
  KEY_NOT_FOUND: {
    vi: 'Thiết bị ký số không có khóa bí mật đi kèm chứng thư số đã chọn.',
    en: 'The signing token holds no private key for the chosen certificate.',
  },
  CERT_EXPIRED: {
    vi: 'Chứng thư số đã hết hạn. Vui lòng gia hạn chứng thư số với nhà cung cấp trước khi ký.',
    en: 'The certificate has expired. Please renew it with your CA before signing.',
  },
  CERT_NOT_YET_VALID: {
    vi: 'Chứng thư số chưa đến ngày có hiệu lực. Vui lòng kiểm tra lại ngày giờ hoặc chứng thư số.',
    en: 'The certificate is not valid yet. Please check the date or the certificate.',
  },
  PIN_FORMAT: {
    vi: 'Mã PIN không hợp lệ. Mã PIN gồm 4 đến 32 ký tự.',
    en: 'The PIN is not valid. A PIN has 4 to 32 characters.',
  },
  PIN_INCORRECT: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại.',
    en: 'The PIN is wrong. Please enter it again.',
  },
  PIN_LOCKED: {
    vi: 'Mã PIN của thiết bị ký số đã bị khóa do nhập sai quá số lần cho phép. Vui lòng liên hệ nhà cung cấp chữ ký số để mở khóa.',
    en: 'The token PIN is locked after too many wrong tries. Please contact your CA to unlock it.',
  },
  SIGNATURE_INVALID: {
    vi: 'Chữ ký do thiết bị tạo ra không khớp với chứng thư số. Chưa có gì được gửi đi; vui lòng thử lại.',
    en: 'The signature made by the device does not match the certificate. Nothing was sent; please try again.',
  },
  REMOTE_SIGN_REJECTED: {
    vi: 'Yêu cầu ký đã bị từ chối trên điện thoại.',
    en: 'The signing request was declined on the phone.',
  },
  REMOTE_SIGN_TIMEOUT: {
    vi: 'Hết thời gian chờ xác nhận ký trên điện thoại. Vui lòng thực hiện lại.',
    en: 'Timed out waiting for confirmation on the phone. Please try again.',
  },
  PORTAL_REJECTED: {
    vi: 'Cổng dịch vụ công từ chối yêu cầu.',
    en: 'The public service portal refused the request.',
  },
  PORTAL_UNREACHABLE: {
    vi: 'Không kết nối được với Cổng dịch vụ công. Vui lòng thử lại sau.',
    en: 'The public service portal cannot be reached. Please try again later.',
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
  /** The portal's own error code, when the portal refused. */
  portalCode?: string;
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
