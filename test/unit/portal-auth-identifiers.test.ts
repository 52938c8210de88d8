import { describe, expect, it } from 'vitest';
import { citizenIdProblem, maskPhone, normalizeVnMobile, taxCodeCheckDigit, taxCodeProblem } from '../../src-portal/auth/identifiers.js';
import { taxCodeFromSubject } from '../../src-portal/auth/cert-verify.js';
import { hashPassword, verifyPassword } from '../../src-portal/auth/passwords.js';

describe('mã số thuế', () => {
  it('computes the check digit of published MSTs', () => {
    expect(taxCodeCheckDigit('010010910')).toBe(6); // 0100109106
    expect(taxCodeCheckDigit('010023358')).toBe(3); // 0100233583
  });

  it('accepts 10 digits and branch codes, refuses the rest', () => {
    expect(taxCodeProblem('0100109106')).toBeNull();
    expect(taxCodeProblem('0100109106-001')).toBeNull();
    expect(taxCodeProblem('0100109107')).toMatch(/chữ số kiểm tra/);
    expect(taxCodeProblem('0100109106-000')).toMatch(/000/);
    expect(taxCodeProblem('010010910')).toMatch(/10 chữ số/);
    expect(taxCodeProblem('0100109106001')).toMatch(/10 chữ số/);
  });
});

describe('MST in a certificate subject', () => {
  const at = (key: string, value: string) => ({ key, value });
  it.each([
    [[at('UID', 'MST:0100109106')], '0100109106'],
    [[at('UID', 'MST:0100109106-001')], '0100109106-001'],
    [[at('0.9.2342.19200300.100.1.1', 'MST: 0100109106')], '0100109106'],
    [[at('UID', '0100109106')], '0100109106'],
    [[at('OU', 'MST=0100109106')], '0100109106'],
    [[at('CN', 'CÔNG TY A - MST 0100109106')], '0100109106'],
  ])('reads %j', (attributes, expected) => {
    expect(taxCodeFromSubject(attributes)).toBe(expected);
  });

  it.each([
    [[at('UID', 'CCCD:051085001234')]],
    [[at('CN', '0100109106')]],
    [[at('UID', 'MST:01001091060')]],
    [[at('UID', 'MST:0100109107')]],
    [[at('O', 'HAMSTER 0100109106')]],
  ])('finds none in %j', (attributes) => {
    expect(taxCodeFromSubject(attributes)).toBeNull();
  });
});

describe('citizen ids and phones', () => {
  it('checks CCCD structure through the shared rule and takes 9-digit CMNDs', () => {
    expect(citizenIdProblem('051085001234')).toBeNull();
    expect(citizenIdProblem('212345678')).toBeNull();
    expect(citizenIdProblem('999085001234')).toMatch(/Mã tỉnh/);
    expect(citizenIdProblem('05108500123')).toMatch(/12 chữ số/);
  });

  it('normalises Vietnamese mobile numbers and masks them', () => {
    expect(normalizeVnMobile('+84 912 000 111')).toBe('0912000111');
    expect(normalizeVnMobile('84912000111')).toBe('0912000111');
    expect(normalizeVnMobile('0912.000.111')).toBe('0912000111');
    expect(normalizeVnMobile('0255000444')).toBeNull();
    expect(normalizeVnMobile('091200011')).toBeNull();
    expect(maskPhone('0912345689')).toBe('09******89');
  });
});

describe('passwords', () => {
  it('hashes with a per-password salt and verifies', async () => {
    const a = await hashPassword('Mật khẩu@2026');
    const b = await hashPassword('Mật khẩu@2026');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('Mật khẩu@2026', a)).toBe(true);
    // NFD input of the same text is the same password.
    expect(await verifyPassword('Mật khẩu@2026'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mật khẩu@2026', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
