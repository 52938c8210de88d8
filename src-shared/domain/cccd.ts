import { isValidCalendarDate, toVnParts, type CalendarDate } from './vn-time.js';
import { detailVi, type DetailKey, type MessageParams } from '../detail-messages.js';

/**
 * Province codes that open a 12-digit CCCD / personal identification number
 * (Thông tư 07/2016/TT-BCA, later 59/2021/TT-BCA): the province where the
 * birth was registered, as the 63 provinces stood before the 2025 mergers.
 * Numbers already issued keep these codes, so the list stays valid after
 * the mergers; gaps (003, 005, …) were never assigned.
 */
export const CCCD_PROVINCE_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang',
  '010': 'Lào Cai', '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái',
  '017': 'Hòa Bình', '019': 'Thái Nguyên', '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang',
  '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh', '030': 'Hải Dương', '031': 'Hải Phòng',
  '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định', '037': 'Ninh Bình',
  '038': 'Thanh Hóa', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định',
  '054': 'Phú Yên', '056': 'Khánh Hòa', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum',
  '064': 'Gia Lai', '066': 'Đắk Lắk', '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước',
  '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai', '077': 'Bà Rịa - Vũng Tàu', '079': 'TP. Hồ Chí Minh',
  '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh', '086': 'Vĩnh Long',
  '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ', '093': 'Hậu Giang',
  '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
};

export type CitizenIdCheck =
  | { ok: true; kind: 'cccd' | 'cmnd'; provinceCode?: string; birthYear?: number; sex?: 'nam' | 'nu' }
  | { ok: false; message: string; key: DetailKey; params: MessageParams };

function refused(key: DetailKey, params: MessageParams = {}): CitizenIdCheck {
  return { ok: false, message: detailVi(key, params), key, params };
}

/**
 * CCCD: province(3) + century/sex digit + birth year(2) + serial(6). The 4th
 * digit is 2 × (century − 20) + (0 for nam, 1 for nữ): 0/1 = 1900s,
 * 2/3 = 2000s, 4/5 = 2100s … A 9-digit number is an old CMND, which carries
 * no such data; 12-digit CMNDs (2012–2016) share the CCCD layout and are
 * accepted as CCCD. Spaces typed inside the number are ignored.
 */
export function checkCitizenId(id: string, today: Date = new Date()): CitizenIdCheck {
  const digits = id.replace(/\s+/g, '');
  if (digits === '') return refused('CITIZEN_ID_EMPTY');
  if (!/^\d+$/.test(digits)) return refused('CITIZEN_ID_DIGITS');
  if (digits.length === 9) return { ok: true, kind: 'cmnd' };
  if (digits.length !== 12) return refused('CITIZEN_ID_LENGTH', { n: digits.length });
  const provinceCode = digits.slice(0, 3);
  if (!(provinceCode in CCCD_PROVINCE_CODES)) return refused('CITIZEN_ID_PROVINCE', { province: provinceCode });
  const centurySex = Number(digits[3]);
  const birthYear = 1900 + 100 * Math.floor(centurySex / 2) + Number(digits.slice(4, 6));
  if (birthYear > toVnParts(today).year) return refused('CITIZEN_ID_FUTURE_YEAR', { year: birthYear });
  return { ok: true, kind: 'cccd', provinceCode, birthYear, sex: centurySex % 2 === 0 ? 'nam' : 'nu' };
}

export interface CccdQr {
  cccd: string;
  cmnd: string | null;
  fullName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'Nam' | 'Nữ';
  address: string;
  issuedOn: string | null;
}

type QrResult = { ok: true; value: CccdQr } | { ok: false; message: string };

function parseDdMmYyyy(text: string): CalendarDate | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!m) return null;
  const d = { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  return isValidCalendarDate(d.year, d.month, d.day) ? d : null;
}

const isoOf = (d: CalendarDate) =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

const OLD_ID = /^(\d{9}|\d{12})$/;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

