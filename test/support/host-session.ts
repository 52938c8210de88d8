import type { Host } from '../../src-main/host.js';

/** Reads what a person would read elsewhere in training: the portal captcha's answer and the SMS outbox. */
async function portalCaptchaAnswer(portalUrl: string, id: string): Promise<string> {
  const res = await fetch(`${portalUrl}/api/v1/dev/captcha/${id}`);
  return ((await res.json()) as { answer: string }).answer;
}

async function call<T>(host: Host, name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** A citizen signs in through the host exactly as the login screens do: captcha, password, SMS OTP. */
export async function signInCitizen(host: Host, portalUrl: string, who = { username: '051085001234', password: 'Demo@2026', phone: '0912000111' }): Promise<void> {
  const captcha = await call<{ id: string }>(host, 'auth.captcha', {});
  const challenge = await call<{ challengeId: string }>(host, 'auth.login', {
    username: who.username,
    password: who.password,
    captchaId: captcha.id,
    captchaAnswer: await portalCaptchaAnswer(portalUrl, captcha.id),
  });
  const sms = (await (await fetch(`${portalUrl}/api/v1/dev/sms?to=${who.phone}`)).json()) as { messages: { body: string }[] };
  const otp = /\b(\d{6})\b/.exec(sms.messages[0]?.body ?? '')?.[1];
  if (!otp) throw new Error('no OTP in the SMS outbox');
  await call(host, 'auth.verifyOtp', { challengeId: challenge.challengeId, otp });
}

/** The step-3 captcha, answered as a trainer reads it (the host runs in training mode). */
export async function wizardCaptcha(host: Host): Promise<{ captchaId: string; captchaAnswer: string }> {
  const c = await call<{ id: string }>(host, 'wizard.captcha', {});
  const answer = await host.trainingCaptchaAnswer?.(c.id);
  if (!answer) throw new Error('the host is not in training mode');
  return { captchaId: c.id, captchaAnswer: answer };
}

/** The counter officer signs in for the shift through the host, as the staff sign-in screen does. */
export async function signInOfficer(host: Host, portalUrl: string, pin = '482913', who = { username: 'canbo.camthanh', password: 'CanBo@2026' }): Promise<void> {
  const captcha = await call<{ id: string }>(host, 'auth.captcha', {});
  await call(host, 'staff.signIn', {
    username: who.username,
    password: who.password,
    captchaId: captcha.id,
    captchaAnswer: await portalCaptchaAnswer(portalUrl, captcha.id),
    pin,
  });
}
