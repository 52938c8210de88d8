import { isValidCalendarDate } from './vn-time.js';

/**
 * Application code ("mã hồ sơ") as issued by VNPT iGate and similar one-stop
 * systems: `{agency electronic identifier}-{yyMMdd}-{NNNN}`, e.g.
 * `000.00.53.H48-220921-0099`. The agency identifier follows QĐ 20/2020/QĐ-TTg:
 * groups of 3, 2 and 2 digits and a final letter + 2 digits (H48 = Quảng Ngãi).
 * The counter is per agency and per day, so it needs four digits at most.
 */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export const MA_HO_SO_PATTERN = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export const MA_HO_SO_MAX_SEQ = 9999;

export interface MaHoSoParts {
  agencyCode: string;
  date: { year: number; month: number; day: number };
  seq: number;
}

export function formatMaHoSo(agencyCode: string, receivedOn: { year: number; month: number; day: number }, seq: number): string {
  const agency = agencyCode.trim().toUpperCase();
  if (!AGENCY_CODE_PATTERN.test(agency)) {
    throw new RangeError(`Mã định danh cơ quan không hợp lệ: "${agencyCode}" (dạng 000.00.00.H48).`);
  }
  const { year, month, day } = receivedOn;
  // yy cannot tell centuries apart; parseMaHoSo reads it as 20yy.
  if (!isValidCalendarDate(year, month, day) || year < 2000 || year > 2099) {
    throw new RangeError(`Ngày tiếp nhận không hợp lệ: ${day}/${month}/${year}.`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > MA_HO_SO_MAX_SEQ) {
    throw new RangeError(`Số thứ tự hồ sơ phải từ 1 đến ${MA_HO_SO_MAX_SEQ} (nhận được ${seq}).`);
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return `${agency}-${two(year % 100)}${two(month)}${two(day)}-${String(seq).padStart(4, '0')}`;
}

export function parseMaHoSo(code: string): MaHoSoParts | null {
  const m = MA_HO_SO_PATTERN.exec(code.trim().toUpperCase());
  if (!m) return null;
  const [, agencyCode, yy, mm, dd, nnnn] = m;
  if (agencyCode === undefined || yy === undefined || mm === undefined || dd === undefined || nnnn === undefined) return null;
  const year = 2000 + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const seq = Number(nnnn);
  if (!isValidCalendarDate(year, month, day) || seq < 1) return null;
  return { agencyCode, date: { year, month, day }, seq };
}
