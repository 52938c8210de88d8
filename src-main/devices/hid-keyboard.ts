/**
 * Decodes the report stream of a keyboard-wedge scanner (USB HID boot
 * keyboard: 8-byte reports `[modifiers, reserved, key1 … key6]`) into
 * text, as a US-layout keyboard would type it.
 *
 * - A key counts when it appears in a report and was not in the previous
 *   one; a held key (the same report again) is not repeated. Scanners
 *   release every key between characters, so "11" arrives as press,
 *   release, press.
 * - Shift (left or right) and Caps Lock give upper case and the shifted
 *   symbols. Enter (main or keypad) ends the scan.
 * - Vietnamese letters cannot be typed as US keystrokes. Scanners set to
 *   "Alt+keypad" output (Honeywell "Unicode/Alt mode", Zebra "Unicode
 *   output", Datalogic "Alt mode") hold Alt and type the character's code
 *   on the keypad, then release Alt. As on Windows, a code typed with a
 *   leading 0 is a byte of the ANSI code page, which on Vietnamese Windows
 *   is Windows-1258 (Đ = Alt+0208; its tone marks are combining characters
 *   and come out composed after NFC); a code without the leading 0 is the
 *   Unicode code point in decimal (ệ = Alt+7879), what Unicode-mode
 *   scanners send for every non-ASCII character.
 */

export type KeyEvent = { kind: 'char'; char: string } | { kind: 'enter' };

const MOD_SHIFT = 0x02 | 0x20;
const MOD_ALT = 0x04 | 0x40;

const LETTER_FIRST = 0x04;
const LETTER_LAST = 0x1d;
const KEY_ENTER = 0x28;
const KEY_KP_ENTER = 0x58;
const KEY_CAPS_LOCK = 0x39;
const ERROR_ROLLOVER = 0x01;

/** Unshifted and shifted characters of the non-letter keys on a US layout. */
const US_KEYS: Readonly<Record<number, readonly [string, string]>> = {
  0x1e: ['1', '!'], 0x1f: ['2', '@'], 0x20: ['3', '#'], 0x21: ['4', '$'], 0x22: ['5', '%'],
  0x23: ['6', '^'], 0x24: ['7', '&'], 0x25: ['8', '*'], 0x26: ['9', '('], 0x27: ['0', ')'],
  0x2b: ['\t', '\t'], 0x2c: [' ', ' '], 0x2d: ['-', '_'], 0x2e: ['=', '+'], 0x2f: ['[', '{'],
  0x30: [']', '}'], 0x31: ['\\', '|'], 0x32: ['#', '~'], 0x33: [';', ':'], 0x34: ["'", '"'],
  0x35: ['`', '~'], 0x36: [',', '<'], 0x37: ['.', '>'], 0x38: ['/', '?'],
  // Keypad (Num Lock on, as scanners assume).
  0x54: ['/', '/'], 0x55: ['*', '*'], 0x56: ['-', '-'], 0x57: ['+', '+'], 0x63: ['.', '.'],
};

/** Keypad 1–9, 0 → digit. */
function keypadDigit(key: number): string | null {
  if (key >= 0x59 && key <= 0x61) return String(key - 0x58);
  if (key === 0x62) return '0';
  return null;
}

/**
 * Windows-1258 bytes 0x80–0xFF that differ from Latin-1 (everything not
 * listed maps to the same code point). Undefined bytes are absent.
 */
const CP1258_HIGH: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8b: 0x2039, 0x8c: 0x0152, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9f: 0x0178, 0xc3: 0x0102, 0xcc: 0x0300, 0xd0: 0x0110, 0xd2: 0x0309, 0xd5: 0x01a0,
  0xdd: 0x01af, 0xde: 0x0303, 0xe3: 0x0103, 0xec: 0x0301, 0xf0: 0x0111, 0xf2: 0x0323, 0xf5: 0x01a1,
  0xfd: 0x01b0, 0xfe: 0x20ab,
};
const CP1258_UNDEFINED = new Set([0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e]);

/** The character an Alt+keypad code stands for; U+FFFD for a code that is no character. */
export function altCodeToChar(digits: string): string {
  const value = Number(digits);
  if (!/^\d{1,7}$/.test(digits) || value === 0) return '\uFFFD';
  if (digits.startsWith('0')) {
    if (value > 0xff || CP1258_UNDEFINED.has(value)) return '\uFFFD';
    return String.fromCodePoint(CP1258_HIGH[value] ?? value);
  }
  if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(value);
}

/** Stateful decoder: feed it reports in order, it returns the key events each one makes. */
export class BootKeyboardDecoder {
  private held = new Set<number>();
  private capsLock = false;
  private altDigits: string | null = null;

  reset(): void {
    this.held.clear();
    this.capsLock = false;
    this.altDigits = null;
  }

  push(report: Uint8Array): KeyEvent[] {
    // Devices that use report ids put one in front: 9 bytes.
    const r = report.length === 9 ? report.subarray(1) : report;
    if (r.length !== 8) return [];
    const modifiers = r[0] ?? 0;
    const keys = [...r.subarray(2)].filter((k) => k !== 0);
    if (keys.includes(ERROR_ROLLOVER)) return []; // Too many keys at once: the report carries no key state.

    const events: KeyEvent[] = [];
    const alt = (modifiers & MOD_ALT) !== 0;
    if (alt && this.altDigits === null) this.altDigits = '';
    const pressed = keys.filter((k) => !this.held.has(k));
    this.held = new Set(keys);

    for (const key of pressed) {
      if (this.altDigits !== null && alt) {
        const digit = keypadDigit(key);
        if (digit !== null) this.altDigits += digit;
        continue; // Alt with any other key is a shortcut, not text.
      }
      const event = this.keyEvent(key, (modifiers & MOD_SHIFT) !== 0);
      if (event) events.push(event);
    }
    if (!alt && this.altDigits !== null) {
      if (this.altDigits !== '') events.push({ kind: 'char', char: altCodeToChar(this.altDigits) });
      this.altDigits = null;
    }
    return events;
  }

  private keyEvent(key: number, shift: boolean): KeyEvent | null {
    if (key === KEY_ENTER || key === KEY_KP_ENTER) return { kind: 'enter' };
    if (key === KEY_CAPS_LOCK) {
      this.capsLock = !this.capsLock;
      return null;
    }
    if (key >= LETTER_FIRST && key <= LETTER_LAST) {
      const lower = String.fromCharCode(0x61 + key - LETTER_FIRST);
      return { kind: 'char', char: shift !== this.capsLock ? lower.toUpperCase() : lower };
    }
    const digit = keypadDigit(key);
    if (digit !== null) return { kind: 'char', char: digit };
    const pair = US_KEYS[key];
    return pair ? { kind: 'char', char: shift ? pair[1] : pair[0] } : null;
  }
}
