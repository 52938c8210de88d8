import { describe, expect, it } from 'vitest';
import { vietnamPublicHolidays } from '../../src-shared/domain/holidays.js';
import { fromVnParts, toVnParts } from '../../src-shared/domain/vn-time.js';
import { seedProcedures } from '../support/procedures.js';
import {
  DEFAULT_SESSIONS,
  addWorkingDays,
  addWorkingMinutes,
  isOfficeOpen,
  isWorkingDay,
  workingDayMinutes,
  type WorkCalendar,
} from '../../src-shared/domain/working-days.js';

const calendarFor = (...years: number[]): WorkCalendar => ({
  holidays: new Set(years.flatMap((y) => vietnamPublicHolidays(y).map((h) => h.date))),
});
const plain: WorkCalendar = { holidays: new Set() };

const at = (year: number, month: number, day: number, hour = 0, minute = 0) => fromVnParts({ year, month, day, hour, minute });
const local = (d: Date) => {
  const p = toVnParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

describe('isWorkingDay', () => {
  it('skips weekends and listed holidays, honours declared weekend workdays', () => {
    const cal: WorkCalendar = { holidays: new Set(['2026-02-16']), extraWorkdays: new Set(['2026-02-07']) };
    expect(isWorkingDay('2026-02-13', cal)).toBe(true); // Friday
    expect(isWorkingDay('2026-02-14', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-16', cal)).toBe(false); // holiday
    expect(isWorkingDay('2026-02-07', cal)).toBe(true); // Saturday làm bù
  });

  it('lets a holiday win over an extra workday listing', () => {
    expect(isWorkingDay('2026-02-07', { holidays: new Set(['2026-02-07']), extraWorkdays: new Set(['2026-02-07']) })).toBe(false);
  });

  it('rejects malformed keys', () => {
    expect(() => isWorkingDay('2026-2-7', plain)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('default day is 8 hours of sessions', () => {
    expect(DEFAULT_SESSIONS).toEqual([['07:00', '11:30'], ['13:30', '17:00']]);
    expect(workingDayMinutes({})).toBe(480);
  });

  it('1 working day from Monday 08:00 is Tuesday 08:00', () => {
    expect(local(addWorkingDays(at(2026, 3, 2, 8), 1, plain))).toBe('2026-03-03 08:00');
  });

  it('counting that ends at a close moves to the next opening', () => {
    expect(local(addWorkingDays(at(2026, 3, 2, 7), 1, plain))).toBe('2026-03-03 07:00');
    expect(local(addWorkingMinutes(at(2026, 3, 2, 7), 270, plain))).toBe('2026-03-02 13:30');
    expect(local(addWorkingMinutes(at(2026, 3, 2, 7), 269, plain))).toBe('2026-03-02 11:29');
  });

  it('reception after hours counts from the next morning (Mon 17:30 → Wed 07:00)', () => {
    expect(local(addWorkingDays(at(2026, 3, 2, 17, 30), 1, plain))).toBe('2026-03-04 07:00');
  });

  it('Friday 17:30 counts from Monday 07:00', () => {
    expect(local(addWorkingDays(at(2026, 3, 6, 17, 30), 0.5, plain))).toBe('2026-03-09 11:00');
    expect(local(addWorkingDays(at(2026, 3, 6, 17, 30), 2, plain))).toBe('2026-03-11 07:00');
  });

  it('the lunch break is not counted', () => {
    expect(local(addWorkingMinutes(at(2026, 3, 2, 11), 60, plain))).toBe('2026-03-02 14:00');
    expect(local(addWorkingMinutes(at(2026, 3, 2, 12), 30, plain))).toBe('2026-03-02 14:00');
  });

  it('a same-day procedure ("trả ngay", 0 days) received at 06:10 is due that same working day, not the next', () => {
    const khaiSinh = seedProcedures().find((p) => p.nationalCode === '1.001193');
    expect(khaiSinh?.processingDays).toBe(0);
    expect(local(addWorkingDays(at(2026, 12, 2, 6, 10), khaiSinh?.processingDays ?? -1, plain))).toBe('2026-12-02 07:00');
    // During the day: the same day; after hours: the next working day (Wed → Thu, Fri → Mon).
    expect(local(addWorkingDays(at(2026, 12, 2, 15, 40), 0, plain))).toBe('2026-12-02 15:40');
    expect(local(addWorkingDays(at(2026, 12, 2, 17, 5), 0, plain))).toBe('2026-12-03 07:00');
    expect(local(addWorkingDays(at(2026, 12, 4, 18), 0, plain))).toBe('2026-12-07 07:00');
  });

  it('0 days: same instant when open, else the next opening', () => {
    const open = at(2026, 3, 2, 9, 15);
    expect(addWorkingDays(open, 0, plain).getTime()).toBe(open.getTime());
    expect(local(addWorkingDays(at(2026, 3, 2, 12), 0, plain))).toBe('2026-03-02 13:30');
    expect(local(addWorkingDays(at(2026, 3, 2, 17), 0, plain))).toBe('2026-03-03 07:00');
    expect(local(addWorkingDays(at(2026, 3, 7, 9), 0, plain))).toBe('2026-03-09 07:00');
  });

  it('across Tết 2027: received Thu 4/2 09:00, 5 working days → Thu 18/2 09:00', () => {
    // Off: 5–9/2 (Tết), 6–7/2 weekend inside it, 10–11/2 compensatory, 13–14/2 weekend.
    expect(local(addWorkingDays(at(2027, 2, 4, 9), 5, calendarFor(2027)))).toBe('2027-02-18 09:00');
    // Without the holiday table it would be the next Thursday.
    expect(local(addWorkingDays(at(2027, 2, 4, 9), 5, plain))).toBe('2027-02-11 09:00');
  });

  it('across 30/4–1/5 2026: received Wed 29/4 10:00, 3 working days → Wed 6/5 10:00', () => {
    expect(local(addWorkingDays(at(2026, 4, 29, 10), 3, calendarFor(2026)))).toBe('2026-05-06 10:00');
  });

  it('Giỗ Tổ 2026 is on Sunday: the compensatory Monday 27/4 is skipped', () => {
    expect(local(addWorkingDays(at(2026, 4, 24, 16), 1, calendarFor(2026)))).toBe('2026-04-28 16:00');
  });

  it('counts a declared Saturday workday', () => {
    const cal: WorkCalendar = { holidays: new Set(), extraWorkdays: new Set(['2026-03-07']) };
    expect(local(addWorkingDays(at(2026, 3, 6, 9), 1, cal))).toBe('2026-03-07 09:00');
  });

  it('uses custom sessions and their total length', () => {
    const cal: WorkCalendar = { holidays: new Set(), sessions: [['08:00', '12:00'], ['13:00', '17:00']] };
    expect(workingDayMinutes(cal)).toBe(480);
    expect(local(addWorkingDays(at(2026, 3, 2, 7), 1, cal))).toBe('2026-03-03 08:00');
    const short: WorkCalendar = { holidays: new Set(), sessions: [['07:30', '11:30']] };
    expect(local(addWorkingDays(at(2026, 3, 2, 9, 30), 1, short))).toBe('2026-03-03 09:30');
  });

  it('is exact to the second and independent of the host timezone', () => {
    const received = new Date('2026-03-02T02:15:42Z'); // 09:15:42 in Vietnam
    expect(addWorkingDays(received, 1, plain).toISOString()).toBe('2026-03-03T02:15:42.000Z');
  });

  it('rejects bad input with Vietnamese messages', () => {
    expect(() => addWorkingDays(at(2026, 3, 2, 9), -1, plain)).toThrow(/Số ngày làm việc không hợp lệ/);
    expect(() => addWorkingDays(at(2026, 3, 2, 9), Number.NaN, plain)).toThrow(RangeError);
    expect(() => addWorkingDays(at(2026, 3, 2, 9), 1, { holidays: new Set(), sessions: [['7:00', '11:30']] })).toThrow(/HH:MM/);
    expect(() => addWorkingDays(at(2026, 3, 2, 9), 1, { holidays: new Set(), sessions: [['13:00', '17:00'], ['07:00', '11:00']] })).toThrow(/chồng lấn/);
    expect(() => addWorkingDays(at(2026, 3, 2, 9), 1, { holidays: new Set(), sessions: [] })).toThrow(RangeError);
    const everyDayOff = new Set<string>();
    for (let t = Date.UTC(2026, 2, 1); t < Date.UTC(2037, 0, 1); t += 86_400_000) everyDayOff.add(new Date(t).toISOString().slice(0, 10));
    expect(() => addWorkingDays(at(2026, 3, 2, 9), 1, { holidays: everyDayOff })).toThrow(/Không tìm thấy ngày làm việc/);
  });

  it('property: monotonic in workingDays, always lands in office hours, and splits additively', () => {
    const cal = calendarFor(2026, 2027);
    const starts = [at(2026, 1, 30, 16, 45), at(2026, 2, 13, 10), at(2026, 4, 25, 9), at(2026, 8, 31, 18), at(2026, 12, 31, 11, 45)];
    for (const start of starts) {
      let previous = addWorkingDays(start, 0, cal).getTime();
      for (let n = 0.25; n <= 30; n += 0.25) {
        const due = addWorkingDays(start, n, cal);
        expect(due.getTime()).toBeGreaterThan(previous);
        expect(isOfficeOpen(due, cal)).toBe(true);
        previous = due.getTime();
      }
      for (const [a, b] of [[1, 2], [3, 4], [0.5, 7]] as const) {
        const stepwise = addWorkingDays(addWorkingDays(start, a, cal), b, cal);
        expect(stepwise.getTime()).toBe(addWorkingDays(start, a + b, cal).getTime());
      }
    }
  });
});

describe('isOfficeOpen', () => {
  it('is open during sessions only, on working days', () => {
    expect(isOfficeOpen(at(2026, 3, 2, 7), plain)).toBe(true);
    expect(isOfficeOpen(at(2026, 3, 2, 11, 30), plain)).toBe(false);
    expect(isOfficeOpen(at(2026, 3, 2, 16, 59), plain)).toBe(true);
    expect(isOfficeOpen(at(2026, 3, 7, 9), plain)).toBe(false);
    expect(isOfficeOpen(at(2026, 4, 30, 9), calendarFor(2026))).toBe(false);
  });
});
