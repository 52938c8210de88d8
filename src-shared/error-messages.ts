/**
 * Every error the kiosk can show: a stable code with its Vietnamese message
 * (English second). Kept free of zod so the Electron preload stays small.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: {
    vi: 'Dữ liệu không hợp lệ. Vui lòng kiểm tra lại thông tin đã nhập.',
    en: 'The data is not valid. Please check what you entered.',
  },
  UNKNOWN_CALL: {
    vi: 'Chức năng này không có trên kiosk.',
    en: 'This function does not exist on the kiosk.',
  },
  NOT_FOUND: {
    vi: 'Không tìm thấy thông tin yêu cầu.',
    en: 'The requested item was not found.',
  },
  PROCEDURE_NOT_FOUND: {
    vi: 'Không tìm thấy thủ tục hành chính này. Vui lòng tìm kiếm lại trong danh mục.',
    en: 'This administrative procedure was not found. Please search the catalogue again.',
  },
  INVALID_CODE: {
    vi: 'Mã hồ sơ không đúng định dạng. Mã hồ sơ có dạng 000.00.53.H48-220921-0099 (in trên giấy tiếp nhận).',
    en: 'The application code is not in the right format. It looks like 000.00.53.H48-220921-0099 (printed on the receipt).',
  },
  APPLICATION_NOT_FOUND: {
    vi: 'Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.',
    en: 'No application has this code. Please check the code on your receipt.',
  },
  FILE_TOO_LARGE: {
    vi: 'Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn 10 MB.',
    en: 'Please choose an attachment smaller than 10 MB.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    vi: 'Chỉ nhận tệp PDF, JPG hoặc PNG. Vui lòng chọn tệp khác.',
    en: 'Only PDF, JPG or PNG files are accepted. Please choose another file.',
  },
  MISSING_DOCUMENTS: {
    vi: 'Còn thiếu thành phần hồ sơ bắt buộc. Vui lòng đính kèm đủ giấy tờ.',
    en: 'A required document is missing. Please attach every required document.',
  },
  PORTAL_REFUSED: {
    vi: 'Cổng dịch vụ công từ chối yêu cầu. Vui lòng kiểm tra lại thông tin.',
    en: 'The public service portal refused the request. Please check the information.',
  },
  SIGN_IN_REQUIRED: {
    vi: 'Vui lòng đăng nhập trước khi nộp hồ sơ.',
    en: 'Please sign in before submitting an application.',
  },
  CAPTCHA_WRONG: {
    vi: 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã mới.',
    en: 'The verification code is wrong or has expired. Please enter the new code.',
  },
  NOT_YET_SENT: {
    vi: 'Hồ sơ chưa được gửi tới Cổng dịch vụ công nên chưa có thông tin phí. Vui lòng nộp phí tại quầy hoặc chờ kiosk có kết nối.',
    en: 'The application has not reached the portal yet, so its fees are not known. Please pay at the counter or wait for the kiosk to reconnect.',
  },
  PRINTER_ERROR: {
    vi: 'Không in được giấy biên nhận. Vui lòng báo cán bộ một cửa kiểm tra máy in, rồi bấm "In lại".',
    en: 'The receipt could not be printed. Please ask the counter staff to check the printer, then press "Print again".',
  },
  SCAN_UNREADABLE: {
    vi: 'Không đọc được mã. Vui lòng quét lại mã QR trên thẻ CCCD hoặc trên giấy tiếp nhận hồ sơ.',
    en: 'The code could not be read. Please scan the QR code on the ID card or on the receipt again.',
  },
  PORTAL_UNREACHABLE: {
    vi: 'Không kết nối được với Cổng dịch vụ công. Kiosk đang dùng dữ liệu đã lưu.',
    en: 'The public service portal cannot be reached. The kiosk is using saved data.',
  },
  UNAUTHORIZED: {
    vi: 'Phiên làm việc không hợp lệ. Vui lòng khởi động lại kiosk.',
    en: 'The session is not valid. Please restart the kiosk.',
  },
  FORBIDDEN: {
    vi: 'Yêu cầu bị từ chối.',
    en: 'The request was refused.',
  },
  INTERNAL: {
    vi: 'Kiosk gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cán bộ một cửa.',
    en: 'The kiosk hit a problem handling the request. Please try again; if it persists, tell the counter staff.',
  },
  HOST_UNAVAILABLE: {
    vi: 'Mất kết nối với máy chủ kiosk. Vui lòng chờ trong giây lát rồi thử lại.',
    en: 'Lost the connection to the kiosk host. Please wait a moment and try again.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
