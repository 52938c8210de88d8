import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaptchaResponseSchema, LoginResponseSchema, MeResponseSchema, SessionResponseSchema } from '../../src-shared/portal-auth-api.js';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { call, errorCode, errorMessage, latestOtp, loginCitizen, loginOfficer, passwordStep, solvedCaptcha } from '../support/portal-auth.js';

const [an, ngoc, khang] = DEMO_ACCOUNTS.citizens;
const officer = DEMO_ACCOUNTS.officers[0];
if (!an || !ngoc || !khang || !officer) throw new Error('demo accounts missing');

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
// Each test starts past the hourly OTP challenge cap and any lock an earlier test left (the demo accounts are shared).
beforeEach(() => clock.advance(61 * 60_000));

describe('captcha', () => {
  it('issues an SVG image that expires in 2 minutes', async () => {
    const res = await call(url, 'POST', '/api/v1/auth/captcha');
    expect(res.status).toBe(200);
    const captcha = CaptchaResponseSchema.parse(res.body);
    expect(Buffer.from(captcha.svg.split(',')[1] ?? '', 'base64').toString('utf8')).toMatch(/^<svg/);
    expect(new Date(captcha.expiresAt).getTime() - clock.now().getTime()).toBe(120_000);
  });

  it('is single use, even when the first use had the right answer', async () => {
    const c = await solvedCaptcha(url);
    const first = await call(url, 'POST', '/api/v1/auth/login', { body: { username: an.citizenId, password: 'sai-mat-khau', ...c } });
    expect(errorCode(first)).toBe('INVALID_CREDENTIALS');
    const replay = await call(url, 'POST', '/api/v1/auth/login', { body: { username: an.citizenId, password: an.password, ...c } });
    expect(replay.status).toBe(400);
    expect(errorCode(replay)).toBe('CAPTCHA_USED');
  });

  it('refuses a wrong answer, case-insensitively accepts the right one', async () => {
    const c = await solvedCaptcha(url);
    const wrong = await call(url, 'POST', '/api/v1/auth/login', {
      body: { username: ngoc.citizenId, password: ngoc.password, captchaId: c.captchaId, captchaAnswer: 'zzzzz' },
    });
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong)).toBe('CAPTCHA_WRONG');
    expect(errorMessage(wrong)).toBe('Mã xác thực không đúng. Vui lòng nhập mã xác thực mới.');

    const c2 = await solvedCaptcha(url);
    const ok = await call(url, 'POST', '/api/v1/auth/login', {
      body: { username: ngoc.citizenId, password: ngoc.password, captchaId: c2.captchaId, captchaAnswer: c2.captchaAnswer.toLowerCase() },
    });
    expect(ok.status).toBe(200);
  });

  it('expires after 2 minutes', async () => {
    const c = await solvedCaptcha(url);
    clock.advance(121_000);
    const late = await call(url, 'POST', '/api/v1/auth/login', { body: { username: an.citizenId, password: an.password, ...c } });
    expect(late.status).toBe(400);
    expect(errorCode(late)).toBe('CAPTCHA_EXPIRED');
  });

  it('answers an unknown captcha id with its own code', async () => {
    const res = await call(url, 'POST', '/api/v1/auth/login', {
      body: { username: an.citizenId, password: an.password, captchaId: 'khong-ton-tai', captchaAnswer: 'ABCDE' },
    });
    expect(errorCode(res)).toBe('CAPTCHA_NOT_FOUND');
  });
});

