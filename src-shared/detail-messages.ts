import { HOST_DETAIL_MESSAGES } from './host-detail-messages.js';

/**
 * The sentences behind an error's `detail` and a field issue's `key`: what
 * exactly was wrong, with `{name}` parameters (vue-i18n's syntax, so the UI
 * words them with the same table). The UI shows them in the chosen language;
 * the host and the portal keep the Vietnamese one for logs and their APIs.
 * Kept free of zod, like error-messages.ts.
 */
export const DETAIL_MESSAGES = {
  // The shared validators (src-shared/domain/cccd.ts, form-validation.ts, the applicant schema).
  CITIZEN_ID_EMPTY: { vi: 'Chưa nhập số CCCD/CMND.', en: 'The CCCD/CMND number is missing.' },
  CITIZEN_ID_DIGITS: { vi: 'Số CCCD/CMND chỉ gồm chữ số.', en: 'A CCCD/CMND number has digits only.' },
  CITIZEN_ID_LENGTH: {
    vi: 'Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số); số đã nhập có {n} chữ số.',
    en: 'A CCCD number has 12 digits (an old CMND has 9); the number entered has {n}.',
  },
  CITIZEN_ID_PROVINCE: {
    vi: 'Mã tỉnh {province} ở đầu số CCCD không tồn tại.',
    en: 'No province has the code {province} that starts this CCCD number.',
  },
  CITIZEN_ID_FUTURE_YEAR: {
    vi: 'Năm sinh {year} suy ra từ số CCCD nằm ở tương lai: số CCCD không hợp lệ.',
    en: 'The birth year {year} read from the CCCD number is in the future: the number is not valid.',
  },
  CITIZEN_ID_FORMAT: {
    vi: 'Số định danh cá nhân gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).',
    en: 'A personal identification number has 12 digits (CCCD) or 9 digits (CMND).',
  },
  PHONE_INVALID: { vi: 'Số điện thoại không hợp lệ (ví dụ 0912345678).', en: 'The phone number is not valid (for example 0912345678).' },
  BIRTH_DATE_NOT_EXIST: { vi: 'Ngày sinh {date} không tồn tại.', en: 'The birth date {date} does not exist.' },
  BIRTH_DATE_FUTURE: { vi: 'Ngày sinh không được sau ngày hôm nay.', en: 'The birth date cannot be after today.' },
  BIRTH_YEAR_MISMATCH: {
    vi: 'Năm sinh {year} không khớp với số CCCD (năm sinh {idYear}).',
    en: 'The birth year {year} does not match the CCCD number (birth year {idYear}).',
  },
  FIELD_REQUIRED: { vi: '{label}: vui lòng nhập thông tin bắt buộc.', en: '{label}: please fill in this required entry.' },
  FIELD_TOO_LONG: { vi: '{label}: dài quá {max} ký tự.', en: '{label}: longer than {max} characters.' },
  FIELD_PATTERN: { vi: '{label}: không đúng định dạng.', en: '{label}: not in the expected format.' },
  // The catalogue's own explanation of a pattern is Vietnamese data; English says the general rule.
  FIELD_PATTERN_HINT: { vi: '{hint}', en: '{label}: not in the expected format.' },
  FIELD_DATE_INVALID: {
    vi: '{label}: ngày không hợp lệ (cần dạng YYYY-MM-DD, ví dụ 2026-03-02).',
    en: '{label}: not a valid date (the form is YYYY-MM-DD, for example 2026-03-02).',
  },
  FIELD_DATE_UNFINISHED: {
    vi: '{label}: ngày chưa đủ hoặc không có thật ({value}); vui lòng nhập đúng ngày, tháng, năm dạng dd/mm/yyyy.',
    en: '{label}: the date is unfinished or does not exist ({value}); please enter day, month and year as dd/mm/yyyy.',
  },
  FIELD_DATE_AFTER_TODAY: { vi: '{label}: không được sau ngày hôm nay.', en: '{label}: cannot be after today.' },
  FIELD_NUMBER: { vi: '{label}: phải là một số.', en: '{label}: must be a number.' },
  FIELD_INTEGER: { vi: '{label}: phải là số nguyên.', en: '{label}: must be a whole number.' },
  FIELD_MIN: { vi: '{label}: không được nhỏ hơn {min}.', en: '{label}: cannot be less than {min}.' },
  FIELD_MAX: { vi: '{label}: không được lớn hơn {max}.', en: '{label}: cannot be more than {max}.' },
  FIELD_SELECT: { vi: '{label}: vui lòng chọn một trong các lựa chọn có sẵn.', en: '{label}: please choose one of the options.' },
  FIELD_UNKNOWN: { vi: 'Trường "{id}" không có trong tờ khai của thủ tục này.', en: 'The entry "{id}" is not on this procedure’s form.' },
  // The host's own refusals.
  APPLICATION_INVALID: {
    vi: 'Thông tin hồ sơ chưa hợp lệ: {details}',
    en: 'The application is not valid yet. Please correct the entries marked on the form.',
  },
  PORTAL_UNREACHABLE_RETRY: {
    vi: 'Không kết nối được với Cổng dịch vụ công. Vui lòng thử lại sau ít phút hoặc báo cán bộ một cửa.',
    en: 'The public service portal cannot be reached. Please try again in a few minutes or tell the counter staff.',
  },
  STAFF_PIN_WRONG_TRIES: {
    vi: 'Mã PIN ca làm việc không đúng. Còn {triesLeft} lần thử; nhập sai {maxTries} lần thì ca làm việc sẽ kết thúc và cán bộ phải đăng nhập lại bằng mật khẩu Cổng dịch vụ công.',
    en: 'The shift PIN is wrong. {triesLeft} tries left; after {maxTries} wrong PINs the shift ends and the officer must sign in again with the portal password.',
  },
  NO_SHIFT: { vi: 'Chưa có cán bộ đăng nhập ca làm việc.', en: 'No officer has signed in for the shift.' },
  NO_SHIFT_SIGN_IN: {
    vi: 'Chưa có cán bộ đăng nhập ca làm việc. Vui lòng đăng nhập bằng tài khoản Cổng dịch vụ công.',
    en: 'No officer has signed in for the shift. Please sign in with the portal account.',
  },
  // Refusals of the portal the kiosk knows by their code (its `reason`); worded by the kiosk, not the portal.
  PORTAL_INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'The username or password is wrong.' },
  PORTAL_CAPTCHA_WRONG: {
    vi: 'Mã xác thực không đúng. Vui lòng nhập mã xác thực mới.',
    en: 'The verification code is wrong. Please enter the new verification code.',
  },
  PORTAL_CAPTCHA_EXPIRED: {
    vi: 'Mã xác thực đã hết hạn. Vui lòng tải mã xác thực mới.',
    en: 'The verification code has expired. Please load a new one.',
  },
  PORTAL_CAPTCHA_USED: {
    vi: 'Mã xác thực này đã được dùng. Vui lòng tải mã xác thực mới.',
    en: 'This verification code has been used. Please load a new one.',
  },
  PORTAL_CAPTCHA_NOT_FOUND: {
    vi: 'Mã xác thực (captcha) không tồn tại. Vui lòng tải mã xác thực mới.',
    en: 'The verification code (captcha) does not exist. Please load a new one.',
  },
  PORTAL_OTP_WRONG: {
    vi: 'Mã OTP không đúng. Quý khách còn {attemptsLeft} lần thử.',
    en: 'The OTP code is wrong. You have {attemptsLeft} tries left.',
  },
  PORTAL_OTP_EXPIRED: {
    vi: 'Mã OTP đã hết hạn. Vui lòng bấm “Gửi lại mã” để nhận mã mới.',
    en: 'The OTP code has expired. Please press “Send the code again” to get a new one.',
  },
  PORTAL_OTP_ALREADY_USED: {
    vi: 'Mã OTP này đã được sử dụng. Vui lòng đăng nhập lại.',
    en: 'This OTP code has been used. Please sign in again.',
  },
  PORTAL_OTP_CHALLENGE_CLOSED: {
    vi: 'Phiên xác thực OTP đã hết hạn. Vui lòng đăng nhập lại.',
    en: 'The OTP check has expired. Please sign in again.',
  },
  PORTAL_OTP_CHALLENGE_NOT_FOUND: {
    vi: 'Phiên xác thực OTP không tồn tại. Vui lòng đăng nhập lại.',
    en: 'The OTP check does not exist. Please sign in again.',
  },
  // The queue's refusals at the counter (src-portal/queue/).
  PORTAL_QUEUE_EMPTY: { vi: 'Không còn ai chờ ở các lĩnh vực của quầy này.', en: 'Nobody is waiting in this counter’s areas.' },
  PORTAL_COUNTER_BUSY: {
    vi: 'Quầy này đang gọi một số khác. Bấm “Hoàn thành”, “Vắng mặt” hoặc “Chuyển quầy” trước khi gọi số tiếp theo.',
    // The English screen's own button names (src-renderer/i18n/counter.ts).
    en: 'This counter is calling another number. Press “Done”, “Absent” or “Transfer” before calling the next one.',
  },
  PORTAL_TICKET_NOT_CALLED_HERE: {
    vi: 'Số thứ tự này không còn được gọi ở quầy này (đã xong, vắng mặt hoặc đã chuyển).',
    en: 'This ticket is no longer called at this counter (done, absent or transferred).',
  },
  PORTAL_QUEUE_BUSY: { vi: 'Nhiều quầy gọi số cùng lúc. Vui lòng bấm “Gọi số tiếp theo” lại.', en: 'Several counters called at once. Please press “Call the next number” again.' },
  PORTAL_QUEUE_NOT_OFFERED: { vi: 'Cơ quan của cán bộ chưa dùng hàng đợi lấy số thứ tự.', en: 'The officer’s agency does not use the numbered queue.' },
  PORTAL_UNKNOWN_COUNTER: {
    vi: 'Số quầy của kiosk này không có ở bộ phận một cửa của cán bộ. Vui lòng báo quản trị kiosk.',
    en: 'This kiosk’s counter number does not exist at the officer’s one-stop centre. Please tell the kiosk administrator.',
  },
  PORTAL_SAME_COUNTER: { vi: 'Chọn một quầy khác để chuyển.', en: 'Choose another counter to transfer to.' },
  ...HOST_DETAIL_MESSAGES,
} as const satisfies Record<string, { vi: string; en: string }>;

export type DetailKey = keyof typeof DETAIL_MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

export function isDetailKey(key: string): key is DetailKey {
  return Object.hasOwn(DETAIL_MESSAGES, key);
}

/** The Vietnamese sentence, for the host's and the portal's logs and APIs (the UI words it itself). */
export function detailVi(key: DetailKey, params: MessageParams = {}): string {
  return DETAIL_MESSAGES[key].vi.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A field's problem: where, the Vietnamese sentence, and the key and parameters the UI words it with. */
export interface FieldIssue {
  path: string;
  message: string;
  key?: DetailKey;
  params?: MessageParams;
}

export function fieldIssue(path: string, key: DetailKey, params: MessageParams = {}): FieldIssue {
  return { path, message: detailVi(key, params), key, ...(Object.keys(params).length > 0 ? { params } : {}) };
}
