import { describe, expect, it } from 'vitest';
import {
  addDaysToKey,
  dateKeyOf,
  daysInMonth,
  fromVnParts,
  isValidCalendarDate,
  parseDateKey,
  toVnParts,
  vnDateKey,
  vnMsOfDay,
  weekdayOfKey,
} from '../../src-shared/domain/vn-time.js';

describe('toVnParts', () => {
  it('shifts UTC by seven hours across the date line', () => {
    expect(toVnParts(new Date('2026-02-16T17:30:00Z'))).toEqual({
      year: 2026, month: 2, day: 17, hour: 0, minute: 30, second: 0, weekday: 2,
    });
    expect(toVnParts(new Date('2026-12-31T16:59:59Z'))).toMatchObject({ year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59 });
    expect(toVnParts(new Date('2026-12-31T17:00:00Z'))).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, weekday: 5 });
  });

  it('has no daylight saving: the offset is the same in January and July', () => {
    expect(toVnParts(new Date('2026-01-15T01:00:00Z')).hour).toBe(8);
    expect(toVnParts(new Date('2026-07-15T01:00:00Z')).hour).toBe(8);
  });

  it('rejects an invalid Date', () => {
    expect(() => toVnParts(new Date('nope'))).toThrow(RangeError);
  });
});

describe('fromVnParts', () => {
  it('builds the instant for local wall time', () => {
    expect(fromVnParts({ year: 2026, month: 4, day: 29, hour: 10 }).toISOString()).toBe('2026-04-29T03:00:00.000Z');
    expect(fromVnParts({ year: 2026, month: 1, day: 1 }).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(fromVnParts({ year: 2026, month: 3, day: 6, hour: 17, minute: 30, second: 15 }).toISOString()).toBe('2026-03-06T10:30:15.000Z');
  });

  it('round-trips with toVnParts every 7 hours 13 minutes over a year', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < start + 366 * 86_400_000; t += (7 * 60 + 13) * 60_000) {
      const d = new Date(t);
      expect(fromVnParts(toVnParts(d)).getTime()).toBe(t);
    }
  });
});

describe('date keys', () => {
  it('vnDateKey uses the Vietnamese calendar day', () => {
    expect(vnDateKey(new Date('2027-02-05T16:59:00Z'))).toBe('2027-02-05');
    expect(vnDateKey(new Date('2027-02-05T17:00:00Z'))).toBe('2027-02-06');
  });

  it('vnMsOfDay counts from local midnight', () => {
    expect(vnMsOfDay(new Date('2026-04-29T03:00:00Z'))).toBe(10 * 3_600_000);
    expect(vnMsOfDay(new Date('2026-04-28T17:00:00Z'))).toBe(0);
  });

  it('parses and validates YYYY-MM-DD', () => {
    expect(parseDateKey('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDateKey('2027-02-29')).toBeNull();
    expect(parseDateKey('2027-13-01')).toBeNull();
    expect(parseDateKey('2027-1-01')).toBeNull();
    expect(dateKeyOf({ year: 2027, month: 2, day: 6 })).toBe('2027-02-06');
  });

  it('adds days across months, leap days and years', () => {
    expect(addDaysToKey('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToKey('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDaysToKey('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToKey('2026-01-01', -1)).toBe('2025-12-31');
    expect(() => addDaysToKey('2026-02-30', 1)).toThrow(RangeError);
  });

  it('weekdayOfKey matches known dates', () => {
    expect(weekdayOfKey('2026-02-17')).toBe(2); // Tết 2026, Tuesday
    expect(weekdayOfKey('2027-02-06')).toBe(6); // Tết 2027, Saturday
    expect(weekdayOfKey('2026-09-02')).toBe(3); // Quốc khánh 2026, Wednesday
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(isValidCalendarDate(2026, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2026, 4, 30)).toBe(true);
    expect(isValidCalendarDate(2026, 4.5, 1)).toBe(false);
  });
});