describe('citizen login with OTP', () => {
  it('logs in with captcha + password, then the SMS code', async () => {
    const step1 = await passwordStep(url, an.citizenId, an.password);
    expect(step1.status).toBe(200);
    const challenge = LoginResponseSchema.parse(step1.body);
    expect(challenge.maskedPhone).toBe('09******11');
    expect(new Date(challenge.expiresAt).getTime() - clock.now().getTime()).toBe(5 * 60_000);
    expect(new Date(challenge.resendAvailableAt).getTime() - clock.now().getTime()).toBe(60_000);

    const otp = await latestOtp(url, an.phone);
    const step2 = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, otp } });
    expect(step2.status).toBe(200);
    const session = SessionResponseSchema.parse(step2.body);
    // The owner's own phone and address come too, to prefill their forms; screens that only mention the phone use the masked one.
    expect(session.account).toEqual({ role: 'citizen', displayName: an.fullName, citizenId: an.citizenId, phoneMasked: '09******11', phone: an.phone, address: an.address });

    const me = await call(url, 'GET', '/api/v1/auth/me', { token: session.token });
    expect(me.status).toBe(200);
    expect(MeResponseSchema.parse(me.body).account.citizenId).toBe(an.citizenId);

    // Single use: the same code cannot open a second session.
    const replay = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, otp } });
    expect(replay.status).toBe(409);
    expect(errorCode(replay)).toBe('OTP_ALREADY_USED');
  });

  it('accepts an old 9-digit CMND as username', async () => {
    const session = await loginCitizen(url, khang);
    expect(session.account.citizenId).toBe(khang.citizenId);
  });

  it('answers a wrong password and an unknown user with the same generic message', async () => {
    const wrong = await passwordStep(url, ngoc.citizenId, 'KhongDung@1');
    const unknown = await passwordStep(url, '051090999999', 'KhongDung@1');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('INVALID_CREDENTIALS');
      expect(errorMessage(res)).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
  });

  it('refuses a wrong OTP and says how many tries are left', async () => {
    const step1 = await passwordStep(url, an.citizenId, an.password);
    const otp = await latestOtp(url, an.phone);
    const wrongCode = otp === '000000' ? '111111' : '000000';
    const res = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: wrongCode } });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('OTP_WRONG');
    expect(errorMessage(res)).toBe('Mã OTP không đúng. Quý khách còn 4 lần thử.');
    // The right code still works after one mistake.
    const ok = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp } });
    expect(ok.status).toBe(200);
  });

  it('refuses a malformed OTP as invalid input without counting it', async () => {
    const step1 = await passwordStep(url, an.citizenId, an.password);
    const res = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: '12ab' } });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('INVALID_INPUT');
  });

  it('kills the challenge after 5 wrong codes, even for the right code', async () => {
    const step1 = await passwordStep(url, an.citizenId, an.password);
    const otp = await latestOtp(url, an.phone);
    const wrongCode = otp === '000000' ? '111111' : '000000';
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(errorCode(await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: wrongCode } })));
    }
    expect(codes).toEqual(['OTP_WRONG', 'OTP_WRONG', 'OTP_WRONG', 'OTP_WRONG', 'OTP_ATTEMPTS_EXCEEDED']);
    const right = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp } });
    expect(right.status).toBe(410);
    expect(errorCode(right)).toBe('OTP_ATTEMPTS_EXCEEDED');
  });

  it('expires the code after 5 minutes', async () => {
    const step1 = await passwordStep(url, an.citizenId, an.password);
    const otp = await latestOtp(url, an.phone);
    clock.advance(5 * 60_000 + 1000);
    const res = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp } });
    expect(res.status).toBe(410);
    expect(errorCode(res)).toBe('OTP_EXPIRED');
  });

  it('resends only after 60 s, and the new code replaces the old one', async () => {
    const step1 = await passwordStep(url, ngoc.citizenId, ngoc.password);
    const oldOtp = await latestOtp(url, ngoc.phone);
    clock.advance(20_000);
    const early = await call(url, 'POST', '/api/v1/auth/otp/resend', { body: { challengeId: step1.body.challengeId } });
    expect(early.status).toBe(429);
    expect(errorCode(early)).toBe('OTP_RESEND_TOO_SOON');
    expect(early.headers.get('retry-after')).toBe('40');
    expect(errorMessage(early)).toBe('Vui lòng chờ 40 giây nữa rồi mới yêu cầu gửi lại mã OTP.');

    clock.advance(40_000);
    const resent = await call(url, 'POST', '/api/v1/auth/otp/resend', { body: { challengeId: step1.body.challengeId } });
    expect(resent.status).toBe(200);
    expect(LoginResponseSchema.parse(resent.body).maskedPhone).toBe('09******22');
    let newOtp = await latestOtp(url, ngoc.phone);
    // One chance in a million that the new code equals the old one: resend again in that case.
    if (newOtp === oldOtp) {
      clock.advance(60_000);
      await call(url, 'POST', '/api/v1/auth/otp/resend', { body: { challengeId: step1.body.challengeId } });
      newOtp = await latestOtp(url, ngoc.phone);
    }
    const old = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: oldOtp } });
    expect(errorCode(old)).toBe('OTP_WRONG');
    const ok = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp: newOtp } });
    expect(ok.status).toBe(200);
  });

  it('allows 3 resends, then asks for a new login', async () => {
    const step1 = await passwordStep(url, ngoc.citizenId, ngoc.password);
    const statuses: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(61_000);
      const res = await call(url, 'POST', '/api/v1/auth/otp/resend', { body: { challengeId: step1.body.challengeId } });
      statuses.push(res.status === 200 ? 'ok' : errorCode(res));
    }
    expect(statuses).toEqual(['ok', 'ok', 'ok', 'OTP_RESEND_LIMIT']);
  });

  it('answers an unknown challenge with its own code', async () => {
    const res = await call(url, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: 'khong-co', otp: '123456' } });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('OTP_CHALLENGE_NOT_FOUND');
  });
});

