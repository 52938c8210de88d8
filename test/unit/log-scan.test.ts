import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { knownPersonalStrings, scanLogs, sentOtps } from '../e2e/log-scan.js';
import { E2E_SECRETS_DIR_ENV, recordSentOtps } from '../support/e2e-logs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'log-scan-'));
  dirs.push(d);
  return d;
}
const clean = [
  '{"level":30,"time":"2026-12-02T00:20:53.890Z","pid":2468,"msg":"host.started"}',
  '{"level":30,"time":1796170853404,"reqId":"req-2468","req":{"method":"POST","url":"/api/v1/auth/login"},"msg":"incoming request"}',
  '{"level":30,"localId":"L-1","code":"000.00.31.H48-261202-0001","msg":"outbox.accepted"}',
];

describe('e2e log scan', () => {
  it('knows the demo citizens, officers, the sample applicant and the e2e PINs', () => {
    const s = knownPersonalStrings();
    for (const v of ['051085001234', '212345678', 'Nguyễn Văn An', 'Demo@2026', 'CanBo@2026', '0912000111', 'Võ Văn Tùng', 'Trần Thị Thu Hường', '2468']) expect(s).toContain(v);
    // account ids may be logged
    expect(s).not.toContain('canbo.camthanh');
  });

  it('counts lines in nested and rotated files and finds nothing in clean ones (ids, times, pids, request ids)', () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'kiosk-1'));
    fs.writeFileSync(path.join(dir, 'kiosk-1', 'kiosk.log'), `${clean.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'kiosk-1', '20261202-0012-01-kiosk.log'), `${clean[0]}\n`);
    fs.writeFileSync(path.join(dir, 'kiosk-1', 'kiosk.log.history'), 'not a log\n');
    const r = scanLogs(dir, knownPersonalStrings());
    expect(r).toEqual({ files: 2, lines: 4, findings: [] });
  });

  it('finds each kind of personal string, and masks it in the finding', () => {
    const dir = tmpDir();
    const planted = [
      '{"msg":"login","u":"051085001234"}',
      '{"msg":"kiosk-api auth.login for Nguyễn Văn An"}',
      'warn outbox.refused phone=0935000222',
      '{"msg":"x","detail":"pin 2468"}',
      '{"msg":"otp 493817 sent"}',
    ];
    fs.writeFileSync(path.join(dir, 'portal-1.log'), `${planted.join('\n')}\n`);
    const r = scanLogs(dir, [...knownPersonalStrings(), '493817']);
    expect(r.lines).toBe(5);
    expect(r.findings.map((f) => f.line)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.stringify(r.findings)).not.toContain('051085001234');
    expect(r.findings[0]).toMatchObject({ file: 'portal-1.log', what: '05…(12 ký tự)' });
  });

  it('decomposed Vietnamese is the same name', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'k.log'), `{"msg":"${'Trần Thị Bích Ngọc'.normalize('NFD')}"}\n`);
    expect(scanLogs(dir, knownPersonalStrings()).findings).toHaveLength(1);
  });

  it('reads back the OTPs noted during the run', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'otps-1-1.txt'), '493817\n102938\n');
    fs.writeFileSync(path.join(dir, 'otps-1-2.txt'), '493817\n');
    expect(sentOtps(dir).sort()).toEqual(['102938', '493817']);
  });

  it('notes the codes of OTP messages only, not the date part of a mã hồ sơ in other SMS', () => {
    const dir = tmpDir();
    const before = process.env[E2E_SECRETS_DIR_ENV];
    process.env[E2E_SECRETS_DIR_ENV] = dir;
    try {
      recordSentOtps([
        'Cổng DVC Quảng Ngãi: mã OTP đăng nhập của bạn là 493817, có hiệu lực 5 phút. Không cung cấp mã này cho bất kỳ ai.',
        'Hồ sơ 000.00.31.H48-261202-0001 cần bổ sung giấy tờ. Vui lòng bổ sung tại kiosk hoặc trên Cổng.',
      ]);
    } finally {
      process.env[E2E_SECRETS_DIR_ENV] = before ?? '';
    }
    expect(sentOtps(dir)).toEqual(['493817']);
  });
});
