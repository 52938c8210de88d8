import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captchaAnswerHash } from '../../src-portal/auth/captcha.js';
import type { RunningPortal } from '../../src-portal/server.js';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { startTestPortal } from '../support/portal.js';
import { call, errorCode, loginCitizen, loginOfficer, passwordStep } from '../support/portal-auth.js';

const [an, ngoc] = DEMO_ACCOUNTS.citizens;
const officer = DEMO_ACCOUNTS.officers[0];
if (!an || !ngoc || !officer) throw new Error('demo accounts missing');

/** Production has no dev endpoint to read a captcha: plant one whose answer the test knows. */
async function plantedCaptcha(portal: RunningPortal): Promise<{ captchaId: string; captchaAnswer: string }> {
  const captchaId = `test-${Math.random().toString(36).slice(2)}`;
  const now = portal.context.now();
  await portal.context.db
    .insertInto('captchas')
    .values({
      id: captchaId,
      answer_hash: captchaAnswerHash(captchaId, 'ABCDE'),
      training_answer: null,
      expires_at: new Date(now.getTime() + 60_000).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { captchaId, captchaAnswer: 'abcde' };
}

const DEV_PATHS = ['/api/v1/dev/sms', '/api/v1/dev/sms?to=0912000111', '/api/v1/dev/captcha/abc', '/api/v1/dev/business-certificate'];

describe('production mode', () => {
  let prod: Awaited<ReturnType<typeof startTestPortal>>;
  beforeAll(async () => {
    prod = await startTestPortal({ mode: 'production' });
  });
  afterAll(async () => {
    await prod.close();
  });

  it.each(DEV_PATHS)('answers %s with 404', async (p) => {
    const res = await call(prod.url, 'GET', p);
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('has no demo accounts: their logins fail like any unknown user', async () => {
    const res = await call(prod.url, 'POST', '/api/v1/auth/login', { body: { username: an.citizenId, password: an.password, ...(await plantedCaptcha(prod)) } });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('INVALID_CREDENTIALS');
    const staff = await call(prod.url, 'POST', '/api/v1/auth/officer/login', {
      body: { username: officer.username, password: officer.password, ...(await plantedCaptcha(prod)) },
    });
    expect(errorCode(staff)).toBe('INVALID_CREDENTIALS');
    expect((await prod.context.db.selectFrom('accounts').select('id').execute()).length).toBe(0);
  });

  it('still issues captchas, without keeping their answers', async () => {
    const res = await call<{ id: string }>(prod.url, 'POST', '/api/v1/auth/captcha');
    expect(res.status).toBe(200);
    const row = await prod.context.db.selectFrom('captchas').select('training_answer').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.training_answer).toBeNull();
  });
});

describe('a training database reopened in production', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-reopen-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('disables the demo accounts and ends their sessions', async () => {
    const training = await startTestPortal({ dataDir });
    const citizenSession = await loginCitizen(training.url, an);
    const officerSession = await loginOfficer(training.url, officer);
    await training.close();

    const prod = await startTestPortal({ mode: 'production', dataDir });
    try {
      for (const token of [citizenSession.token, officerSession.token]) {
        expect(errorCode(await call(prod.url, 'GET', '/api/v1/auth/me', { token }))).toBe('UNAUTHENTICATED');
      }
      const res = await call(prod.url, 'POST', '/api/v1/auth/login', { body: { username: an.citizenId, password: an.password, ...(await plantedCaptcha(prod)) } });
      expect(res.status).toBe(403);
      expect(errorCode(res)).toBe('ACCOUNT_DISABLED');
      for (const p of DEV_PATHS) expect((await call(prod.url, 'GET', p)).status).toBe(404);
    } finally {
      await prod.close();
    }

    // Back in training, the demo accounts work again.
    const again = await startTestPortal({ dataDir });
    try {
      expect((await passwordStep(again.url, an.citizenId, an.password)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});

describe('logs', () => {
  it('never contain the password, OTP, CCCD or phone of a login', async () => {
    const lines: string[] = [];
    const portal = await startTestPortal({ logStream: { write: (line) => void lines.push(line) } });
    try {
      await passwordStep(portal.url, ngoc.citizenId, 'MatKhauSai@99');
      const session = await loginCitizen(portal.url, ngoc);
      await call(portal.url, 'GET', '/api/v1/auth/me', { token: session.token });
      await call(portal.url, 'POST', '/api/v1/auth/login', { body: { username: ngoc.citizenId, password: ngoc.password, captchaId: 'x', captchaAnswer: 'y' } });
      await call(portal.url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: 'x', otp: 'not-an-otp' } });
      await call(portal.url, 'POST', '/api/v1/auth/logout', { token: session.token });
      const sms = await call<{ messages: { body: string }[] }>(portal.url, 'GET', `/api/v1/dev/sms?to=${ngoc.phone}`);
      const otps = sms.body.messages.map((m) => /\b(\d{6})\b/.exec(m.body)?.[1]).filter((c): c is string => !!c);
      expect(otps.length).toBeGreaterThan(0);

      const log = lines.join('');
      // The capture works: login events are there, by account id.
      expect(log).toContain('auth.login.success');
      expect(log).toContain('auth.login.refused');
      for (const secret of [ngoc.password, 'MatKhauSai@99', ngoc.citizenId, ngoc.phone, ngoc.phone.slice(1), session.token, ...otps]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await portal.close();
    }
  });
});