describe('lockout', () => {
  it('locks the account for 15 minutes after 5 wrong passwords, says how long, then lets it in', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) codes.push(errorCode(await passwordStep(url, khang.citizenId, `Sai@${i}xxxx`)));
    // Every checked wrong password answers 401; the lock, set by the fifth, answers from the sixth on.
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);

    clock.advance(5 * 60_000);
    const locked = await passwordStep(url, khang.citizenId, khang.password);
    expect(locked.status).toBe(423);
    expect(errorCode(locked)).toBe('ACCOUNT_LOCKED');
    expect(errorMessage(locked)).toBe('Tài khoản tạm thời bị khóa do nhập sai mật khẩu hoặc mã OTP 5 lần. Vui lòng thử lại sau 10 phút.');
    expect(locked.headers.get('retry-after')).toBe('600');

    clock.advance(10 * 60_000);
    const after = await passwordStep(url, khang.citizenId, khang.password);
    expect(after.status).toBe(200);
  });

  it('does not lock for failures spread over more than 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect(errorCode(await passwordStep(url, ngoc.citizenId, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    clock.advance(16 * 60_000);
    expect(errorCode(await passwordStep(url, ngoc.citizenId, 'Sai@mat-khau'))).toBe('INVALID_CREDENTIALS');
    expect((await passwordStep(url, ngoc.citizenId, ngoc.password)).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout revokes the session', async () => {
    const session = await loginCitizen(url, an);
    expect((await call(url, 'GET', '/api/v1/auth/me', { token: session.token })).status).toBe(200);
    const out = await call(url, 'POST', '/api/v1/auth/logout', { token: session.token });
    expect(out.status).toBe(200);
    const after = await call(url, 'GET', '/api/v1/auth/me', { token: session.token });
    expect(after.status).toBe(401);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(errorMessage(after)).toBe('Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.');
  });

  it('expires after 30 idle minutes, and activity slides the expiry', async () => {
    const session = await loginCitizen(url, an);
    clock.advance(20 * 60_000);
    expect((await call(url, 'GET', '/api/v1/auth/me', { token: session.token })).status).toBe(200);
    clock.advance(20 * 60_000);
    expect((await call(url, 'GET', '/api/v1/auth/me', { token: session.token })).status).toBe(200);
    clock.advance(31 * 60_000);
    expect(errorCode(await call(url, 'GET', '/api/v1/auth/me', { token: session.token }))).toBe('UNAUTHENTICATED');
  });

  it('ends after 8 hours even with constant activity', async () => {
    const session = await loginCitizen(url, an);
    for (let elapsed = 0; elapsed < 8 * 60; elapsed += 25) {
      expect((await call(url, 'GET', '/api/v1/auth/me', { token: session.token })).status).toBe(200);
      clock.advance(25 * 60_000);
    }
    expect(errorCode(await call(url, 'GET', '/api/v1/auth/me', { token: session.token }))).toBe('UNAUTHENTICATED');
  });

  it('refuses missing and made-up tokens', async () => {
    expect(errorCode(await call(url, 'GET', '/api/v1/auth/me'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await call(url, 'GET', '/api/v1/auth/me', { token: 'x'.repeat(43) }))).toBe('UNAUTHENTICATED');
  });

  it('require() answers a role that is not allowed with 403 FORBIDDEN, and an allowed one with the principal', async () => {
    const session = await loginCitizen(url, an);
    const req = { headers: { authorization: `Bearer ${session.token}` } } as unknown as FastifyRequest;
    await expect(portal.context.sessions.require(req, ['officer'])).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await expect(portal.context.sessions.require(req, ['citizen'])).resolves.toMatchObject({ role: 'citizen', citizenId: an.citizenId, displayName: an.fullName });
  });

  it('lets staff log in with password + captcha and no OTP', async () => {
    const session = await loginOfficer(url, officer);
    expect(session.account).toEqual({ role: 'officer', displayName: officer.fullName, agencyCode: officer.agencyCode });
    const me = await call(url, 'GET', '/api/v1/auth/me', { token: session.token });
    expect(MeResponseSchema.parse(me.body).account.role).toBe('officer');
  });

  it('does not let a citizen log in at the staff endpoint', async () => {
    const res = await call(url, 'POST', '/api/v1/auth/officer/login', { body: { username: an.citizenId, password: an.password, ...(await solvedCaptcha(url)) } });
    expect(errorCode(res)).toBe('INVALID_CREDENTIALS');
  });
});

