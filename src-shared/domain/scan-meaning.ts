import { ERROR_MESSAGES } from '../error-messages.js';
import { detailVi, type DetailKey, type MessageParams } from '../detail-messages.js';
import { parseCccdQr, type CccdQr } from './cccd.js';
import { parseLookupQr, type ParseLookupOptions } from './lookup-url.js';

/**
 * What a scan means to the kiosk: the QR on a chip CCCD (prefills the
 * applicant and the login's username), a receipt's lookup QR (opens "Tra
 * cứu hồ sơ"), or something unreadable — whether it came from a HID scanner
 * the host reads or from a keyboard-wedge scanner typing into the page. Never throws: scanner garbage is
 * an answer, not a crash. Messages never repeat the scanned text.
 */
export type ScanMeaning =
  | { kind: 'cccd'; value: CccdQr }
  | { kind: 'lookup'; code: string }
  | { kind: 'unreadable'; code: 'SCAN_UNREADABLE'; message: string; detail?: DetailKey; params?: MessageParams };

/** `reason`: what the CCCD's QR got wrong, which Vietnamese says and English leaves at the general rule. */
function unreadable(reason?: string): ScanMeaning {
  if (!reason) return { kind: 'unreadable', code: 'SCAN_UNREADABLE', message: ERROR_MESSAGES.SCAN_UNREADABLE.vi };
  const params = { reason };
  return { kind: 'unreadable', code: 'SCAN_UNREADABLE', message: detailVi('SCAN_UNREADABLE_BECAUSE', params), detail: 'SCAN_UNREADABLE_BECAUSE', params };
}

export function interpretScan(text: string, opts: { today?: Date; lookup?: ParseLookupOptions } = {}): ScanMeaning {
  try {
    if (typeof text !== 'string' || text.includes('\uFFFD')) return unreadable();
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.length > 2_000) return unreadable();
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(trimmed)) return unreadable();
    if (trimmed.includes('|')) {
      const parsed = parseCccdQr(trimmed, opts.today);
      return parsed.ok ? { kind: 'cccd', value: parsed.value } : unreadable(parsed.message);
    }
    const code = parseLookupQr(trimmed, opts.lookup ?? {});
    return code ? { kind: 'lookup', code } : unreadable();
  } catch {
    return unreadable();
  }
}
