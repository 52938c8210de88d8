import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { call, errorCode, errorMessage, latestOtp, loginCitizen, passwordStep, solvedCaptcha, type HttpAnswer } from '../support/portal-auth.js';

/**
 * Lockout and OTP limits against attacks that send many requests at once
 * (issue 17 finding 2, issue 10 item 6). Every login carries its own solved
 * captcha, as an attacker with a captcha farm would send them.
 */

const [an, ngoc, khang] = DEMO_ACCOUNTS.citizens;
const [tuphap, camthanh] = DEMO_ACCOUNTS.officers;
if (!an || !ngoc || !khang || !tuphap || !camthanh) throw new Error('demo accounts missing');

const clock = testClock();
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let url: string;

beforeAll(async () => {
  portal = await startTestPortal({ now: clock.now });
  url = portal.url;
});
afterAll(async () => {
  await portal.close();
});
// Past any lock and the hourly challenge cap a previous test left on the shared demo accounts.
beforeEach(() => clock.advance(61 * 60_000));

type Login = { path: string; body: Record<string, string> };

function citizenLogin(username: string, password: string): Login {
  return { path: '/api/v1/auth/login', body: { username, password } };
}

function officerLogin(username: string, password: string): Login {
  return { path: '/api/v1/auth/officer/login', body: { username, password } };
}

/** Solves every captcha first, then fires all logins at once. */
async function fireTogether(logins: readonly Login[]): Promise<HttpAnswer[]> {
  const prepared: Login[] = [];
  for (const l of logins) prepared.push({ path: l.path, body: { ...l.body, ...(await solvedCaptcha(url)) } });
  return Promise.all(prepared.map((l) => call(url, 'POST', l.path, { body: l.body })));
}

