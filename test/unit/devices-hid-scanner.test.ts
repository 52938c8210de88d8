import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { interpretScan } from '../../src-shared/domain/scan-meaning.js';
import { altCodeToChar, BootKeyboardDecoder } from '../../src-main/devices/hid-keyboard.js';
import { HidScanner, type ScannerSource } from '../../src-main/devices/hid-scanner.js';
import { encodeScan, makeFixture, type EncodeOptions, type HidFixture } from '../support/devices-hid-encoder.js';

/**
 * Keyboard-wedge scanner decoding from recorded HID report streams
 * (test/fixtures/hid/*.json, made by the encoder in test/support from
 * real-shaped CCCD QR strings; `UPDATE_HID_FIXTURES=1` rewrites them).
 */

const FIXTURE_DIR = path.resolve(import.meta.dirname, '../fixtures/hid');
const TODAY = new Date('2026-03-02T03:00:00Z');

const SOURCES: { file: string; description: string; text: string; encoding: EncodeOptions }[] = [
  {
    file: 'cccd-nguyen-van-hung.json',
    description: 'CCCD, 7 fields, Unicode Alt-mode scanner, left shift',
    text: '051090012345|212345678|Nguyễn Văn Hùng|15031990|Nam|Thôn An Hội Bắc, Xã Tịnh Ấn Tây, Thành phố Quảng Ngãi, Quảng Ngãi|12082021',
    encoding: { altMode: 'unicode', shift: 'left' },
  },
  {
    file: 'cccd-tran-thi-ngoc-anh.json',
    description: 'CCCD without old CMND (empty field), right shift and right Alt, every report sent twice',
    text: '051195004321||Trần Thị Ngọc Ánh|02111995|Nữ|Tổ 5, Phường Nghĩa Chánh, Thành phố Quảng Ngãi, Quảng Ngãi|20042022',
    encoding: { altMode: 'unicode', shift: 'right', alt: 'right', doubledReports: true },
  },
  {
    file: 'cccd-pham-duc-thinh-cp1258.json',
    description: 'Six-field CCCD variant, scanner in Windows-1258 Alt+0 mode (base letter then tone mark)',
    text: '051202001122|Phạm Đức Thịnh|07072002|Nam|Số 12 Đường Lê Lợi, Thị trấn Châu Ổ, Huyện Bình Sơn, Quảng Ngãi|01022023',
    encoding: { altMode: 'cp1258', shift: 'left' },
  },
  {
    file: 'cccd-vo-thi-thu-huong.json',
    description: 'CCCD of a woman born in Đà Nẵng living in Quảng Ngãi, Unicode Alt mode',
    text: '048185009876|201234567|Võ Thị Thu Hương|28021985|Nữ|Khu dân cư số 3, Phường Trương Quang Trọng, Thành phố Quảng Ngãi, Quảng Ngãi|05062021',
    encoding: { altMode: 'unicode', shift: 'left' },
  },
];

function readFixture(file: string): HidFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as HidFixture;
}

class RecordedSource extends EventEmitter implements ScannerSource {
  closed = false;
  close(): void {
    this.closed = true;
  }
  play(reports: readonly (string | Buffer)[]): void {
    for (const r of reports) this.emit('data', typeof r === 'string' ? Buffer.from(r, 'hex') : r);
  }
}

function scanAll(reports: readonly (string | Buffer)[]): string[] {
  const source = new RecordedSource();
  const scans: string[] = [];
  const scanner = new HidScanner(source, { onScan: (t) => scans.push(t) });
  source.play(reports);
  scanner.close();
  return scans;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HID fixtures', () => {
  it.each(SOURCES)('$file is what the encoder makes of its CCCD string', (src) => {
    const fresh = makeFixture(src.description, src.text, src.encoding);
    if (process.env.UPDATE_HID_FIXTURES === '1') fs.writeFileSync(path.join(FIXTURE_DIR, src.file), `${JSON.stringify(fresh, null, 2)}\n`);
    expect(readFixture(src.file)).toEqual(fresh);
  });
});