describe('bad input', () => {
  it.each([
    ['no body', undefined],
    ['wrong types', { username: 123, password: true, captchaId: [], captchaAnswer: {} }],
    ['missing captcha', { username: '051085001234', password: 'x' }],
    ['oversize password', { username: '051085001234', password: 'x'.repeat(500), captchaId: 'a', captchaAnswer: 'b' }],
  ])('answers %s on /auth/login with 400 INVALID_INPUT in Vietnamese', async (_name, body) => {
    const res = await call(url, 'POST', '/api/v1/auth/login', body === undefined ? {} : { body });
    expect(res.status).toBe(400);
    expect(['INVALID_INPUT', 'FST_ERR_CTP_EMPTY_JSON_BODY', 'BAD_REQUEST']).toContain(errorCode(res));
    expect(errorMessage(res)).toMatch(/không hợp lệ/);
  });

  it('answers broken JSON with a 400', async () => {
    const res = await fetch(`${url}/api/v1/auth/otp/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"challengeId":' });
    expect(res.status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every auth endpoint and the training dev endpoints', async () => {
    const doc = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(url, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const p of ['captcha', 'login', 'otp/verify', 'otp/resend', 'officer/login', 'cert/challenge', 'cert/verify', 'logout']) {
      expect(doc.body.paths[`/api/v1/auth/${p}`]?.post, p).toBeDefined();
    }
    expect(doc.body.paths['/api/v1/auth/me']?.get).toBeDefined();
    expect(doc.body.paths['/api/v1/dev/sms']?.get).toBeDefined();
  });
});
