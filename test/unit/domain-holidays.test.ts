import { describe, expect, it } from 'vitest';
import { vietnamPublicHolidays, type Holiday } from '../../src-shared/domain/holidays.js';
import { weekdayOfKey } from '../../src-shared/domain/vn-time.js';

const dates = (hs: Holiday[], kind?: Holiday['kind']) => hs.filter((h) => !kind || h.kind === kind).map((h) => h.date);
const byDate = (hs: Holiday[]) => new Map(hs.map((h) => [h.date, h]));

describe('vietnamPublicHolidays', () => {
  it('2026: the default table (Tết 16–20/2; the government moved it to 14–22/2 with swaps, so the table is editable)', () => {
    const hs = vietnamPublicHolidays(2026);
    expect(hs).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
      { date: '2026-02-16', name: 'Tết Nguyên Đán', kind: 'holiday' },
      { date: '2026-02-17', name: 'Tết Nguyên Đán', kind: 'holiday' },
      { date: '2026-02-18', name: 'Tết Nguyên Đán', kind: 'holiday' },
      { date: '2026-02-19', name: 'Tết Nguyên Đán', kind: 'holiday' },
      { date: '2026-02-20', name: 'Tết Nguyên Đán', kind: 'holiday' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'compensatory' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
      // 2/9/2026 is a Wednesday: neither neighbour joins a weekend, so 1/9.
      { date: '2026-09-01', name: 'Quốc khánh', kind: 'holiday' },
      { date: '2026-09-02', name: 'Quốc khánh', kind: 'holiday' },
    ]);
    expect(weekdayOfKey('2026-04-26')).toBe(0);
    expect(weekdayOfKey('2026-09-02')).toBe(3);
  });

  it('2027: Tết on Saturday 6/2 gives two compensatory days after the block', () => {
    const hs = vietnamPublicHolidays(2027);
    expect(dates(hs, 'holiday')).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09',
      '2027-04-16',
      '2027-04-30', '2027-05-01',
      '2027-09-02', '2027-09-03',
    ]);
    expect(dates(hs, 'compensatory')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
    expect(byDate(hs).get('2027-05-03')?.name).toBe('Nghỉ bù Ngày Quốc tế Lao động');
    expect(byDate(hs).get('2027-04-16')?.name).toBe('Giỗ Tổ Hùng Vương');
  });

  it('matches the compensation the government announced in past years', () => {
    // 2022: 1/1 Sat → Mon 3/1; Giỗ Tổ Sun 10/4 → Mon 11/4; 30/4 Sat + 1/5 Sun → 2/5, 3/5.
    expect(dates(vietnamPublicHolidays(2022), 'compensatory')).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
    // 2023: Giỗ Tổ Sat 29/4, 30/4 Sun → 2/5, 3/5 after Monday 1/5; 2/9 Sat → 1/9 Fri + 4/9 Mon.
    const y2023 = vietnamPublicHolidays(2023);
    expect(dates(y2023).filter((d) => d >= '2023-04-01' && d < '2023-06-01')).toEqual([
      '2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03',
    ]);
    expect(dates(y2023).filter((d) => d >= '2023-09-01')).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
    // Quốc khánh partner days announced: 2021 3/9, 2024 3/9, 2025 1/9.
    expect(dates(vietnamPublicHolidays(2021)).filter((d) => d.startsWith('2021-09'))).toEqual(['2021-09-02', '2021-09-03']);
    expect(dates(vietnamPublicHolidays(2024)).filter((d) => d.startsWith('2024-09'))).toEqual(['2024-09-02', '2024-09-03']);
    expect(dates(vietnamPublicHolidays(2025)).filter((d) => d.startsWith('2025-09'))).toEqual(['2025-09-01', '2025-09-02']);
  });

  it('starts the Tết block on the last day of the lunar year, 29 or 30 tháng Chạp', () => {
    expect(dates(vietnamPublicHolidays(2024)).filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15',
    ]);
    expect(vietnamPublicHolidays(2025).filter((h) => h.name === 'Tết Nguyên Đán').map((h) => h.date)).toEqual([
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01',
    ]);
  });

  it('puts Quốc khánh on a Sunday next to Monday 3/9 and compensates on Tuesday', () => {
    // 2/9/2029 is a Sunday.
    expect(dates(vietnamPublicHolidays(2029)).filter((d) => d.startsWith('2029-09'))).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']);
  });

  it('every year 2024–2060: sorted, unique, 11 holiday days, compensation only for weekend holidays, all on weekdays', () => {
    for (let year = 2024; year <= 2060; year++) {
      const hs = vietnamPublicHolidays(year);
      const ds = dates(hs);
      expect([...ds].sort(), String(year)).toEqual(ds);
      expect(new Set(ds).size).toBe(ds.length);
      for (const h of hs) expect(h.date.startsWith(`${year}-`)).toBe(true);
      const holidays = hs.filter((h) => h.kind === 'holiday');
      const names = holidays.flatMap((h) => h.name.split('; '));
      expect(names.length, String(year)).toBe(11);
      const weekendHolidays = names.length - holidays.length
        + holidays.filter((h) => [0, 6].includes(weekdayOfKey(h.date))).length;
      const comp = hs.filter((h) => h.kind === 'compensatory');
      expect(comp.length, String(year)).toBe(weekendHolidays);
      for (const c of comp) {
        expect([0, 6]).not.toContain(weekdayOfKey(c.date));
        expect(c.name.startsWith('Nghỉ bù ')).toBe(true);
      }
    }
  });
});
