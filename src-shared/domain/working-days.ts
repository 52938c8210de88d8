import { addDaysToKey, fromVnParts, parseDateKey, vnDateKey, vnMsOfDay, weekdayOfKey } from './vn-time.js';

export interface WorkCalendar {
  /** Days off besides weekends, 'YYYY-MM-DD'. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are declared working days (ngày làm bù), 'YYYY-MM-DD'. */
  extraWorkdays?: ReadonlySet<string>;
  /** Office sessions in VN local time, default [['07:00','11:30'], ['13:30','17:00']]. */
  sessions?: readonly (readonly [string, string])[];
}

export const DEFAULT_SESSIONS: readonly (readonly [string, string])[] = [
  ['07:00', '11:30'],
  ['13:30', '17:00'],
];

const MINUTE_MS = 60_000;
/** No real calendar goes this long without a working day; guards against a table that closes every day. */
const MAX_SCAN_DAYS = 3660;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseHhMm(value: string): number {
  const m = HHMM.exec(value);
  if (!m) throw new RangeError(`Giờ làm việc không hợp lệ: "${value}" (cần dạng HH:MM).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Sessions as [start, end) minute-of-day pairs, checked to be ordered and disjoint. */
export function sessionMinutes(sessions: readonly (readonly [string, string])[] = DEFAULT_SESSIONS): [number, number][] {
  if (sessions.length === 0) throw new RangeError('Cần ít nhất một buổi làm việc.');
  const out: [number, number][] = [];
  let previousEnd = -1;
  for (const [from, to] of sessions) {
    const start = parseHhMm(from);
    const end = parseHhMm(to);
    if (end <= start) throw new RangeError(`Buổi làm việc ${from}–${to}: giờ kết thúc phải sau giờ bắt đầu.`);
    if (start < previousEnd) throw new RangeError(`Buổi làm việc ${from}–${to} chồng lấn hoặc không theo thứ tự.`);
    out.push([start, end]);
    previousEnd = end;
  }
  return out;
}

/** Office minutes in one working day: the sum of the sessions (480 by default). */
export function workingDayMinutes(cal: Pick<WorkCalendar, 'sessions'>): number {
  return sessionMinutes(cal.sessions).reduce((sum, [s, e]) => sum + e - s, 0);
}

/** A declared holiday wins over everything; a declared extra workday turns a weekend day into a working day. */
export function isWorkingDay(dateKey: string, cal: WorkCalendar): boolean {
  if (!parseDateKey(dateKey)) throw new RangeError(`Ngày không hợp lệ: "${dateKey}" (cần dạng YYYY-MM-DD).`);
  if (cal.holidays.has(dateKey)) return false;
  if (cal.extraWorkdays?.has(dateKey)) return true;
  const wd = weekdayOfKey(dateKey);
  return wd !== 0 && wd !== 6;
}

function instantAt(dateKey: string, msOfDay: number): Date {
  const d = parseDateKey(dateKey);
  if (!d) throw new RangeError(`Ngày không hợp lệ: "${dateKey}".`);
  return new Date(fromVnParts(d).getTime() + msOfDay);
}

/**
 * Walks office time forward from `from` and returns the instant at which
 * `minutes` of it have elapsed. The result is always a moment the office is
 * open: counting that ends exactly at a session's close moves on to the next
 * session's opening (the earliest the result can be handed over), and
 * `minutes` = 0 gives `from` itself when the office is open, else the next
 * opening. Sessions are [open, close): 17:00 is already closed.
 */
export function addWorkingMinutes(from: Date, minutes: number, cal: WorkCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Thời gian xử lý không hợp lệ: ${minutes} phút.`);
  const sessions = sessionMinutes(cal.sessions).map(([s, e]) => [s * MINUTE_MS, e * MINUTE_MS] as const);
  let remaining = Math.round(minutes * MINUTE_MS);
  let day = vnDateKey(from);
  let cursor = vnMsOfDay(from);
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    if (isWorkingDay(day, cal)) {
      for (const [open, close] of sessions) {
        const start = Math.max(open, cursor);
        if (start >= close) continue;
        if (remaining === 0) return instantAt(day, start);
        const available = close - start;
        if (remaining < available) return instantAt(day, start + remaining);
        remaining -= available;
        cursor = close;
      }
    }
    day = addDaysToKey(day, 1);
    cursor = 0;
  }
  throw new RangeError('Không tìm thấy ngày làm việc trong lịch (kiểm tra bảng ngày nghỉ).');
}

/**
 * Appointment ("hẹn trả") for a processing time of `workingDays` working days,
 * 0 being "trả ngay trong ngày": received in office hours, due at once, the
 * same day; before opening (06:10), at that day's opening; after hours or on a
 * day off, at the next working day's opening. That is the rule of Nghị định
 * 61/2018/NĐ-CP, Điều 19 (hồ sơ giải quyết ngay trong ngày / hẹn trả), kept by
 * Nghị định 107/2021/NĐ-CP and 118/2025/NĐ-CP, with office hours as in
 * DOMAIN.md ("Processing time and working days").
 * each the length of the day's sessions (8 h by default), counted from
 * `receivedAt`; fractions are allowed (0.5 = 4 h). Reception outside office
 * hours counts from the next opening. See addWorkingMinutes for the exact
 * end rule; with the default sessions:
 * - 1 day from Mon 08:00 → Tue 08:00;
 * - 1 day from Mon 07:00 → Tue 07:00 (the count ends Mon 17:00, closed);
 * - 1 day from Mon 17:30 → counting starts Tue 07:00, ends Tue 17:00 → Wed 07:00.
 */
export function addWorkingDays(receivedAt: Date, workingDays: number, cal: WorkCalendar): Date {
  if (!Number.isFinite(workingDays) || workingDays < 0) {
    throw new RangeError(`Số ngày làm việc không hợp lệ: ${workingDays}.`);
  }
  return addWorkingMinutes(receivedAt, workingDays * workingDayMinutes(cal), cal);
}

/** True when `at` falls inside a session of a working day. */
export function isOfficeOpen(at: Date, cal: WorkCalendar): boolean {
  if (!isWorkingDay(vnDateKey(at), cal)) return false;
  const ms = vnMsOfDay(at);
  return sessionMinutes(cal.sessions).some(([s, e]) => ms >= s * MINUTE_MS && ms < e * MINUTE_MS);
}
