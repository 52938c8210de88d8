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
  STAFF_PIN_WRONG: {
    vi: 'Mã PIN ca làm việc không đúng. Vui lòng nhập lại.',
    en: 'The shift PIN is wrong. Please enter it again.',
  },
  STAFF_PIN_LOCKED: {
    vi: 'Nhập sai mã PIN quá số lần cho phép nên ca làm việc đã kết thúc. Cán bộ vui lòng đăng nhập lại bằng tài khoản và mật khẩu Cổng dịch vụ công.',
    en: 'Too many wrong PINs, so the shift has ended. The officer must sign in again with the portal username and password.',
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
  QUEUE_NOT_OFFERED: {
    vi: 'Bộ phận một cửa này chưa dùng hàng đợi lấy số thứ tự. Vui lòng đến thẳng quầy tiếp nhận.',
    en: 'This one-stop centre does not use queue numbers. Please go straight to the reception counter.',
  },
  QUEUE_CLOSED: {
    vi: 'Bộ phận một cửa đã hết giờ lấy số hôm nay. Vui lòng quay lại vào ngày làm việc tiếp theo.',
    en: 'The one-stop centre has stopped giving out numbers for today. Please come back on the next working day.',
  },
  QUEUE_OFFLINE_EMPTY: {
    vi: 'Kiosk đang mất kết nối với Cổng dịch vụ công và đã cấp hết số dự phòng. Vui lòng báo cán bộ một cửa hoặc chờ trong giây lát rồi thử lại.',
    en: 'The kiosk has lost the connection to the portal and has given out all its reserve numbers. Please tell the counter staff, or wait a moment and try again.',
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
  STORAGE_FULL: {
    vi: 'Máy kiosk đã hết dung lượng lưu trữ nên chưa lưu được dữ liệu vừa nhập. Dữ liệu đó vẫn còn trên màn hình; vui lòng báo cán bộ một cửa giải phóng dung lượng rồi bấm lại.',
    en: 'The kiosk has run out of storage, so what you just entered was not saved. It is still on screen; please ask the counter staff to free up space, then press again.',
  },
  STORAGE_READ_ONLY: {
    vi: 'Thư mục dữ liệu của kiosk đang ở chế độ chỉ đọc nên chưa lưu được dữ liệu vừa nhập. Dữ liệu đó vẫn còn trên màn hình; vui lòng báo cán bộ một cửa kiểm tra ổ đĩa rồi bấm lại.',
    en: 'The kiosk data folder is read-only, so what you just entered was not saved. It is still on screen; please ask the counter staff to check the disk, then press again.',
  },
  STORAGE_NO_ACCESS: {
    vi: 'Kiosk không có quyền ghi vào thư mục dữ liệu nên chưa lưu được dữ liệu vừa nhập. Dữ liệu đó vẫn còn trên màn hình; vui lòng báo cán bộ một cửa kiểm tra quyền của thư mục rồi bấm lại.',
    en: 'The kiosk may not write to its data folder, so what you just entered was not saved. It is still on screen; please ask the counter staff to check the folder permissions, then press again.',
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
  PKCS11_LIBRARY_NOT_FOUND: {
    vi: 'Không tìm thấy trình điều khiển (driver) của thiết bị ký số trên máy. Vui lòng báo cán bộ một cửa cài đặt phần mềm của nhà cung cấp chữ ký số.',
    en: 'The signing token driver is not installed on this machine. Please ask the counter staff to install the CA vendor software.',
  },
  CERT_NOT_FOUND: {
    vi: 'Không tìm thấy chứng thư số đã chọn trên thiết bị ký số. Vui lòng chọn lại chứng thư số.',
    en: 'The chosen certificate is not on the signing token. Please choose the certificate again.',
  },
  CERT_EXPIRED: {
    vi: 'Chứng thư số đã hết hạn. Vui lòng gia hạn chứng thư số với nhà cung cấp trước khi ký.',
    en: 'The certificate has expired. Please renew it with your CA before signing.',
  },
  CERT_NOT_YET_VALID: {
    vi: 'Chứng thư số chưa đến ngày có hiệu lực. Vui lòng kiểm tra lại ngày giờ hoặc chứng thư số.',
    en: 'The certificate is not valid yet. Please check the date or the certificate.',
  },
  PIN_WRONG: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại.',
    en: 'The PIN is wrong. Please enter it again.',
  },
  PIN_LOCKED: {
    vi: 'Mã PIN của thiết bị ký số đã bị khóa do nhập sai quá số lần cho phép. Vui lòng liên hệ nhà cung cấp chữ ký số để mở khóa.',
    en: 'The token PIN is locked after too many wrong tries. Please contact your CA to unlock it.',
  },
  SIGNING_FAILED: {
    vi: 'Không ký được bằng thiết bị ký số. Chưa có gì được ký; vui lòng thử lại.',
    en: 'Signing with the token failed. Nothing was signed; please try again.',
  },
  HOST_UNAVAILABLE: {
    vi: 'Mất kết nối với máy chủ kiosk. Vui lòng chờ trong giây lát rồi thử lại.',
    en: 'Lost the connection to the kiosk host. Please wait a moment and try again.',
  },
  TOO_MANY_PAGES: {
    vi: 'Mỗi thành phần hồ sơ được tối đa 20 trang.',
    en: 'A document component may have at most 20 pages.',
  },
  TOTAL_TOO_LARGE: {
    vi: 'Tổng dung lượng các trang vượt quá 30 MB. Vui lòng bớt trang hoặc chụp lại với chất lượng thấp hơn.',
    en: 'The pages add up to more than 30 MB. Please remove pages or capture them at a lower quality.',
  },
  IMAGE_TYPE_NOT_ALLOWED: {
    vi: 'Chỉ nhận ảnh PNG hoặc JPEG. Vui lòng chọn ảnh PNG hoặc JPEG.',
    en: 'Only PNG or JPEG images are accepted. Please choose PNG or JPEG images.',
  },
  IMAGE_UNREADABLE: {
    vi: 'Không đọc được ảnh; tệp có thể bị hỏng. Vui lòng chụp hoặc chọn lại.',
    en: 'The image cannot be read; the file may be damaged. Please capture or choose it again.',
  },
  REQUEST_TOO_LARGE: {
    vi: 'Dữ liệu gửi tới kiosk quá lớn. Vui lòng bớt tệp hoặc trang rồi thử lại.',
    en: 'The data sent to the kiosk is too large. Please remove files or pages and try again.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
