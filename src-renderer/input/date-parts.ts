/**
 * The kiosk's date field as three parts (day, month, year), always shown
 * dd/mm/yyyy whatever the browser's locale. The stores keep ISO
 * 'YYYY-MM-DD'; a date not yet whole or not real is kept as typed,
 * 'dd/mm/yyyy' with the parts as they are, so nothing typed is lost.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateParts;
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];
export const PART_LENGTH: Readonly<Record<DatePart, number>> = { day: 2, month: 2, year: 4 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a stored value: ISO, or what was typed ('d/m/y', parts possibly empty). */
export function partsOf(value: string): DateParts {
  const iso = ISO.exec(value);
  if (iso) return { day: iso[3] ?? '', month: iso[2] ?? '', year: iso[1] ?? '' };
  const [day = '', month = '', year = ''] = value.split('/');
  return { day: digits(day, 2), month: digits(month, 2), year: digits(year, 4) };
}

function digits(text: string, max: number): string {
  return text.replace(/\D/g, '').slice(0, max);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type DateProblem = 'incomplete' | 'notReal' | 'afterMax' | 'yearRange';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** What the parts say: the ISO date, or why there is none (null problem and empty value: nothing typed). */
export function readParts(p: DateParts, max?: string): { value: string; iso: string | null; problem: DateProblem | null } {
  if (!p.day && !p.month && !p.year) return { value: '', iso: null, problem: null };
  const typed = `${p.day}/${p.month}/${p.year}`;
  if (!p.day || !p.month || p.year.length !== 4) return { value: typed, iso: null, problem: 'incomplete' };
  const d = Number(p.day);
  const m = Number(p.month);
  const y = Number(p.year);
  if (y < MIN_YEAR || y > MAX_YEAR) return { value: typed, iso: null, problem: 'yearRange' };
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { value: typed, iso: null, problem: 'notReal' };
  const iso = `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
  if (max && iso > max) return { value: typed, iso: null, problem: 'afterMax' };
  return { value: iso, iso, problem: null };
}

/**
 * Digits typed (or pasted) into one part: what that part keeps and what
 * spills into the parts after it. A part is done when it is full, or when
 * no further digit could make it valid ("5" in the day is day 05), so
 * "05112026" and "5112026" both read 05/11/2026.
 */
export function spill(part: DatePart, text: string): { parts: Partial<DateParts>; done: DatePart[] } {
  const parts: Partial<DateParts> = {};
  const done: DatePart[] = [];
  let at = DATE_PARTS.indexOf(part);
  let buf = '';
  const close = (name: DatePart): void => {
    parts[name] = name === 'year' ? buf : buf.padStart(2, '0');
    done.push(name);
    at++;
    buf = '';
  };
  for (const ch of text) {
    const name = DATE_PARTS[at];
    if (!name) break;
    if (/\d/.test(ch)) {
      buf += ch;
      if (buf.length === PART_LENGTH[name] || (buf.length === 1 && firstDigitCloses(name, buf))) close(name);
    } else if (buf !== '') {
      // A separator closes a part early: "5/11/2026" reads 05/11/2026.
      close(name);
    }
  }
  const open = DATE_PARTS[at];
  if (open && (buf !== '' || open === part)) parts[open] = buf;
  return { parts, done };
}

function firstDigitCloses(part: DatePart, digit: string): boolean {
  if (part === 'day') return Number(digit) >= 4;
  if (part === 'month') return Number(digit) >= 2;
  return false;
}

/** One step up or down, wrapping within the part's range; an empty part starts from `from` (today). */
export function stepPart(p: DateParts, part: DatePart, by: 1 | -1, from: DateParts): DateParts {
  const current = p[part];
  const y = Number(p.year.length === 4 ? p.year : from.year);
  const m = Number(p.month || from.month);
  if (current === '') return { ...p, [part]: from[part] };
  const n = Number(current) + by;
  if (part === 'year') return { ...p, year: String(Math.min(MAX_YEAR, Math.max(MIN_YEAR, n))) };
  const top = part === 'day' ? daysInMonth(y, Math.min(12, Math.max(1, m))) : 12;
  const wrapped = n < 1 ? top : n > top ? 1 : n;
  return { ...p, [part]: String(wrapped).padStart(2, '0') };
}

/** dd/mm/yyyy of an ISO date key, for showing a stored date. */
export function showDate(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
