import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPortal } from '../../src-portal/server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('portal request log', () => {
  it('goes to the given file as JSON lines, with routes not URLs and nothing a citizen typed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-portal-'));
    dirs.push(dir);
    const logFile = path.join(dir, 'logs', 'portal.log');
    const portal = await startPortal({
      dataDir: path.join(dir, 'data'),
      resourcesDir: path.resolve('resources'),
      mode: 'training',
      logRequests: true,
      logFile,
    });
    await fetch(`${portal.url}/api/v1/dev/sms?to=0912000111`);
    await fetch(`${portal.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer s3cr3t-token' },
      body: JSON.stringify({ username: '051085001234', password: 'Demo@2026', captchaId: 'x', captchaAnswer: 'abcde' }),
    });
    await portal.close();

    const text = fs.readFileSync(logFile, 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; req?: { url?: string } });
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => l.req?.url === '/api/v1/dev/sms')).toBe(true);
    for (const secret of ['0912000111', '051085001234', 'Demo@2026', 's3cr3t-token', 'abcde']) expect(text).not.toContain(secret);
  });
});
