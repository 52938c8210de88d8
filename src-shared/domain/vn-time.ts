/**
 * Vietnam civil time: UTC+7 all year (no daylight saving since 1975), so the
 * local calendar is a fixed shift of UTC. Working in shifted UTC fields keeps
 * results identical on a kiosk set to any timezone and in the browser.
 */

export const VN_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface VnParts extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, like Date#getDay. */
  weekday: number;
}

export function toVnParts(d: Date): VnParts {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Thời điểm không hợp lệ.');
  const s = new Date(t + OFFSET_MS);
  return {
    year: s.getUTCFullYear(),
    month: s.getUTCMonth() + 1,
    day: s.getUTCDate(),
    hour: s.getUTCHours(),
    minute: s.getUTCMinutes(),
    second: s.getUTCSeconds(),
    weekday: s.getUTCDay(),
  };
}

export function fromVnParts(p: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number }): Date {
  return new Date(utcMs(p.year, p.month, p.day) + ((p.hour ?? 0) * 60 + (p.minute ?? 0)) * 60_000 + (p.second ?? 0) * 1000 - OFFSET_MS);
}

/** 'YYYY-MM-DD' of the instant's calendar day in Vietnam. */
export function vnDateKey(d: Date): string {
  return dateKeyOf(toVnParts(d));
}

/** Milliseconds since 00:00 Vietnam time of the instant's own day. */
export function vnMsOfDay(d: Date): number {
  return (((d.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function dateKeyOf(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD'; null when malformed or not a real calendar date. */
export function parseDateKey(key: string): CalendarDate | null {
  const m = DATE_KEY.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

function requireDateKey(key: string): CalendarDate {
  const d = parseDateKey(key);
  if (!d) throw new RangeError(`Ngày không hợp lệ: "${key}" (cần dạng YYYY-MM-DD).`);
  return d;
}

function utcMs(year: number, month: number, day: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getTime();
}

/** Calendar arithmetic on date keys; no timezone is involved. */
export function addDaysToKey(key: string, days: number): string {
  const d = requireDateKey(key);
  const s = new Date(utcMs(d.year, d.month, d.day) + days * DAY_MS);
  return dateKeyOf({ year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate() });
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfKey(key: string): number {
  const d = requireDateKey(key);
  return new Date(utcMs(d.year, d.month, d.day)).getUTCDay();
}