/**
 * Reads the text a keyboard-wedge scanner types from the QR on a chip CCCD:
 * `CCCD|CMND cũ|họ tên|ngày sinh DDMMYYYY|giới tính|địa chỉ|ngày cấp DDMMYYYY`.
 * Also takes an empty CMND field, the six-field variant without it, a
 * missing issue date, and stray trailing `|`, spaces, CR or LF. The address
 * may be empty (some cards leave it out); everything else is required.
 * Messages name the faulty field but never repeat its value: callers may log them.
 */
export function parseCccdQr(text: string, today: Date = new Date()): QrResult {
  // Only trailing separators are dropped: a leading '|' would shift every field.
  const fields = text.normalize('NFC').replace(/^\s+/, '').replace(/[\s|]+$/, '').split('|').map((f) => f.trim());
  // Without the 7th field the layout is ambiguous (no CMND field, or trailing
  // fields left empty); field 2 decides, since a name is never digits.
  const second = fields[1] ?? '';
  const hasCmndField = fields.length === 7 || second === '' || /^\d+$/.test(second);
  if (fields.length > 7 || fields.length < (hasCmndField ? 5 : 4)) {
    return { ok: false, message: 'Mã QR không phải mã QR trên thẻ CCCD (số trường thông tin không đúng).' };
  }
  const [cccdText = '', cmndText = '', nameText = '', birthText = '', sexText = '', addressText = '', issuedText = ''] = hasCmndField
    ? fields
    : [fields[0], '', ...fields.slice(1)];

  const id = checkCitizenId(cccdText, today);
  if (!id.ok) return { ok: false, message: `Số CCCD trên mã QR không hợp lệ: ${id.message}` };
  if (id.kind !== 'cccd') return { ok: false, message: 'Số CCCD trên mã QR phải có 12 chữ số.' };
  if (cmndText !== '' && !OLD_ID.test(cmndText)) {
    return { ok: false, message: 'Số CMND cũ trên mã QR phải có 9 hoặc 12 chữ số.' };
  }
  const fullName = nameText.replace(/\s+/g, ' ');
  if (fullName === '') return { ok: false, message: 'Mã QR thiếu họ tên.' };
  if (fullName.length > 100 || !NAME.test(fullName)) return { ok: false, message: 'Họ tên trên mã QR chứa ký tự không hợp lệ.' };

  const todayParts = toVnParts(today);
  const todayIso = isoOf(todayParts);
  const birth = parseDdMmYyyy(birthText);
  if (!birth) return { ok: false, message: 'Ngày sinh trên mã QR không hợp lệ (cần ngày có thật, dạng DDMMYYYY).' };
  const birthDate = isoOf(birth);
  if (birthDate > todayIso) return { ok: false, message: 'Ngày sinh trên mã QR nằm ở tương lai.' };

  const sexFolded = sexText.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const sex = sexFolded === 'nam' ? 'Nam' : sexFolded === 'nu' ? 'Nữ' : null;
  if (!sex) return { ok: false, message: 'Giới tính trên mã QR không hợp lệ (cần Nam hoặc Nữ).' };

  let issuedOn: string | null = null;
  if (issuedText !== '') {
    const issued = parseDdMmYyyy(issuedText);
    if (!issued) return { ok: false, message: 'Ngày cấp trên mã QR không hợp lệ (cần ngày có thật, dạng DDMMYYYY).' };
    issuedOn = isoOf(issued);
    if (issuedOn > todayIso) return { ok: false, message: 'Ngày cấp trên mã QR nằm ở tương lai.' };
    if (issuedOn < birthDate) return { ok: false, message: 'Ngày cấp trên mã QR trước ngày sinh.' };
  }

  return {
    ok: true,
    value: {
      cccd: cccdText.replace(/\s+/g, ''),
      cmnd: cmndText === '' ? null : cmndText,
      fullName,
      birthDate,
      sex,
      address: addressText.replace(/\s+/g, ' '),
      issuedOn,
    },
  };
}