function tally(answers: readonly HttpAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

async function officerStatus(username: string, password: string): Promise<HttpAnswer> {
  return call(url, 'POST', '/api/v1/auth/officer/login', { body: { username, password, ...(await solvedCaptcha(url)) } });
}

function wrongCodeFor(otp: string): string {
  return otp === '000000' ? '111111' : '000000';
}

describe('parallel password guessing', () => {
  it('50 wrong passwords at once: exactly 5 are checked (401), the other 45 meet the lock (423)', async () => {
    const answers = await fireTogether(Array.from({ length: 50 }, (_, i) => citizenLogin(khang.citizenId, `Sai@${i}-mat-khau`)));
    expect(tally(answers)).toEqual({ 401: 5, 423: 45 });
    for (const a of answers.filter((x) => x.status === 423)) {
      expect(errorCode(a)).toBe('ACCOUNT_LOCKED');
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The right password is refused while the lock runs.
    expect(errorCode(await passwordStep(url, khang.citizenId, khang.password))).toBe('ACCOUNT_LOCKED');
  });

  it('a right password racing 20 wrong ones does not clear the lock', async () => {
    const logins = Array.from({ length: 20 }, (_, i) => officerLogin(tuphap.username, `Sai@${i}-mat-khau`));
    logins.splice(7, 0, officerLogin(tuphap.username, tuphap.password));
    const answers = await fireTogether(logins);
    const counts = tally(answers);
    const right = answers[7];
    expect([200, 423]).toContain(right?.status);
    if (right?.status === 423) {
      // Refused at its claim or after its check: either way nothing was forgiven, so at most 5 wrong passwords were checked.
      expect(counts[401] ?? 0).toBeLessThanOrEqual(5);
    } else {
      // It finished first and forgave only failures settled before it began (at most 4), never later ones.
      expect(counts[401] ?? 0).toBeLessThanOrEqual(9);
    }
    expect(counts[401] ?? 0).toBeGreaterThanOrEqual(4);
    // Whatever the right one was told, the lock stands afterwards.
    const after = await officerStatus(tuphap.username, tuphap.password);
    expect(after.status).toBe(423);
    expect(errorCode(after)).toBe('ACCOUNT_LOCKED');
  });
});

describe('officer lockout', () => {
  it('locks a staff account like a citizen one, for 15 minutes, then lets it in', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) codes.push(errorCode(await officerStatus(camthanh.username, `Sai@${i}xxxx`)));
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const locked = await officerStatus(camthanh.username, camthanh.password);
    expect(locked.status).toBe(423);
    expect(errorMessage(locked)).toBe('Tài khoản tạm thời bị khóa do nhập sai mật khẩu hoặc mã OTP 5 lần. Vui lòng thử lại sau 15 phút.');
    expect(locked.headers.get('retry-after')).toBe('900');
    clock.advance(15 * 60_000);
    expect((await officerStatus(camthanh.username, camthanh.password)).status).toBe(200);
  });

  it('a successful staff login forgives earlier failures', async () => {
    for (let i = 0; i < 4; i++) expect(errorCode(await officerStatus(camthanh.username, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    expect((await officerStatus(camthanh.username, camthanh.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect(errorCode(await officerStatus(camthanh.username, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    expect((await officerStatus(camthanh.username, camthanh.password)).status).toBe(200);
  });
});

describe('OTP guesses and the lockout', () => {
  it('wrong OTP codes count toward the account lock', async () => {
    for (let i = 0; i < 3; i++) expect(errorCode(await passwordStep(url, ngoc.citizenId, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    const step1 = await passwordStep(url, ngoc.citizenId, ngoc.password);
    expect(step1.status).toBe(200);
    const otp = await latestOtp(url, ngoc.phone);
    const verify = (code: string) => call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: code } });
    expect(errorCode(await verify(wrongCodeFor(otp)))).toBe('OTP_WRONG');
    // The fifth failure of the account (3 passwords + 2 codes) locks it, though the challenge had tries left.
    const fifth = await verify(wrongCodeFor(otp));
    expect(fifth.status).toBe(423);
    expect(errorCode(fifth)).toBe('ACCOUNT_LOCKED');
    expect(errorCode(await verify(otp))).toBe('ACCOUNT_LOCKED');
    expect(errorCode(await passwordStep(url, ngoc.citizenId, ngoc.password))).toBe('ACCOUNT_LOCKED');
  });

  it('a right password alone does not forgive failures; a completed OTP login does', async () => {
    for (let i = 0; i < 4; i++) expect(errorCode(await passwordStep(url, an.citizenId, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    // Password right, but the login is not complete: one wrong code is the fifth failure.
    const half = await passwordStep(url, an.citizenId, an.password);
    const otp = await latestOtp(url, an.phone);
    const wrong = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: half.body.challengeId, otp: wrongCodeFor(otp) } });
    expect(errorCode(wrong)).toBe('ACCOUNT_LOCKED');

    clock.advance(61 * 60_000);
    for (let i = 0; i < 4; i++) expect(errorCode(await passwordStep(url, an.citizenId, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    await loginCitizen(url, an);
    for (let i = 0; i < 4; i++) expect(errorCode(await passwordStep(url, an.citizenId, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    expect((await passwordStep(url, an.citizenId, an.password)).status).toBe(200);
  });

  it('parallel wrong codes on one challenge are counted one by one', async () => {
    const step1 = await passwordStep(url, khang.citizenId, khang.password);
    const otp = await latestOtp(url, khang.phone);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: wrongCodeFor(otp) } })),
    );
    expect(answers.filter((a) => errorCode(a) === 'OTP_WRONG')).toHaveLength(4);
    expect(errorCode(await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp } }))).toMatch(/OTP_ATTEMPTS_EXCEEDED|ACCOUNT_LOCKED/);
  });
});

describe('OTP resends and challenge cap', () => {
  it('a resend keeps the guess count: 5 wrong codes per challenge, not 5 per code', async () => {
    const step1 = await passwordStep(url, ngoc.citizenId, ngoc.password);
    const challengeId = step1.body.challengeId;
    const first = await latestOtp(url, ngoc.phone);
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId, otp: wrongCodeFor(first) } }))).toBe('OTP_WRONG');
    }
    clock.advance(61_000);
    expect((await call(url, 'POST', '/api/v1/auth/otp/resend', { body: { challengeId } })).status).toBe(200);
    const second = await latestOtp(url, ngoc.phone);
    const fourth = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId, otp: wrongCodeFor(second) } });
    expect(errorMessage(fourth)).toBe('Mã OTP không đúng. Quý khách còn 1 lần thử.');
    // The right code still works with the one try left (and the completed login forgives the four).
    expect((await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId, otp: second } })).status).toBe(200);
  });

  it('refuses a resend once the challenge has used up its tries', async () => {
    const step1 = await passwordStep(url, ngoc.citizenId, ngoc.password);
    const challengeId = step1.body.challengeId;
    const otp = await latestOtp(url, ngoc.phone);
    for (let i = 0; i < 4; i++) await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId, otp: wrongCodeFor(otp) } });
    const fifth = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId, otp: wrongCodeFor(otp) } });
    expect(errorCode(fifth)).toBe('OTP_ATTEMPTS_EXCEEDED');
    clock.advance(61_000);
    expect(errorCode(await call(url, 'POST', '/api/v1/auth/otp/resend', { body: { challengeId } }))).toMatch(/OTP_ATTEMPTS_EXCEEDED|ACCOUNT_LOCKED/);
  });

  it('caps an account at 5 OTP challenges an hour, with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await passwordStep(url, an.citizenId, an.password)).status);
      clock.advance(60_000);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const sixth = await passwordStep(url, an.citizenId, an.password);
    expect(sixth.status).toBe(429);
    expect(errorCode(sixth)).toBe('OTP_CHALLENGE_LIMIT');
    // The first challenge was 5 minutes ago: its place frees up in 55 minutes.
    expect(sixth.headers.get('retry-after')).toBe(String(55 * 60));
    expect(errorMessage(sixth)).toBe('Tài khoản đã yêu cầu mã OTP 5 lần trong một giờ. Vui lòng thử lại sau 55 phút.');
    // Another account is not affected.
    expect((await passwordStep(url, khang.citizenId, khang.password)).status).toBe(200);
    clock.advance(55 * 60_000 + 1000);
    expect((await passwordStep(url, an.citizenId, an.password)).status).toBe(200);
  });

  it('parallel logins cannot take the last challenge of the hour twice', async () => {
    for (let i = 0; i < 4; i++) expect((await passwordStep(url, khang.citizenId, khang.password)).status).toBe(200);
    const answers = await fireTogether(Array.from({ length: 3 }, () => citizenLogin(khang.citizenId, khang.password)));
    expect(tally(answers)).toEqual({ 200: 1, 429: 2 });
  });
});
