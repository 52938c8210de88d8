import { describe, expect, it } from 'vitest';
import { scrubLogLine } from '../../src-main/admin/support-bundle.js';

describe('support bundle log lines', () => {
  it('censors personal keys at any depth and masks CCCD-, phone- and e-mail-like values, keeping times and ids', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1764690000000,
      event: 'outbox.sent',
      applicant: { fullName: 'Nguyễn Văn An' },
      detail: 'retry of 051085001234 for 0912000111, mail an@example.vn',
      nested: { deep: { phone: '0935000222' } },
      provisionalNo: 'KIOSK-01-20261202-0001',
    });
    const out = JSON.stringify(scrubLogLine(line));
    for (const secret of ['Nguyễn Văn An', '051085001234', '0912000111', '0935000222', 'an@example.vn']) expect(out).not.toContain(secret);
    expect(out).toContain('1764690000000');
    expect(out).toContain('KIOSK-01-20261202-0001');
    expect(scrubLogLine('plain 212345678 text')).toBe('plain [số] text');
  });
});
