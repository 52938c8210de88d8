import { describe, expect, it } from 'vitest';
import { enrolmentCodeMatches, isLoopbackAddress } from '../../src-portal/auth/kiosk-enrolment.js';
import { lookupBucket } from '../../src-portal/applications/lookup-rate-limit.js';
import { holidayKindAllowed, holidayNameAllowed } from '../../src-portal/holidays/holiday-name.js';
import type { Principal } from '../../src-portal/auth/principal.js';

const who = (role: Principal['role'], accountId = 9): Principal => ({ sessionId: 's', accountId, role, displayName: 'x' });

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('%s is this machine', (ip) => expect(isLoopbackAddress(ip)).toBe(true));
  it.each(['192.168.1.7', '10.0.0.1', '::ffff:10.0.0.1', '::2', 'fe80::1', '0.0.0.0', '128.0.0.1', '', 'localhost'])('%s is not', (ip) =>
    expect(isLoopbackAddress(ip)).toBe(false),
  );
});

describe('enrolmentCodeMatches', () => {
  it('ignores case, spaces and dashes; refuses anything else', () => {
    expect(enrolmentCodeMatches('AB12-CD34-EF56', 'ab12 cd34 ef56')).toBe(true);
    expect(enrolmentCodeMatches('AB12-CD34-EF56', 'AB12CD34EF56')).toBe(true);
    expect(enrolmentCodeMatches('AB12-CD34-EF56', 'AB12-CD34-EF57')).toBe(false);
    expect(enrolmentCodeMatches('AB12-CD34-EF56', '')).toBe(false);
    expect(enrolmentCodeMatches('AB12-CD34-EF56', undefined)).toBe(false);
  });
});

describe('lookupBucket', () => {
  it('leaves officers and a kiosk refreshing its own applications unlimited', () => {
    expect(lookupBucket(who('officer'), '1.2.3.4', false)).toBeNull();
    expect(lookupBucket(who('kiosk'), '1.2.3.4', true)).toBeNull();
  });
  it('gives a kiosk guessing other codes, an account and an address a bucket each', () => {
    expect(lookupBucket(who('kiosk', 3), '1.2.3.4', false)).toBe('kiosk:3');
    expect(lookupBucket(who('citizen', 4), '1.2.3.4', true)).toBe('account:4');
    expect(lookupBucket(null, '1.2.3.4', false)).toBe('ip:1.2.3.4');
  });
});

describe('holiday name policy', () => {
  it.each(['Tết Nguyên Đán', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Quốc khánh (2/9) – nghỉ thêm', "Ngày 'làm bù', lần 2", 'Tết'.normalize('NFD')])('accepts %s', (n) =>
    expect(holidayNameAllowed(n)).toBe(true),
  );
  it.each(['<script>alert(1)</script>', 'a>b', 'Tết\u202E', 'Tết\u200B', 'Tết\tx', 'x\u0000', '{{7*7}}', '$x', 'a;b<'])('refuses %j', (n) =>
    expect(holidayNameAllowed(n)).toBe(false),
  );
  it('takes kinds as short lower-case codes only', () => {
    expect(holidayKindAllowed('nghi_le')).toBe(true);
    expect(holidayKindAllowed('Nghi Le')).toBe(false);
    expect(holidayKindAllowed('<b>')).toBe(false);
  });
});
