/**
 * Turns text into the HID boot-keyboard reports a keyboard-wedge scanner
 * sends for it (US layout), so the HID fixtures are made from real-shaped
 * CCCD QR strings rather than typed by hand. Each key is a press report
 * followed by an all-zero release, as scanners do; characters a US
 * keyboard cannot type go through Alt+keypad in one of two scanner modes:
 * - 'unicode': Alt + the decimal code point (Unicode-mode scanners);
 * - 'cp1258': Alt + 0 + the Windows-1258 byte (Vietnamese Windows ANSI):
 *   base letter, then the tone mark as a combining character.
 */

export type AltMode = 'unicode' | 'cp1258';

export interface EncodeOptions {
  altMode: AltMode;
  /** Which shift key the scanner uses (modifier bit 0x02 left, 0x20 right). */
  shift?: 'left' | 'right';
  /** Some scanners send every report twice; the decoder must not repeat the key. */
  doubledReports?: boolean;
  /** Alt key: left (0x04) or right (0x40). */
  alt?: 'left' | 'right';
}

const US_UNSHIFTED = '1234567890';
const US_SHIFTED = '!@#$%^&*()';
const SYMBOLS: Record<string, [number, boolean]> = {
  ' ': [0x2c, false], '-': [0x2d, false], _: [0x2d, true], '=': [0x2e, false], '+': [0x2e, true],
  '[': [0x2f, false], '{': [0x2f, true], ']': [0x30, false], '}': [0x30, true], '\\': [0x31, false],
  '|': [0x31, true], ';': [0x33, false], ':': [0x33, true], "'": [0x34, false], '"': [0x34, true],
  '`': [0x35, false], '~': [0x35, true], ',': [0x36, false], '<': [0x36, true], '.': [0x37, false],
  '>': [0x37, true], '/': [0x38, false], '?': [0x38, true], '\t': [0x2b, false],
};

function usKey(ch: string): [number, boolean] | null {
  const code = ch.charCodeAt(0);
  if (ch.length !== 1) return null;
  if (ch >= 'a' && ch <= 'z') return [0x04 + code - 0x61, false];
  if (ch >= 'A' && ch <= 'Z') return [0x04 + code - 0x41, true];
  const d = US_UNSHIFTED.indexOf(ch);
  if (d >= 0) return [0x1e + d, false];
  const s = US_SHIFTED.indexOf(ch);
  if (s >= 0) return [0x1e + s, true];
  return SYMBOLS[ch] ?? null;
}

/** Windows-1258 byte of a character, for the ones that have one. */
const CP1258: Record<string, number> = (() => {
  const table: Record<string, number> = {};
  const special: Record<number, number> = {
    0xc3: 0x0102, 0xcc: 0x0300, 0xd0: 0x0110, 0xd2: 0x0309, 0xd5: 0x01a0, 0xdd: 0x01af, 0xde: 0x0303,
    0xe3: 0x0103, 0xec: 0x0301, 0xf0: 0x0111, 0xf2: 0x0323, 0xf5: 0x01a1, 0xfd: 0x01b0, 0xfe: 0x20ab,
  };
  for (let b = 0xa0; b <= 0xff; b++) table[String.fromCodePoint(special[b] ?? b)] = b;
  return table;
})();

const KEYPAD = (digit: string) => (digit === '0' ? 0x62 : 0x58 + Number(digit));

function report(mod: number, key = 0): Buffer {
  return Buffer.from([mod, 0, key, 0, 0, 0, 0, 0]);
}

export function encodeScan(text: string, opts: EncodeOptions): Buffer[] {
  const shiftBit = opts.shift === 'right' ? 0x20 : 0x02;
  const altBit = opts.alt === 'right' ? 0x40 : 0x04;
  const out: Buffer[] = [];
  const send = (r: Buffer) => {
    out.push(r);
    if (opts.doubledReports) out.push(Buffer.from(r));
  };
  const tap = (key: number, mod: number) => {
    send(report(mod, key));
    send(report(0));
  };
  const altCode = (digits: string) => {
    send(report(altBit));
    for (const d of digits) {
      send(report(altBit, KEYPAD(d)));
      send(report(altBit));
    }
    send(report(0));
  };

  for (const ch of text.normalize('NFC')) {
    const us = usKey(ch);
    if (us) {
      tap(us[0], us[1] ? shiftBit : 0);
      continue;
    }
    if (opts.altMode === 'unicode') {
      altCode(String(ch.codePointAt(0)));
      continue;
    }
    const direct = CP1258[ch];
    if (direct !== undefined) {
      altCode(`0${direct}`);
      continue;
    }
    // Vietnamese Windows text: base letter (with its circumflex/breve/horn) then the tone mark.
    const nfd = ch.normalize('NFD');
    const tone = [...nfd].find((c) => CP1258[c] !== undefined && /[\u0300\u0301\u0303\u0309\u0323]/.test(c));
    if (!tone) throw new Error(`cannot type U+${ch.codePointAt(0)?.toString(16)} in cp1258 mode`);
    const base = nfd.replace(tone, '').normalize('NFC');
    for (const part of [base, tone]) {
      const us2 = usKey(part);
      if (us2) tap(us2[0], us2[1] ? shiftBit : 0);
      else {
        const byte = CP1258[part];
        if (byte === undefined) throw new Error(`cannot type U+${part.codePointAt(0)?.toString(16)} in cp1258 mode`);
        altCode(`0${byte}`);
      }
    }
  }
  tap(0x28, 0); // Enter
  return out;
}

export interface HidFixture {
  description: string;
  /** What the scanner read (the QR content), NFC. */
  text: string;
  encoding: EncodeOptions;
  /** One hex string per HID input report, in order. */
  reports: string[];
}

export function makeFixture(description: string, text: string, encoding: EncodeOptions): HidFixture {
  return { description, text: text.normalize('NFC'), encoding, reports: encodeScan(text, encoding).map((r) => r.toString('hex')) };
}
