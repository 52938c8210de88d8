import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveSupportBundle, scrubLogLine } from '../../src-main/admin/support-bundle.js';

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

describe('support bundle on the kiosk', () => {
  it('is saved whole in the support folder, where only the newest five stay', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'support');
    try {
      const names = Array.from({ length: 7 }, (_, i) => `ho-tro-KIOSK-01-20261203T0${i}0000.json`);
      const saved = names.map((n, i) => saveSupportBundle(dir, n, JSON.stringify({ i })));
      expect(saved[6]).toBe(path.join(dir, names[6] ?? ''));
      expect(JSON.parse(fs.readFileSync(saved[6] ?? '', 'utf8'))).toEqual({ i: 6 });
      expect(fs.readdirSync(dir).sort()).toEqual(names.slice(2));
      // A name cannot climb out of the folder.
      expect(path.dirname(saveSupportBundle(dir, '../ho-tro-x.json', '{}'))).toBe(dir);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
