/**
 * The one date style of the kiosk, decided once for both languages: dd/mm/yyyy
 * and 24-hour time, in Vietnam time, as on the receipt and in the date fields.
 * English screens use it too, so a screen never shows "Dec 2, 2026, 06:07 AM"
 * beside "11/12/2026". Only the weekday's name follows the language.
 */
const TZ = 'Asia/Ho_Chi_Minh';

// en-GB is only the source of the digits and their order here; no words come from it.
const digits = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function parts(at: Date): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const p = Object.fromEntries(digits.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: p.day ?? '', month: p.month ?? '', year: p.year ?? '', hour: p.hour ?? '', minute: p.minute ?? '' };
}

/** "02/12/2026" */
export function formatDate(at: Date): string {
  const p = parts(at);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "13:07" */
export function formatTime(at: Date): string {
  const p = parts(at);
  return `${p.hour}:${p.minute}`;
}

/** "02/12/2026 13:07" */
export function formatDateTime(at: Date): string {
  return `${formatDate(at)} ${formatTime(at)}`;
}

/** "Thứ Tư, 02/12/2026" / "Wednesday, 02/12/2026" */
export function formatWeekdayDate(at: Date, lang: string): string {
  const weekday = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { timeZone: TZ, weekday: 'long' }).format(at);
  // vi-VN names the weekday in lower case ("thứ tư"); at the head of a line it is capitalised.
  return `${weekday.charAt(0).toLocaleUpperCase(lang)}${weekday.slice(1)}, ${formatDate(at)}`;
}
