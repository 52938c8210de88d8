import { describe, expect, it } from 'vitest';
import { lunarNewYear, lunarToSolar, solarToLunar } from '../../src-shared/domain/lunar.js';

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2024, { year: 2024, month: 2, day: 10 }],
    [2025, { year: 2025, month: 1, day: 29 }],
    [2026, { year: 2026, month: 2, day: 17 }],
    [2027, { year: 2027, month: 2, day: 6 }],
    [2028, { year: 2028, month: 1, day: 26 }],
  ])('Tết %i', (year, solar) => {
    expect(lunarToSolar({ year, month: 1, day: 1 })).toEqual(solar);
    expect(lunarNewYear(year)).toEqual(solar);
    expect(solarToLunar(solar)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
    expect(lunarToSolar({ year: 2026, month: 3, day: 10 })).toEqual({ year: 2026, month: 4, day: 26 });
    expect(lunarToSolar({ year: 2027, month: 3, day: 10 })).toEqual({ year: 2027, month: 4, day: 16 });
  });

  it('computes at UTC+7, where it differs from the Chinese calendar', () => {
    // Tết Ất Sửu: Vietnam 21 Jan 1985, China 20 Feb 1985 (month 11 fell differently).
    expect(lunarNewYear(1985)).toEqual({ year: 1985, month: 1, day: 21 });
    // Tết Đinh Hợi: Vietnam 17 Feb 2007, China 18 Feb 2007 (new moon just after 16:00 UTC).
    expect(lunarNewYear(2007)).toEqual({ year: 2007, month: 2, day: 17 });
    expect(solarToLunar({ year: 2007, month: 2, day: 18 })).toEqual({ year: 2007, month: 1, day: 2, leap: false });
  });

  it('handles leap months (2023 had a leap 2nd month; 2025 a leap 6th)', () => {
    expect(solarToLunar({ year: 2023, month: 3, day: 22 })).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toEqual({ year: 2023, month: 3, day: 22 });
    expect(lunarToSolar({ year: 2023, month: 2, day: 1 })).toEqual({ year: 2023, month: 2, day: 20 });
    expect(solarToLunar({ year: 2025, month: 7, day: 25 })).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(() => lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toThrow(/không có tháng 3 nhuận/);
    expect(() => lunarToSolar({ year: 2024, month: 3, day: 1, leap: true })).toThrow(/không có tháng nhuận/);
  });

  it('maps the end of the lunar year into the previous lunar year', () => {
    expect(solarToLunar({ year: 2026, month: 2, day: 16 })).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    // 2024 had a "30 Tết"; 2025–2028 end the year on 29 tháng Chạp.
    expect(solarToLunar({ year: 2024, month: 2, day: 9 })).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(solarToLunar({ year: 2027, month: 2, day: 5 })).toEqual({ year: 2026, month: 12, day: 29, leap: false });
    expect(solarToLunar({ year: 2026, month: 1, day: 1 })).toMatchObject({ year: 2025, month: 11 });
  });

  it('rejects days past the end of a 29-day month', () => {
    expect(() => lunarToSolar({ year: 2025, month: 12, day: 30 })).toThrow(/chỉ có 29 ngày/);
    expect(() => lunarToSolar({ year: 2026, month: 12, day: 30 })).toThrow(/chỉ có 29 ngày/);
    expect(lunarToSolar({ year: 2023, month: 12, day: 30 })).toEqual({ year: 2024, month: 2, day: 9 });
    expect(lunarToSolar({ year: 2026, month: 11, day: 30 })).toEqual({ year: 2027, month: 1, day: 7 });
  });

  it('rejects invalid input', () => {
    expect(() => solarToLunar({ year: 2026, month: 2, day: 30 })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2026, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 1850, month: 1, day: 1 })).toThrow(/Chỉ hỗ trợ/);
  });

  it('round-trips solar → lunar → solar and keeps days consecutive over 2020–2035', () => {
    let previous = solarToLunar({ year: 2019, month: 12, day: 31 });
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2036, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const lunar = solarToLunar(solar);
      expect(lunarToSolar(lunar)).toEqual(solar);
      if (lunar.day === 1) {
        expect(previous.day === 29 || previous.day === 30).toBe(true);
      } else {
        expect(lunar.day).toBe(previous.day + 1);
      }
      previous = lunar;
    }
  });
});
