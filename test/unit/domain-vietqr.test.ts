import { describe, expect, it } from 'vitest';
import {
  buildVietQr,
  crc16CcittFalse,
  foldVietQrText,
  hasValidCrc,
  parseEmvTlv,
  parseVietQr,
} from '../../src-shared/domain/vietqr.js';

const NAPAS_EXAMPLE =
  '00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13';

describe('crc16CcittFalse', () => {
  it('matches the catalogue check value', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('is FFFF for no data and always 4 uppercase hex digits', () => {
    expect(crc16CcittFalse('')).toBe('FFFF');
    expect(crc16CcittFalse('A')).toMatch(/^[0-9A-F]{4}$/);
  });

  it('seals the NAPAS example', () => {
    expect(crc16CcittFalse(NAPAS_EXAMPLE.slice(0, -4))).toBe('AC13');
  });
});

describe('buildVietQr', () => {
  it('rebuilds the NAPAS example from its parts', () => {
    expect(
      buildVietQr({ bankBin: '970416', account: '224528479', amount: 10000, billNumber: 'NPS6869', purpose: 'TRANSFER TO SOMEONE' }),
    ).toBe(NAPAS_EXAMPLE);
  });

  it('is static (11) without an amount and dynamic (12) with one', () => {
    const fixed = parseEmvTlv(buildVietQr({ bankBin: '970436', account: '0011004123456' }));
    expect(fixed.get('01')).toBe('11');
    expect(fixed.has('54')).toBe(false);
    expect(fixed.has('62')).toBe(false);
    const dynamic = parseEmvTlv(buildVietQr({ bankBin: '970436', account: '0011004123456', amount: 50000 }));
    expect(dynamic.get('01')).toBe('12');
    expect(dynamic.get('54')).toBe('50000');
  });

  it('lays out tags 00, 01, 38, 53, 54, 58, 62, 63 in order with nested 38', () => {
    const payload = buildVietQr({ bankBin: '970416', account: '224528479', amount: 20000, purpose: 'Phí hồ sơ', service: 'QRIBFTTC' });
    const top = parseEmvTlv(payload);
    expect([...top.keys()]).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(top.get('53')).toBe('704');
    expect(top.get('58')).toBe('VN');
    const merchant = parseEmvTlv(top.get('38') ?? '');
    expect(merchant.get('00')).toBe('A000000727');
    expect(merchant.get('02')).toBe('QRIBFTTC');
    expect(parseEmvTlv(merchant.get('01') ?? '')).toEqual(new Map([['00', '970416'], ['01', '224528479']]));
    expect(hasValidCrc(payload)).toBe(true);
  });

  it('folds Vietnamese in the purpose to ASCII uppercase, keeping a mã hồ sơ intact', () => {
    expect(foldVietQrText('Nộp phí   đăng ký hộ kinh doanh')).toBe('NOP PHI DANG KY HO KINH DOANH');
    const info = parseVietQr(buildVietQr({ bankBin: '970416', account: '224528479', amount: 150000, purpose: '000.00.53.H48-260429-0012' }));
    expect(info.purpose).toBe('000.00.53.H48-260429-0012');
    expect(parseVietQr(buildVietQr({ bankBin: '970416', account: '1', purpose: 'Lệ phí Đ' })).purpose).toBe('LE PHI D');
  });

  it('rejects bad input with Vietnamese RangeErrors', () => {
    expect(() => buildVietQr({ bankBin: '97041', account: '1' })).toThrow(/BIN/);
    expect(() => buildVietQr({ bankBin: '97041a', account: '1' })).toThrow(RangeError);
    expect(() => buildVietQr({ bankBin: '970416', account: '' })).toThrow(/Số tài khoản/);
    expect(() => buildVietQr({ bankBin: '970416', account: '12 34' })).toThrow(/Số tài khoản/);
    expect(() => buildVietQr({ bankBin: '970416', account: '12345678901234567890' })).toThrow(/Số tài khoản/);
    for (const amount of [0, -5, 1.5, Number.NaN, 1e13]) {
      expect(() => buildVietQr({ bankBin: '970416', account: '1', amount })).toThrow(/Số tiền/);
    }
    expect(() => buildVietQr({ bankBin: '970416', account: '1', purpose: 'Thanh toán lệ phí hồ sơ số 12' })).toThrow(/tối đa 25 ký tự/);
  });
});

describe('parseEmvTlv / parseVietQr', () => {
  it('reads the NAPAS example back', () => {
    expect(parseVietQr(NAPAS_EXAMPLE)).toEqual({
      dynamic: true,
      bankBin: '970416',
      account: '224528479',
      service: 'QRIBFTTA',
      amount: 10000,
      purpose: 'TRANSFER TO SOMEONE',
      billNumber: 'NPS6869',
    });
  });

  it('detects a corrupted payload', () => {
    const tampered = NAPAS_EXAMPLE.replace('5405100005802', '5405900005802');
    expect(hasValidCrc(tampered)).toBe(false);
    expect(() => parseVietQr(tampered)).toThrow(/CRC/);
  });

  it('throws on lengths running past the end and on repeated tags', () => {
    expect(() => parseEmvTlv('000201015')).toThrow(/Mã QR hỏng/);
    expect(() => parseEmvTlv('0002010005')).toThrow(/dài quá cuối/);
    expect(() => parseEmvTlv('00020100020')).toThrow(RangeError);
    expect(() => parseEmvTlv('0002010002AB')).toThrow(/lặp lại/);
    expect(parseEmvTlv('')).toEqual(new Map());
  });
});
