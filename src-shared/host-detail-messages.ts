/**
 * The host's own refusals, worded once: the host throws their key and
 * parameters (KioskError.detailed), keeps the Vietnamese sentence for its
 * logs, and the UI words them in the chosen language. Part of
 * DETAIL_MESSAGES (detail-messages.ts). Parameters never carry personal
 * data; names of documents and procedures are the catalogue's (Vietnamese).
 */
export const HOST_DETAIL_MESSAGES = {
  // Who may make a call (src-main/api/authorization.ts).
  CALL_SIGN_IN: { vi: 'Vui lòng đăng nhập để dùng chức năng này.', en: 'Please sign in to use this function.' },
  CALL_OFFICER_ONLY: {
    vi: 'Chức năng này dành cho cán bộ một cửa đã đăng nhập ca làm việc.',
    en: 'This function is for counter staff signed in for the shift.',
  },
  CALL_SCREEN_LOCKED: {
    vi: 'Màn hình đang khóa. Cán bộ vui lòng nhập mã PIN ca làm việc để tiếp tục.',
    en: 'The screen is locked. The officer must enter the shift PIN to continue.',
  },
  CALL_NOT_YOUR_APPLICATION: {
    vi: 'Hồ sơ này không thuộc lượt làm việc hiện tại nên không thể xem hoặc in.',
    en: 'This application does not belong to the current visit, so it cannot be viewed or printed.',
  },
  DRAFT_NOT_YOURS: { vi: 'Bản nháp này không thuộc lượt làm việc hiện tại.', en: 'This draft does not belong to the current visit.' },
  // An application's documents (application-checks.ts, the supplement, the stores).
  COMPONENTS_UNKNOWN: {
    vi: 'Thành phần hồ sơ không thuộc thủ tục này: {ids}.',
    en: 'These documents are not part of this procedure: {ids}.',
  },
  COMPONENT_UNKNOWN: { vi: 'Thành phần hồ sơ không thuộc thủ tục này.', en: 'This document is not part of this procedure.' },
  COMPONENTS_MISSING: {
    vi: 'Còn thiếu thành phần hồ sơ bắt buộc: {names}. Vui lòng đính kèm rồi nộp lại.',
    en: 'Required documents are missing: {names}. Please attach them and submit again.',
  },
  COMPONENT_NOT_ATTACHED: { vi: 'Chưa đính kèm: {name}', en: 'Not attached yet: {name}' },
  APPLICANT_NOT_SIGNED_IN: {
    vi: 'Người yêu cầu ghi trong hồ sơ không phải người đang đăng nhập. Nếu Quý khách nộp hồ sơ cho người khác, vui lòng chọn "Tôi nộp hộ người khác (được ủy quyền)" và ghi rõ quan hệ hoặc căn cứ ủy quyền.',
    en: 'The applicant named on the application is not the person signed in. If you are applying for someone else, please choose "I am applying on behalf of someone else (authorised)" and state the relation or the authorisation.',
  },
  ATTACHMENT_EMPTY: { vi: 'Tệp đính kèm rỗng. Vui lòng chọn tệp khác.', en: 'The attachment is empty. Please choose another file.' },
  ATTACHMENT_NOT_ON_KIOSK: {
    vi: 'Không tìm thấy tệp đính kèm "{fileName}" trên kiosk. Vui lòng chọn lại tệp.',
    en: 'The attachment "{fileName}" is not on the kiosk. Please choose the file again.',
  },
  ATTACHMENT_GONE: { vi: 'Không tìm thấy tệp đính kèm "{fileName}" trên kiosk.', en: 'The attachment "{fileName}" is not on the kiosk.' },
  ATTACHMENT_NO_PREVIEW: {
    vi: 'Tệp đính kèm này không xem trước được trên kiosk.',
    en: 'This attachment cannot be previewed on the kiosk.',
  },
  NOT_NEEDS_FIX: { vi: 'Hồ sơ này không ở trạng thái cần sửa.', en: 'This application is not waiting to be corrected.' },
  // The officer's screens and the citizen's supplement (officer-handlers.ts).
  NOTHING_TO_FIX: {
    vi: 'Hồ sơ này không ở trạng thái cần sửa, hoặc kiosk không còn dữ liệu của hồ sơ.',
    en: 'This application is not waiting to be corrected, or the kiosk no longer holds its data.',
  },
  SUPPLEMENT_SIGN_IN: {
    vi: 'Vui lòng đăng nhập bằng tài khoản của chủ hồ sơ để bổ sung hồ sơ.',
    en: 'Please sign in with the account of the application’s owner to add documents to it.',
  },
  SUPPLEMENT_NOT_OWNER: {
    vi: 'Chỉ chủ hồ sơ mới bổ sung được hồ sơ này. Vui lòng đăng nhập bằng tài khoản đã nộp hồ sơ.',
    en: 'Only the application’s owner can add documents to it. Please sign in with the account that submitted it.',
  },
  SUPPLEMENT_NOT_WAITING: {
    vi: 'Hồ sơ này không có yêu cầu bổ sung đang chờ. Vui lòng tra cứu lại tình trạng hồ sơ.',
    en: 'No request for more documents is open on this application. Please look up its status again.',
  },
  SUPPLEMENT_OPEN_FIRST: {
    vi: 'Vui lòng mở yêu cầu bổ sung của hồ sơ trước khi gửi bổ sung.',
    en: 'Please open the application’s request for more documents before sending them.',
  },
  SUPPLEMENT_COMPONENT_STRAY: {
    vi: 'Thành phần hồ sơ "{id}" không nằm trong yêu cầu bổ sung.',
    en: 'The document "{id}" was not asked for in the request.',
  },
  SUPPLEMENT_MISSING: {
    vi: 'Còn thiếu giấy tờ được yêu cầu bổ sung: {names}. Vui lòng đính kèm rồi gửi lại.',
    en: 'Documents asked for are missing: {names}. Please attach them and send again.',
  },
  RATING_SIGN_IN: {
    vi: 'Vui lòng đăng nhập bằng tài khoản của chủ hồ sơ để đánh giá, hoặc đánh giá ngay tại quầy khi nhận kết quả.',
    en: 'Please sign in with the account of the application’s owner to rate it, or rate it at the counter when you collect the result.',
  },
  RECEIPT_NO_DATA: {
    vi: 'Không còn dữ liệu để in giấy biên nhận của hồ sơ này trên kiosk. Vui lòng tra cứu hồ sơ bằng mã hồ sơ.',
    en: 'The kiosk no longer holds the data to print this application’s receipt. Please look the application up by its code.',
  },
  // Pages made into one PDF (documents/images-to-pdf.ts, paper-handlers.ts).
  DOCUMENT_DATA_INVALID: {
    vi: 'Thiếu hoặc sai thông tin để lập giấy tờ. Vui lòng báo cán bộ một cửa.',
    en: 'Information needed to make the document is missing or wrong. Please tell the counter staff.',
  },
  DOCUMENT_FONT_MISSING: {
    vi: 'Kiosk thiếu phông chữ tiếng Việt để in giấy tờ. Vui lòng báo cán bộ kỹ thuật.',
    en: 'The kiosk is missing the Vietnamese font needed to print documents. Please tell the technical staff.',
  },
  PAGES_NONE: { vi: 'Chưa có trang nào. Vui lòng chụp hoặc chọn ít nhất một ảnh.', en: 'There are no pages. Please capture or choose at least one image.' },
  PAGES_TOO_MANY: { vi: 'Mỗi thành phần hồ sơ được tối đa {n} trang.', en: 'A document component may have at most {n} pages.' },
  PAGE_TOO_LARGE: { vi: 'Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn {n} MB.', en: 'Please choose an attachment smaller than {n} MB.' },
  PAGES_TOTAL_TOO_LARGE: {
    vi: 'Tổng dung lượng các trang vượt quá {n} MB. Vui lòng bớt trang hoặc chụp lại với chất lượng thấp hơn.',
    en: 'The pages add up to more than {n} MB. Please remove pages or capture them at a lower quality.',
  },
  PAGES_PDF_TOO_LARGE: {
    vi: 'Tệp PDF ghép từ các trang lớn hơn {n} MB, quá giới hạn của một tệp đính kèm. Vui lòng bớt trang hoặc chụp lại với chất lượng thấp hơn.',
    en: 'The PDF made from the pages is larger than {n} MB, the limit for one attachment. Please remove pages or capture them at a lower quality.',
  },
  PAGE_NOT_IMAGE: {
    vi: 'Trang {page} không phải ảnh PNG hoặc JPEG. Vui lòng chọn ảnh PNG hoặc JPEG.',
    en: 'Page {page} is not a PNG or JPEG image. Please choose PNG or JPEG images.',
  },
  PAGE_UNREADABLE: {
    vi: 'Không đọc được ảnh ở trang {page}; tệp có thể bị hỏng. Vui lòng chụp hoặc chọn lại.',
    en: 'The image on page {page} cannot be read; the file may be damaged. Please capture or choose it again.',
  },
  // The printer (printing/printer.ts).
  PRINT_JOB_INVALID: {
    vi: 'Lệnh in không hợp lệ. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cán bộ một cửa.',
    en: 'The print request is not valid. Please try again; if it persists, tell the counter staff.',
  },
  PRINT_SOFTWARE_MISSING: {
    vi: 'Máy chưa cài phần mềm in (CUPS). Vui lòng báo cán bộ kỹ thuật; Quý khách vẫn có thể lưu giấy tờ thành tệp.',
    en: 'The printing software (CUPS) is not installed. Please tell the technical staff; you can still save the document as a file.',
  },
  PRINT_SERVICE_UNAVAILABLE: {
    vi: 'Dịch vụ in của máy chưa chạy. Vui lòng báo cán bộ kỹ thuật rồi bấm "In lại".',
    en: 'The print service is not running. Please tell the technical staff, then press "Print again".',
  },
  PRINT_PRINTER_NOT_FOUND: {
    vi: 'Không tìm thấy máy in "{printer}" trong máy. Vui lòng báo cán bộ kỹ thuật kiểm tra cấu hình máy in.',
    en: 'Printer "{printer}" is not set up on this machine. Please ask the technical staff to check the printer settings.',
  },
  PRINT_PRINTER_NOT_ACCEPTING: {
    vi: 'Máy in "{printer}" đang tạm ngừng nhận lệnh in. Vui lòng báo cán bộ một cửa rồi bấm "In lại".',
    en: 'Printer "{printer}" is not accepting jobs. Please tell the counter staff, then press "Print again".',
  },
  PRINT_TIMEOUT: {
    vi: 'Máy in không phản hồi sau {seconds} giây. Vui lòng kiểm tra máy in rồi bấm "In lại".',
    en: 'The printer did not answer within {seconds} seconds. Please check the printer, then press "Print again".',
  },
  PRINT_FAILED: {
    vi: 'Không in được giấy tờ. Vui lòng kiểm tra máy in (giấy, mực, nguồn điện) rồi bấm "In lại".',
    en: 'The document could not be printed. Please check the printer (paper, ink, power), then press "Print again".',
  },
  // The signing token and the scanner (devices/device-errors.ts, device-handlers.ts).
  TOKEN_CERT_NOT_FOUND: {
    vi: 'Không tìm thấy chứng thư số trên thiết bị ký số. Vui lòng kiểm tra đúng USB ký số của doanh nghiệp.',
    en: 'No certificate was found on the signing token. Please check that this is your business token.',
  },
  TOKEN_KEY_NOT_FOUND: {
    vi: 'Thiết bị ký số không có khóa bí mật đi kèm chứng thư số đã chọn.',
    en: 'The signing token holds no private key for the chosen certificate.',
  },
  TOKEN_PIN_FORMAT: { vi: 'Mã PIN không hợp lệ. Mã PIN gồm 4 đến 32 ký tự.', en: 'The PIN is not valid. A PIN has 4 to 32 characters.' },
  TOKEN_PIN_DIGITS: { vi: 'Mã PIN gồm 4 đến 16 chữ số.', en: 'A PIN has 4 to 16 digits.' },
  TOKEN_PIN_WRONG: { vi: 'Mã PIN không đúng. Vui lòng nhập lại.', en: 'The PIN is wrong. Please enter it again.' },
  TOKEN_PIN_WRONG_LAST_TRY: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại. Đây là lần thử cuối cùng: nhập sai thêm một lần nữa thiết bị sẽ bị khóa.',
    en: 'The PIN is wrong. Please enter it again. This is the last try: one more wrong PIN locks the token.',
  },
  TOKEN_PIN_WRONG_FEW_TRIES: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại. Thiết bị báo chỉ còn ít lần thử trước khi bị khóa.',
    en: 'The PIN is wrong. Please enter it again. The token says only a few tries are left before it locks.',
  },
  TOKEN_PIN_WRONG_TRIES: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại. Còn {triesLeft} lần thử.',
    en: 'The PIN is wrong. Please enter it again. {triesLeft} tries left.',
  },
  TOKEN_PIN_WRONG_UNKNOWN_TRIES: {
    vi: 'Mã PIN không đúng. Vui lòng nhập lại. Lưu ý: nhập sai nhiều lần liên tiếp, thiết bị ký số sẽ bị khóa.',
    en: 'The PIN is wrong. Please enter it again. Note: several wrong PINs in a row lock the signing token.',
  },
  TOKEN_SIGNATURE_INVALID: {
    vi: 'Chữ ký do thiết bị tạo ra không khớp với chứng thư số. Chưa có gì được gửi đi; vui lòng thử lại.',
    en: 'The signature made by the device does not match the certificate. Nothing was sent; please try again.',
  },
  TOKEN_PDF_INVALID: { vi: 'Không đọc được tệp PDF cần ký.', en: 'The PDF to sign cannot be read.' },
  SCANNER_DISCONNECTED: {
    vi: 'Máy quét mã QR đã bị ngắt kết nối. Vui lòng báo cán bộ một cửa kiểm tra dây cắm.',
    en: 'The QR scanner was disconnected. Please ask the counter staff to check its cable.',
  },
  // The QR's own fault is Vietnamese (src-shared/domain/cccd.ts); English says the general rule.
  SCAN_UNREADABLE_BECAUSE: {
    vi: 'Không đọc được mã: {reason}',
    en: 'The code could not be read. Please scan the QR code on the ID card or on the receipt again.',
  },
  CERT_NOT_BUSINESS: {
    vi: 'Chứng thư số này không đăng nhập được với tư cách doanh nghiệp.',
    en: 'This certificate cannot sign in as a business.',
  },
  CERT_OTHER_BUSINESS: {
    vi: 'Chứng thư số đã chọn không phải của doanh nghiệp đang đăng nhập (MST {taxCode}). Vui lòng chọn đúng chứng thư số.',
    en: 'The chosen certificate is not that of the business signed in (tax code {taxCode}). Please choose the right certificate.',
  },
  BUSINESS_SIGN_IN: {
    vi: 'Vui lòng đăng nhập bằng chữ ký số của doanh nghiệp trước khi ký tờ khai.',
    en: 'Please sign in with the business’s digital signature before signing the declaration.',
  },
  NO_DECLARATION_TO_SIGN: { vi: 'Thủ tục này không có tờ khai để ký số.', en: 'This procedure has no declaration to sign.' },
  // The counter's queue buttons (src-main/api/counter-queue-handlers.ts).
  QUEUE_NO_COUNTER: {
    vi: 'Kiosk này chưa được cấu hình số quầy (counter), nên không gọi số thứ tự được.',
    en: 'This kiosk has no counter number configured (counter), so it cannot call queue tickets.',
  },
  QUEUE_NOT_SERVING: {
    vi: 'Số thứ tự này không phải số quầy đang phục vụ. Màn hình đã được cập nhật, vui lòng thử lại.',
    en: 'This ticket is not the one this counter is serving. The screen has been updated; please try again.',
  },
  QUEUE_SAME_COUNTER: { vi: 'Chọn một quầy khác với quầy này để chuyển.', en: 'Choose a counter other than this one to transfer to.' },
} as const satisfies Record<string, { vi: string; en: string }>;