describe('keyboard-wedge decoding of recorded reports', () => {
  it.each(SOURCES)('$file decodes to the scanned CCCD text and a valid CCCD', (src) => {
    const fixture = readFixture(src.file);
    expect(fixture.reports.length).toBeGreaterThan(fixture.text.length * 2);
    const scans = scanAll(fixture.reports);
    expect(scans).toEqual([fixture.text]);
    const meaning = interpretScan(scans[0] ?? '', { today: TODAY });
    expect(meaning.kind).toBe('cccd');
  });

  it('reads the fields of the first fixture (diacritics, dates, sex)', () => {
    const [text] = scanAll(readFixture('cccd-nguyen-van-hung.json').reports);
    expect(interpretScan(text ?? '', { today: TODAY })).toEqual({
      kind: 'cccd',
      value: {
        cccd: '051090012345',
        cmnd: '212345678',
        fullName: 'Nguyễn Văn Hùng',
        birthDate: '1990-03-15',
        sex: 'Nam',
        address: 'Thôn An Hội Bắc, Xã Tịnh Ấn Tây, Thành phố Quảng Ngãi, Quảng Ngãi',
        issuedOn: '2021-08-12',
      },
    });
  });

  it('the Windows-1258 fixture composes base letters and tone marks back to NFC', () => {
    const [text] = scanAll(readFixture('cccd-pham-duc-thinh-cp1258.json').reports);
    const meaning = interpretScan(text ?? '', { today: TODAY });
    expect(meaning).toMatchObject({ kind: 'cccd', value: { cmnd: null, fullName: 'Phạm Đức Thịnh', sex: 'Nam' } });
    expect(text).toBe(text?.normalize('NFC'));
  });

  it('two scans in one stream come out as two texts', () => {
    const a = readFixture('cccd-nguyen-van-hung.json');
    const b = readFixture('cccd-vo-thi-thu-huong.json');
    expect(scanAll([...a.reports, ...b.reports])).toEqual([a.text, b.text]);
  });
});

