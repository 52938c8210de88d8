import { lunarNewYear, lunarToSolar } from './lunar.js';
import { addDaysToKey, dateKeyOf, weekdayOfKey } from './vn-time.js';

export interface Holiday {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Vietnamese name, e.g. 'Tết Nguyên Đán', 'Nghỉ bù Giỗ Tổ Hùng Vương'. */
  name: string;
  kind: 'holiday' | 'compensatory';
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  national: 'Quốc khánh',
} as const;

const COMPENSATORY_PREFIX = 'Nghỉ bù ';

function isWeekend(key: string): boolean {
  const wd = weekdayOfKey(key);
  return wd === 0 || wd === 6;
}

/**
 * The day paired with Quốc khánh (2/9). Art. 112 only says "one adjacent day";
 * the government has picked the one that joins the break to a weekend
 * (2021: Thu 2 → Fri 3; 2022: Fri 2 → Thu 1; 2023: Sat 2 → Fri 1; 2024:
 * Mon 2 → Tue 3; 2025: Tue 2 → Mon 1). Rule: among 1/9 and 3/9, take the
 * working day that touches a weekend (1/9 on a Monday or 3/9 on a Friday);
 * otherwise the one that is a working day; if both are and neither touches a
 * weekend (2/9 on a Wednesday), 1/9.
 */
function nationalDayPartner(year: number): string {
  const before = dateKeyOf({ year, month: 9, day: 1 });
  const after = dateKeyOf({ year, month: 9, day: 3 });
  if (weekdayOfKey(before) === 1) return before;
  if (weekdayOfKey(after) === 5) return after;
  if (isWeekend(before)) return after;
  return before;
}

/**
 * Default public holidays of a year under the Labour Code 2019, art. 112.
 * The government announces the exact Tết block and any day swaps each year
 * (2026: 14–22/2 with swapped weekends, against the 16–20/2 generated here),
 * so this only seeds the portal's editable holiday table for coming years.
 *
 * - Tết Nguyên Đán: 5 days starting the day before lunar 1/1 (the last day of
 *   the lunar year, 29 or 30 tháng Chạp), i.e. mùng 1–4 plus that day.
 * - Giỗ Tổ Hùng Vương: 10 of the (non-leap) third lunar month.
 * - A holiday on a Saturday or Sunday gives a compensatory day on the next
 *   weekday that is not already a holiday or compensatory day (art. 112(3)).
 *   Two holidays on the same date (possible for Giỗ Tổ and 30/4 or 1/5) are
 *   listed once, with both names, and the second one is compensated likewise.
 */
export function vietnamPublicHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Năm không hợp lệ: ${year}.`);
  const fixed = (month: number, day: number) => dateKeyOf({ year, month, day });

  const sources: { date: string; name: string }[] = [{ date: fixed(1, 1), name: HOLIDAY_NAMES.newYear }];
  const tetEve = addDaysToKey(dateKeyOf(lunarNewYear(year)), -1);
  for (let i = 0; i < 5; i++) sources.push({ date: addDaysToKey(tetEve, i), name: HOLIDAY_NAMES.tet });
  sources.push({ date: dateKeyOf(lunarToSolar({ year, month: 3, day: 10 })), name: HOLIDAY_NAMES.hungKings });
  sources.push({ date: fixed(4, 30), name: HOLIDAY_NAMES.victory });
  sources.push({ date: fixed(5, 1), name: HOLIDAY_NAMES.labour });
  sources.push({ date: fixed(9, 2), name: HOLIDAY_NAMES.national });
  sources.push({ date: nationalDayPartner(year), name: HOLIDAY_NAMES.national });
  sources.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const byDate = new Map<string, Holiday>();
  const owed: { date: string; name: string }[] = [];
  for (const s of sources) {
    const existing = byDate.get(s.date);
    if (existing) {
      if (!existing.name.split('; ').includes(s.name)) {
        existing.name = `${existing.name}; ${s.name}`;
        owed.push(s);
      }
      continue;
    }
    byDate.set(s.date, { date: s.date, name: s.name, kind: 'holiday' });
    if (isWeekend(s.date)) owed.push(s);
  }

  // Compensation goes after the whole block, so it is granted only once every
  // holiday of the year is on the map: a weekday that is itself a holiday is skipped.
  for (const o of owed) {
    let d = addDaysToKey(o.date, 1);
    while (isWeekend(d) || byDate.has(d)) d = addDaysToKey(d, 1);
    byDate.set(d, { date: d, name: COMPENSATORY_PREFIX + o.name, kind: 'compensatory' });
  }

  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
