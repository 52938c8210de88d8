import { describe, expect, it } from 'vitest';
import { AGENCY_CODE_PATTERN, MA_HO_SO_PATTERN, formatMaHoSo, parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';

describe('mã hồ sơ', () => {
  it('parses the Quảng Ngãi iGate example', () => {
    expect(parseMaHoSo('000.00.53.H48-220921-0099')).toEqual({
      agencyCode: '000.00.53.H48',
      date: { year: 2022, month: 9, day: 21 },
      seq: 99,
    });
    expect(MA_HO_SO_PATTERN.test('000.00.53.H48-220921-0099')).toBe(true);
  });

  it('formats with a zero-padded daily counter', () => {
    expect(formatMaHoSo('000.00.53.H48', { year: 2022, month: 9, day: 21 }, 99)).toBe('000.00.53.H48-220921-0099');
    expect(formatMaHoSo('000.00.53.H48', { year: 2026, month: 1, day: 5 }, 1)).toBe('000.00.53.H48-260105-0001');
    expect(formatMaHoSo(' 000.00.53.h48 ', { year: 2026, month: 12, day: 31 }, 9999)).toBe('000.00.53.H48-261231-9999');
  });

  it('rejects counters outside 1..9999 with RangeError', () => {
    const on = { year: 2026, month: 3, day: 2 };
    for (const seq of [0, -1, 10_000, 1.5, Number.NaN]) {
      expect(() => formatMaHoSo('000.00.53.H48', on, seq)).toThrow(RangeError);
    }
  });

  it('rejects bad agency codes and dates', () => {
    expect(() => formatMaHoSo('H48', { year: 2026, month: 3, day: 2 }, 1)).toThrow(/Mã định danh cơ quan/);
    expect(() => formatMaHoSo('000.00.53.H48', { year: 2026, month: 2, day: 29 }, 1)).toThrow(/Ngày tiếp nhận/);
    expect(() => formatMaHoSo('000.00.53.H48', { year: 1999, month: 12, day: 31 }, 1)).toThrow(RangeError);
  });

  it('trims and uppercases when parsing', () => {
    expect(parseMaHoSo('  000.00.53.h48-260430-0012\n')).toEqual({
      agencyCode: '000.00.53.H48',
      date: { year: 2026, month: 4, day: 30 },
      seq: 12,
    });
  });

  it('returns null for malformed codes and impossible dates', () => {
    for (const bad of [
      '',
      '000.00.53.H48-220921-099',
      '000.00.53.H48-220921-00099',
      '000.00.53.H48220921-0099',
      '00.00.53.H48-220921-0099',
      '000.00.53.H48-220230-0001', // 30 February
      '000.00.53.H48-221301-0001',
      '000.00.53.H48-220921-0000',
      'x000.00.53.H48-220921-0099',
    ]) {
      expect(parseMaHoSo(bad), bad).toBeNull();
    }
  });

  it('round-trips format → parse for many dates and counters', () => {
    let seq = 1;
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2027, 0, 1); t += 5 * 86_400_000) {
      const d = new Date(t);
      const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      seq = (seq * 37) % 9999 + 1;
      const code = formatMaHoSo('000.21.14.H48', date, seq);
      expect(MA_HO_SO_PATTERN.test(code)).toBe(true);
      expect(parseMaHoSo(code)).toEqual({ agencyCode: '000.21.14.H48', date, seq });
    }
  });

  it('agency pattern follows QĐ 20/2020 groups', () => {
    expect(AGENCY_CODE_PATTERN.test('000.00.00.H48')).toBe(true);
    expect(AGENCY_CODE_PATTERN.test('000.00.00.G12')).toBe(true);
    expect(AGENCY_CODE_PATTERN.test('000.00.00.48H')).toBe(false);
  });
});