describe('BootKeyboardDecoder', () => {
  const press = (mod: number, ...keys: number[]) => Buffer.from([mod, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
  const chars = (d: BootKeyboardDecoder, reports: Buffer[]) =>
    reports.flatMap((r) => d.push(r)).map((e) => (e.kind === 'char' ? e.char : '⏎')).join('');

  it('shift gives capitals and shifted symbols; a held key is not repeated; release then press repeats', () => {
    const d = new BootKeyboardDecoder();
    expect(chars(d, [press(0x02, 0x04), press(0x02, 0x04), press(0), press(0, 0x1e), press(0), press(0, 0x1e), press(0x20, 0x1f), press(0, 0x28)])).toBe('A11@⏎');
  });

  it('caps lock toggles letters, not digits', () => {
    const d = new BootKeyboardDecoder();
    expect(chars(d, [press(0, 0x39), press(0), press(0, 0x05), press(0), press(0x02, 0x05), press(0), press(0, 0x1f), press(0)])).toBe('Bb2');
  });

  it('a 9-byte report with a report id and the keypad Enter are understood; rollover errors are ignored', () => {
    const d = new BootKeyboardDecoder();
    const withId = Buffer.concat([Buffer.from([0x01]), press(0, 0x06)]);
    expect(chars(d, [withId, press(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), press(0), press(0, 0x58)])).toBe('c⏎');
  });

  it('Alt+keypad: decimal Unicode without a leading 0, Windows-1258 with it', () => {
    expect(altCodeToChar('7879')).toBe('ệ');
    expect(altCodeToChar('272')).toBe('Đ');
    expect(altCodeToChar('0208')).toBe('Đ');
    expect(altCodeToChar('0253')).toBe('ư');
    expect(altCodeToChar('0236')).toBe('\u0301');
    expect(altCodeToChar('0233')).toBe('é');
    expect(altCodeToChar('0')).toBe('\uFFFD');
    expect(altCodeToChar('0300')).toBe('\uFFFD');
    expect(altCodeToChar('0138')).toBe('\uFFFD');
    expect(altCodeToChar('9999999')).toBe('\uFFFD');
    expect(altCodeToChar('55296')).toBe('\uFFFD');
  });

  it('Alt with a non-keypad key is a shortcut and types nothing', () => {
    const d = new BootKeyboardDecoder();
    expect(chars(d, [press(0x04), press(0x04, 0x2b), press(0x04), press(0), press(0, 0x04), press(0)])).toBe('a');
  });

  it('malformed reports (wrong length) are ignored', () => {
    const d = new BootKeyboardDecoder();
    expect(d.push(Buffer.from([0, 0, 4]))).toEqual([]);
    expect(d.push(Buffer.alloc(64))).toEqual([]);
  });
});

describe('scanner garbage and malformed scans', () => {
  it('random report bytes never throw and never produce a valid CCCD', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    };
    const reports = Array.from({ length: 2000 }, () => Buffer.from(Array.from({ length: 8 }, rand)));
    const scans = scanAll(reports);
    for (const s of scans) expect(interpretScan(s, { today: TODAY }).kind).not.toBe('cccd');
  });

  it('a scan cut off without Enter is dropped after the pause; the next scan is whole', () => {
    vi.useFakeTimers();
    const source = new RecordedSource();
    const scans: string[] = [];
    const scanner = new HidScanner(source, { onScan: (t) => scans.push(t), idleResetMs: 500 });
    const full = readFixture('cccd-vo-thi-thu-huong.json');
    source.play(full.reports.slice(0, 40));
    vi.advanceTimersByTime(600);
    source.play(full.reports);
    expect(scans).toEqual([full.text]);
    scanner.close();
  });

  it('an overlong scan is reported unreadable instead of growing without bound', () => {
    const scans: string[] = [];
    const source = new RecordedSource();
    const scanner = new HidScanner(source, { onScan: (t) => scans.push(t), maxLength: 50 });
    source.play(encodeScan('x'.repeat(120), { altMode: 'unicode' }));
    scanner.close();
    expect(scans).toHaveLength(1);
    expect(interpretScan(scans[0] ?? '')).toMatchObject({ kind: 'unreadable', code: 'SCAN_UNREADABLE' });
  });

  it('a read error closes the scanner and reports the disconnection', () => {
    const source = new RecordedSource();
    const onDisconnect = vi.fn();
    const scans: string[] = [];
    new HidScanner(source, { onScan: (t) => scans.push(t), onDisconnect });
    source.emit('error', new Error('could not read from HID device'));
    source.play(encodeScan('abc', { altMode: 'unicode' }));
    expect(onDisconnect).toHaveBeenCalledOnce();
    expect(source.closed).toBe(true);
    expect(scans).toEqual([]);
  });

  it.each([
    ['a VietQR payment payload', '00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13'],
    ['a foreign URL', 'https://example.com/?q=1'],
    ['an empty scan', '   '],
    ['control characters', 'abc\u0007def'],
  ])('%s is "không đọc được mã"', (_what, text) => {
    const m = interpretScan(text, { today: TODAY });
    expect(m).toMatchObject({ kind: 'unreadable', code: 'SCAN_UNREADABLE' });
    if (m.kind === 'unreadable') expect(m.message).toContain('Không đọc được mã');
  });

  it('a CCCD QR with an impossible birth date is rejected with the field named, not the value', () => {
    const m = interpretScan('051090012345|212345678|Nguyễn Văn Hùng|31021990|Nam|Quảng Ngãi|12082021', { today: TODAY });
    expect(m.kind).toBe('unreadable');
    if (m.kind === 'unreadable') {
      expect(m.message).toContain('Ngày sinh');
      expect(m.message).not.toContain('Hùng');
      expect(m.message).not.toContain('051090012345');
    }
  });

  it('a receipt lookup QR opens the lookup with its mã hồ sơ', () => {
    expect(interpretScan('https://dichvucong.quangngai.gov.vn/tra-cuu?ma=000.00.53.h48-220921-0099')).toEqual({
      kind: 'lookup',
      code: '000.00.53.H48-220921-0099',
    });
    const [scanned] = scanAll(encodeScan('https://dichvucong.quangngai.gov.vn/tra-cuu?ma=000.00.53.H48-220921-0099', { altMode: 'unicode' }));
    expect(interpretScan(scanned ?? '')).toEqual({ kind: 'lookup', code: '000.00.53.H48-220921-0099' });
  });
});
