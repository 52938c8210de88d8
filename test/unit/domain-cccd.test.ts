import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCE_CODES, checkCitizenId, parseCccdQr } from '../../src-shared/domain/cccd.js';

const TODAY = new Date('2026-06-15T03:00:00Z');

describe('checkCitizenId', () => {
  it('decodes a CCCD: province, century/sex, birth year', () => {
    expect(checkCitizenId('001090123456', TODAY)).toEqual({ ok: true, kind: 'cccd', provinceCode: '001', birthYear: 1990, sex: 'nam' });
    expect(checkCitizenId('051185000123', TODAY)).toEqual({ ok: true, kind: 'cccd', provinceCode: '051', birthYear: 1985, sex: 'nu' });
    expect(checkCitizenId('079205000001', TODAY)).toEqual({ ok: true, kind: 'cccd', provinceCode: '079', birthYear: 2005, sex: 'nam' });
    expect(checkCitizenId('096326000001', TODAY)).toEqual({ ok: true, kind: 'cccd', provinceCode: '096', birthYear: 2026, sex: 'nu' });
  });

  it('accepts a 9-digit CMND without decoding it and ignores spaces', () => {
    expect(checkCitizenId('212345678', TODAY)).toEqual({ ok: true, kind: 'cmnd' });
    expect(checkCitizenId(' 001 090 123 456 ', TODAY)).toMatchObject({ ok: true, kind: 'cccd' });
  });

  it('rejects a birth year in the future', () => {
    const r = checkCitizenId('001227000001', TODAY); // 2027
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Năm sinh 2027/);
    expect(checkCitizenId('001490000001', TODAY).ok).toBe(false); // 22nd century
  });

  it('rejects province codes that were never assigned', () => {
    for (const code of ['000', '003', '097', '099', '100']) {
      const r = checkCitizenId(`${code}090123456`, TODAY);
      expect(r.ok, code).toBe(false);
      if (!r.ok) expect(r.message).toContain(`Mã tỉnh ${code}`);
    }
    expect(Object.keys(CCCD_PROVINCE_CODES)).toHaveLength(63);
    expect(CCCD_PROVINCE_CODES['051']).toBe('Quảng Ngãi');
  });

  it('names what is wrong with the length or characters', () => {
    const results = ['', '12345', '0010901234567', '00109012345a'].map((v) => checkCitizenId(v, TODAY));
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false]);
    const messages = results.map((r) => (r.ok ? '' : r.message));
    expect(messages[0]).toMatch(/Chưa nhập/);
    expect(messages[1]).toMatch(/12 chữ số.*có 5 chữ số/);
    expect(messages[3]).toMatch(/chỉ gồm chữ số/);
  });
});

describe('parseCccdQr', () => {
  const address = 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh';

  it('reads the seven-field layout', () => {
    expect(parseCccdQr(`001090123456|012345678|Nguyễn Văn A|01011990|Nam|${address}|15042021`, TODAY)).toEqual({
      ok: true,
      value: {
        cccd: '001090123456',
        cmnd: '012345678',
        fullName: 'Nguyễn Văn A',
        birthDate: '1990-01-01',
        sex: 'Nam',
        address,
        issuedOn: '2021-04-15',
      },
    });
  });

  it('tolerates an empty CMND, trailing separators and scanner CR/LF', () => {
    const r = parseCccdQr(`051185000123||Trần Thị Bích|05061985|Nữ|Xã Bình Sơn, Quảng Ngãi|10082022|\r\n`, TODAY);
    expect(r).toMatchObject({ ok: true, value: { cmnd: null, sex: 'Nữ', issuedOn: '2022-08-10', birthDate: '1985-06-05' } });
  });

  it('reads the six-field variant without the CMND field', () => {
    const r = parseCccdQr(`051185000123|Trần Thị Bích|05061985|Nữ|Xã Bình Sơn, Quảng Ngãi|10082022`, TODAY);
    expect(r).toMatchObject({ ok: true, value: { cmnd: null, fullName: 'Trần Thị Bích', address: 'Xã Bình Sơn, Quảng Ngãi', issuedOn: '2022-08-10' } });
  });

  it('accepts a record whose issue date is missing', () => {
    const r = parseCccdQr(`001090123456|012345678|Nguyễn Văn A|01011990|Nam|${address}`, TODAY);
    expect(r).toMatchObject({ ok: true, value: { cmnd: '012345678', address, issuedOn: null } });
  });

  it('keeps names in NFC and collapses spaces', () => {
    const decomposed = 'Nguyễn  Thị   Ánh'.normalize('NFD');
    const r = parseCccdQr(`001190123456||${decomposed}|01011990|NỮ|${address}|15042021`, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.fullName).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
      expect(r.value.fullName.normalize('NFC')).toBe(r.value.fullName);
      expect(r.value.sex).toBe('Nữ');
    }
  });

  it.each([
    ['001090123456|012345678|Nguyễn Văn A|31021990|Nam|x|15042021', /Ngày sinh.*không hợp lệ/],
    ['001090123456|012345678|Nguyễn Văn A|01011990|Nam|x|31022021', /Ngày cấp.*không hợp lệ/],
    ['001090123456|012345678|Nguyễn Văn A|01012027|Nam|x|', /Ngày sinh.*tương lai/],
    ['001090123456|012345678|Nguyễn Văn A|01011990|Nam|x|01072026', /Ngày cấp.*tương lai/],
    ['001090123456|012345678|Nguyễn Văn A|01011990|Nam|x|01011980', /Ngày cấp.*trước ngày sinh/],
    ['001090123456|012345678|Nguyễn Văn A|01011990|Khác|x|15042021', /Giới tính/],
    ['003090123456|012345678|Nguyễn Văn A|01011990|Nam|x|15042021', /Số CCCD.*Mã tỉnh 003/],
    ['012345678|Nguyễn Văn A|01011990|Nam|x|15042021', /12 chữ số/],
    ['001090123456|12345|Nguyễn Văn A|01011990|Nam|x|15042021', /CMND cũ/],
    ['001090123456|012345678||01011990|Nam|x|15042021', /thiếu họ tên/],
    ['001090123456|012345678|Nguyễn Văn A 3|01011990|Nam|x|15042021', /Họ tên/],
    ['https://example.test/qr', /số trường/],
    ['', /số trường/],
    ['1|2|3|4|5|6|7|8', /số trường/],
  ])('rejects %s', (text, message) => {
    const r = parseCccdQr(text, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      // Personal data stays out of messages, which may reach logs.
      expect(r.message).not.toContain('01011990');
      expect(r.message).not.toContain('Nguyễn');
    }
  });
});
