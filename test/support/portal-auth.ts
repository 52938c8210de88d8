import type { CaptchaResponse, LoginResponse, SessionResponse } from '../../src-shared/portal-auth-api.js';

/**
 * Login steps against a running training portal over HTTP, reading what a
 * citizen would see on their phone or the captcha image through the
 * training dev endpoints.
 */

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = unknown>(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** An error answer's code (undefined when the answer is not an error). */
export function errorCode(answer: HttpAnswer): string | undefined {
  return (answer.body as { error?: { code?: string } } | null)?.error?.code;
}

export function errorMessage(answer: HttpAnswer): string | undefined {
  return (answer.body as { error?: { message?: string } } | null)?.error?.message;
}

/** Issues a captcha and reads its answer from /api/v1/dev/captcha/:id. */
export async function solvedCaptcha(baseUrl: string): Promise<{ captchaId: string; captchaAnswer: string }> {
  const issued = await call<CaptchaResponse>(baseUrl, 'POST', '/api/v1/auth/captcha');
  if (issued.status !== 200) throw new Error(`captcha: HTTP ${issued.status}`);
  const answer = await call<{ answer: string }>(baseUrl, 'GET', `/api/v1/dev/captcha/${issued.body.id}`);
  if (answer.status !== 200) throw new Error(`dev captcha: HTTP ${answer.status}`);
  return { captchaId: issued.body.id, captchaAnswer: answer.body.answer };
}

export async function passwordStep(baseUrl: string, username: string, password: string): Promise<HttpAnswer<LoginResponse>> {
  return call<LoginResponse>(baseUrl, 'POST', '/api/v1/auth/login', { body: { username, password, ...(await solvedCaptcha(baseUrl)) } });
}

/** The 6-digit code in the newest SMS to a phone, from /api/v1/dev/sms. */
export async function latestOtp(baseUrl: string, phone: string): Promise<string> {
  const outbox = await call<{ messages: { body: string }[] }>(baseUrl, 'GET', `/api/v1/dev/sms?to=${encodeURIComponent(phone)}&limit=1`);
  const code = /\b(\d{6})\b/.exec(outbox.body.messages[0]?.body ?? '')?.[1];
  if (!code) throw new Error('no OTP in the SMS outbox');
  return code;
}

/** Full citizen login (password + captcha, then the SMS code): the session answer. */
export async function loginCitizen(baseUrl: string, citizen: { citizenId: string; password: string; phone: string }): Promise<SessionResponse> {
  const step1 = await passwordStep(baseUrl, citizen.citizenId, citizen.password);
  if (step1.status !== 200) throw new Error(`login: HTTP ${step1.status} ${JSON.stringify(step1.body)}`);
  const otp = await latestOtp(baseUrl, citizen.phone);
  const step2 = await call<SessionResponse>(baseUrl, 'POST', '/api/v1/auth/otp/verify', { body: { challengeId: step1.body.challengeId, otp } });
  if (step2.status !== 200) throw new Error(`otp: HTTP ${step2.status} ${JSON.stringify(step2.body)}`);
  return step2.body;
}

export async function loginOfficer(baseUrl: string, officer: { username: string; password: string }): Promise<SessionResponse> {
  const answer = await call<SessionResponse>(baseUrl, 'POST', '/api/v1/auth/officer/login', {
    body: { username: officer.username, password: officer.password, ...(await solvedCaptcha(baseUrl)) },
  });
  if (answer.status !== 200) throw new Error(`officer login: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
