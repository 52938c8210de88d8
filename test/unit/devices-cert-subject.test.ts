import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidTaxCode, taxCodeFromAttributes, validityAt } from '../../src-main/devices/cert-subject.js';
import { ecdsaRawToDer } from '../../src-main/devices/ecdsa-der.js';
import { pinIncorrectError } from '../../src-main/devices/device-errors.js';

const UID = '0.9.2342.19200300.100.1.1';
const CN = '2.5.4.3';
const OU = '2.5.4.11';

describe('MST in a certificate subject', () => {
  it.each([
    ['UID=MST:… (VNPT-CA, Viettel-CA)', [{ oid: UID, value: 'MST:4300987659' }], '4300987659'],
    ['a branch in UID', [{ oid: UID, value: 'MST:4300987659-001' }], '4300987659-001'],
    ['a bare number in UID', [{ oid: UID, value: '4302007778' }], '4302007778'],
    ['OU "MST: …"', [{ oid: OU, value: 'MST: 4302007778' }], '4302007778'],
    ['CN "… - MST 4300123458"', [{ oid: CN, value: 'CÔNG TY CỔ PHẦN SA HUỲNH - MST 4300123458' }], '4300123458'],
    ['UID wins over CN', [{ oid: CN, value: 'MST 4300123458' }, { oid: UID, value: 'MST:4300987659' }], '4300987659'],
  ])('%s', (_shape, attrs, expected) => {
    expect(taxCodeFromAttributes(attrs)).toBe(expected);
  });

  it('ignores numbers with a wrong check digit, personal ids and text without MST', () => {
    expect(taxCodeFromAttributes([{ oid: UID, value: 'MST:4300987650' }])).toBeNull();
    expect(taxCodeFromAttributes([{ oid: UID, value: 'CMND:212345678' }])).toBeNull();
    expect(taxCodeFromAttributes([{ oid: CN, value: 'NGUYỄN VĂN HÙNG' }])).toBeNull();
    expect(isValidTaxCode('4300987659-000')).toBe(false);
  });

  it('validity at a moment', () => {
    const s = { validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2027-01-01T00:00:00Z') };
    expect(validityAt(s, new Date('2025-12-31T23:59:59Z'))).toBe('not-yet-valid');
    expect(validityAt(s, new Date('2026-06-01T00:00:00Z'))).toBe('valid');
    expect(validityAt(s, new Date('2027-01-01T00:00:01Z'))).toBe('expired');
  });
});

describe('ECDSA r||s to DER', () => {
  it('verifies with OpenSSL for many keys (leading zeros and high bits included)', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 64; i++) {
      const data = Buffer.from(`nonce-${i}`);
      const raw = crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = ecdsaRawToDer(raw);
      expect(crypto.verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
    expect(() => ecdsaRawToDer(new Uint8Array(3))).toThrow();
  });
});

describe('wrong-PIN messages', () => {
  it('say what the token says about the tries left, in Vietnamese', () => {
    expect(pinIncorrectError(1).message).toContain('lần thử cuối cùng');
    expect(pinIncorrectError('few').message).toContain('còn ít lần thử');
    expect(pinIncorrectError(4).message).toContain('Còn 4 lần thử');
    expect(pinIncorrectError(undefined).message).toBe('Mã PIN không đúng. Vui lòng nhập lại.');
  });
});
