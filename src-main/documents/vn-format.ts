import { toVnParts } from '../../src-shared/domain/vn-time.js';

/** How dates, times, money and sizes read on Vietnamese administrative paper. */

const two = (n: number) => String(n).padStart(2, '0');

/** "14 giờ 30 phút, ngày 21/09/2022" (Vietnam time, whatever the machine's zone). */
export function formatVnDateTime(iso: string): string {
  const p = toVnParts(new Date(iso));
  return `${two(p.hour)} giờ ${two(p.minute)} phút, ngày ${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "21/09/2022". */
export function formatVnDate(iso: string): string {
  const p = toVnParts(new Date(iso));
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** The place-and-date line of a form: "Quảng Ngãi, ngày 21 tháng 09 năm 2022". */
export function formatPlaceDate(place: string, iso: string): string {
  const p = toVnParts(new Date(iso));
  return `${place}, ngày ${two(p.day)} tháng ${two(p.month)} năm ${p.year}`;
}

/** "1.250.000 đồng". */
export function formatVnd(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** "512 byte", "48,3 KB", "2,1 MB" (decimal comma). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatDecimal(value)} ${units[unit]}`;
}

/** One decimal at most, with a comma: 1.5 → "1,5", 2 → "2". */
export function formatDecimal(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded).replace('.', ',');
}

/** "CỘNG HÒA…" — Vietnamese capitals keep their marks (ư → Ư, đ → Đ). */
export function upperVi(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi-VN');
}
