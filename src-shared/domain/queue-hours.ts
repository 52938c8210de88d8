import { vnMsOfDay } from './vn-time.js';

/**
 * Whether a centre that stops giving numbers at `closesAt` ("HH:MM",
 * Vietnam time) is closed at `now`. One rule for the portal, which expires
 * the day's tickets then, and for a kiosk cut off from it, which must not
 * hand out a number from its reserve that would be dead on arrival.
 */
export function isPastClosing(closesAt: string, now: Date): boolean {
  const [hour, minute] = closesAt.split(':').map(Number);
  return vnMsOfDay(now) >= ((hour ?? 0) * 60 + (minute ?? 0)) * 60_000;
}

/** The refusal after closing, naming the hour, as the portal and the kiosk both say it. */
export function closedSentence(closesAt: string): string {
  return `Bộ phận một cửa đã hết giờ lấy số hôm nay (đóng lúc ${closesAt}). Vui lòng quay lại vào ngày làm việc tiếp theo.`;
}
