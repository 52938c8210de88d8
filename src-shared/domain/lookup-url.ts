import { parseMaHoSo } from './ma-ho-so.js';

/**
 * What the receipt's QR code says: a web address that opens the public
 * lookup of the application on a phone, and that the kiosk's own scanner
 * recognises to look the application up in place.
 */
export const DEFAULT_LOOKUP_BASE = 'https://dichvucong.quangngai.gov.vn/tra-cuu';
export const LOOKUP_CODE_PARAM = 'ma';

function baseUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new RangeError(`Địa chỉ tra cứu hồ sơ không hợp lệ: "${base}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('Địa chỉ tra cứu hồ sơ phải bắt đầu bằng http:// hoặc https://.');
  return url;
}

function normaliseCode(code: string): string | null {
  const upper = code.trim().toUpperCase();
  return parseMaHoSo(upper) ? upper : null;
}

/** `https://…/tra-cuu?ma=000.00.53.H48-220921-0099`; throws RangeError on a malformed code or base. */
export function lookupUrlFor(code: string, base: string = DEFAULT_LOOKUP_BASE): string {
  const ma = normaliseCode(code);
  if (!ma) throw new RangeError('Mã hồ sơ không đúng định dạng (dạng 000.00.53.H48-220921-0099).');
  const url = baseUrl(base);
  url.searchParams.set(LOOKUP_CODE_PARAM, ma);
  return url.toString();
}

export interface ParseLookupOptions {
  /**
   * Lookup addresses to accept (origin + path, as given to lookupUrlFor).
   * Omitted: any http(s) address carrying a valid `ma` — receipts printed
   * before the portal's address changed must still scan.
   */
  bases?: readonly string[];
}

/**
 * The mã hồ sơ in a scanned receipt QR (the lookup URL, or a bare code
 * typed into a keyboard-wedge scanner), normalised to upper case; null for
 * anything else — a CCCD QR, a VietQR payload, a foreign URL.
 */
export function parseLookupQr(text: string, options: ParseLookupOptions = {}): string | null {
  const raw = text.trim();
  if (!raw || raw.length > 2000) return null;
  if (!/^https?:\/\//i.test(raw)) return normaliseCode(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (options.bases) {
    const here = url.origin + url.pathname.replace(/\/+$/, '');
    const accepted = options.bases.some((b) => {
      const u = baseUrl(b);
      return u.origin + u.pathname.replace(/\/+$/, '') === here;
    });
    if (!accepted) return null;
  }
  const values = url.searchParams.getAll(LOOKUP_CODE_PARAM);
  if (values.length !== 1 || values[0] === undefined) return null;
  return normaliseCode(values[0]);
}
