/**
 * One cleaner for every file name a person hands the kiosk or the portal.
 * A file name is shown on receipts, on officers' screens and used in
 * downloads, so it must not carry a path, markup, control characters or
 * bidi overrides (which make "gpj.exe" display as "exe.jpg").
 */

/** Used when nothing printable is left of the name. */
export const FALLBACK_FILE_NAME = 'tep-dinh-kem';

/** The kiosk contract's limit for a file name (AttachmentRefSchema). */
export const MAX_FILE_NAME_LENGTH = 200;

// C0, DEL and C1 controls; bidi embeddings, overrides, isolates and marks; zero-width characters and the BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Markup and the characters Windows refuses in a file name (a citizen may download it there).
const RESERVED = /[<>:"|?*]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const EXTENSION = /\.([\p{L}\p{N}]{1,10})$/u;

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutTo(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * The name as it may be stored and shown: the last path segment only, in
 * NFC, without invisible or reserved characters, no leading dots (no
 * "..", no hidden files), at most `maxLength` UTF-16 units with the
 * extension kept, and never empty.
 */
export function cleanFileName(name: string | null | undefined, maxLength = MAX_FILE_NAME_LENGTH): string {
  const lastSegment = (name ?? '').replace(LONE_SURROGATE, '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  // NFC again once the invisible characters are out: one between a letter and its mark
  // ("e\u200b\u0301") hid a composable pair, and a second cleaning would compose it.
  const printable = lastSegment.replace(INVISIBLE, '').replace(RESERVED, '').replace(/\s+/g, ' ').trim().normalize('NFC');
  // Trailing dots go before the extension is read: "a..0." must clean to what "a..0" cleans to.
  const untrailed = printable.replace(/[.\s]+$/, '');
  const ext = EXTENSION.exec(untrailed)?.[1] ?? '';
  const suffix = ext ? `.${ext}` : '';
  const tidyStem = (s: string) => s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const stem = cutTo(tidyStem(untrailed.slice(0, untrailed.length - suffix.length)), Math.max(1, maxLength - suffix.length));
  return `${tidyStem(stem) || FALLBACK_FILE_NAME}${suffix}`;
}
