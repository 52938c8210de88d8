/**
 * Vietnamese lunisolar calendar ("âm lịch").
 *
 * Implements the method published by Hồ Ngọc Đức, "Thuật toán tính âm lịch"
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html), with the
 * new-moon and solar-longitude series from Jean Meeus, "Astronomical
 * Algorithms" (1998). The rules: a month starts on the local day of a new moon;
 * the month containing the winter solstice is month 11; a leap year (13 months
 * between two month-11s) repeats the first month that contains no major solar
 * term. Days are counted at UTC+7, which is why Vietnam and China (UTC+8)
 * sometimes disagree (Tết 1985: 21 Jan in Vietnam, 20 Feb in China; Tết 2007:
 * 17 Feb vs 18 Feb).
 *
 * Written here rather than taken from npm: the packages that port this code
 * either read the host's timezone or carry the author's non-commercial
 * licence. Cross-checked day by day, 1900–2199, against HND's own code (no
 * difference) and against his precomputed tables (made with a more precise
 * ephemeris): identical for 1968–2053; a few months differ after 2053 where a
 * new moon falls within minutes of local midnight, and before 1968, when the
 * calendar in use followed UTC+8. Holidays for the years this app serves are
 * therefore exact, and the portal's holiday table stays editable anyway.
 */
import { isValidCalendarDate, type CalendarDate } from './vn-time.js';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True for the repeated ("nhuận") month. */
  leap?: boolean;
}

/** Years this module accepts; see the accuracy note above. */
export const LUNAR_MIN_YEAR = 1900;
export const LUNAR_MAX_YEAR = 2199;

const TIME_ZONE = 7;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, epoch of the new-moon index k. */
const EPOCH_NEW_MOON = 2415021.076998695;
const DR = Math.PI / 180;

function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = Math.floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

function jdToDate(jd: number): CalendarDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((b * 146097) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 += -0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 += -0.0004 * Math.sin(DR * 3 * Mpr);
  c1 += 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 += -0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 += -0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 += 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Apparent solar longitude in radians, 0 ≤ L < 2π, at Julian date jd (Meeus ch. 25, low precision). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  const l = (L0 + dl) * DR;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Local (UTC+7) day number on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Which of the 12 major-term sectors (0 = from the vernal equinox) the sun is in at local midnight starting day jdn. */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** Day number of the start of month 11 (the month holding the winter solstice) around the end of solar year yy. */
function lunarMonth11(yy: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** Index (1-based, after month 11 starting at a11) of the leap month: the first with no major term. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`Chỉ hỗ trợ âm lịch các năm ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR} (nhận được ${year}).`);
  }
}

export function solarToLunar(solar: { year: number; month: number; day: number }): Required<LunarDate> {
  const { year: yy, month: mm, day: dd } = solar;
  if (!isValidCalendarDate(yy, mm, dd)) throw new RangeError(`Ngày dương lịch không hợp lệ: ${dd}/${mm}/${yy}.`);
  checkYear(yy);
  const dayNumber = jdFromDate(dd, mm, yy);
  // The mean-lunation estimate can be one month off when a true new moon
  // strays far from the mean one (HND's original then yields day 0), so settle it.
  let k = Math.floor((dayNumber - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  while (newMoonDay(k) > dayNumber) k--;
  while (newMoonDay(k + 1) <= dayNumber) k++;
  const monthStart = newMoonDay(k);
  let a11 = lunarMonth11(yy);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

export function lunarToSolar(lunar: LunarDate): CalendarDate {
  const { year, month, day } = lunar;
  const leap = lunar.leap ?? false;
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`Ngày âm lịch không hợp lệ: ${day}/${month}/${year}.`);
  }
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = Math.floor(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`Năm âm lịch ${year} không có tháng ${month} nhuận.`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Năm âm lịch ${year} không có tháng nhuận.`);
  }
  const monthStart = newMoonDay(k + off);
  const length = newMoonDay(k + off + 1) - monthStart;
  if (day > length) {
    throw new RangeError(`Tháng ${month}${leap ? ' nhuận' : ''} năm ${year} âm lịch chỉ có ${length} ngày.`);
  }
  return jdToDate(monthStart + day - 1);
}

/** Solar date of Tết Nguyên Đán (lunar 1/1) of the lunar year that begins in solar year `year`. */
export function lunarNewYear(year: number): CalendarDate {
  return lunarToSolar({ year, month: 1, day: 1 });
}
