import { describe, expect, it } from 'vitest';
import { partsOf, readParts, showDate, spill, stepPart } from '../../src-renderer/input/date-parts.js';

/** The kiosk's own date field, dd/mm/yyyy whatever the browser's locale. */
describe('date parts', () => {
  it('reads "05112026" as 5 November and "20112026" as 20 November, typed into the day', () => {
    expect(spill('day', '05112026')).toEqual({ parts: { day: '05', month: '11', year: '2026' }, done: ['day', 'month', 'year'] });
    expect(spill('day', '20112026').parts).toEqual({ day: '20', month: '11', year: '2026' });
  });

  it('closes a part when no further digit could make it valid, or at a separator', () => {
    expect(spill('day', '5112026').parts).toEqual({ day: '05', month: '11', year: '2026' });
    expect(spill('day', '5/3/2026').parts).toEqual({ day: '05', month: '03', year: '2026' });
    expect(spill('day', '1')).toEqual({ parts: { day: '1' }, done: [] });
    expect(spill('month', '1')).toEqual({ parts: { month: '1' }, done: [] });
    expect(spill('month', '3')).toEqual({ parts: { month: '03' }, done: ['month'] });
    expect(spill('year', '20')).toEqual({ parts: { year: '20' }, done: [] });
  });

  it('keeps an impossible or unfinished date as typed, with the reason', () => {
    expect(readParts({ day: '31', month: '02', year: '2026' })).toEqual({ value: '31/02/2026', iso: null, problem: 'notReal' });
    expect(readParts({ day: '29', month: '02', year: '2024' }).iso).toBe('2024-02-29');
    expect(readParts({ day: '05', month: '11', year: '20' })).toEqual({ value: '05/11/20', iso: null, problem: 'incomplete' });
    expect(readParts({ day: '', month: '', year: '' })).toEqual({ value: '', iso: null, problem: null });
    expect(readParts({ day: '02', month: '12', year: '2026' }, '2026-12-01').problem).toBe('afterMax');
    expect(readParts({ day: '01', month: '12', year: '2026' }, '2026-12-01').iso).toBe('2026-12-01');
    expect(partsOf('31/02/2026')).toEqual({ day: '31', month: '02', year: '2026' });
    expect(partsOf('2026-11-05')).toEqual({ day: '05', month: '11', year: '2026' });
    expect(showDate('2026-11-05')).toBe('05/11/2026');
  });

  it('steps a part within its range, an empty part from today', () => {
    const today = { day: '02', month: '12', year: '2026' };
    expect(stepPart({ day: '', month: '', year: '' }, 'day', 1, today).day).toBe('02');
    expect(stepPart({ day: '28', month: '02', year: '2026' }, 'day', 1, today).day).toBe('01');
    expect(stepPart({ day: '01', month: '02', year: '2026' }, 'day', -1, today).day).toBe('28');
    expect(stepPart({ day: '01', month: '12', year: '2026' }, 'month', 1, today).month).toBe('01');
  });
});
