import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from './portal-auth.js';

/** A demo citizen of the training portal (src-portal/training/demo-accounts.ts). */
export const DEMO_CITIZEN = { cccd: '051085001234', password: 'Demo@2026', name: 'Nguyễn Văn An', phone: '0912000111' } as const;

/** The captcha id shown on the page (`data-captcha-id`), waiting until it differs from `previous`. */
export async function shownCaptchaId(page: Page, previous?: string | null): Promise<string> {
  let id: string | null = null;
  await expect
    .poll(async () => {
      id = await page.locator('img[data-captcha-id]').first().getAttribute('data-captcha-id', { timeout: 1000 }).catch(() => null);
      return id !== null && id !== previous;
    })
    .toBe(true);
  return id as unknown as string;
}

/** What a person reads off the captcha picture; in training mode, from the portal's dev endpoint. */
export async function captchaAnswer(portalUrl: string, captchaId: string): Promise<string> {
  const res = await call<{ answer: string }>(portalUrl, 'GET', `/api/v1/dev/captcha/${encodeURIComponent(captchaId)}`);
  if (res.status !== 200) throw new Error(`dev captcha ${captchaId}: HTTP ${res.status}`);
  return res.body.answer;
}

/** Id of the newest SMS to `phone` (0 if none), to tell a new OTP from an old one. */
export async function lastSmsId(portalUrl: string, phone: string): Promise<number> {
  const outbox = await call<{ messages: { id: number }[] }>(portalUrl, 'GET', `/api/v1/dev/sms?to=${encodeURIComponent(phone)}&limit=1`);
  return outbox.body.messages[0]?.id ?? 0;
}

/** The newest OTP sent to `phone` in an SMS newer than `sinceId`. */
export async function newOtp(portalUrl: string, phone: string, sinceId: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const outbox = await call<{ messages: { id: number; body: string }[] }>(portalUrl, 'GET', `/api/v1/dev/sms?to=${encodeURIComponent(phone)}&limit=1`);
      const msg = outbox.body.messages[0];
      code = msg && msg.id > sinceId ? /\b(\d{6})\b/.exec(msg.body)?.[1] : undefined;
      return code !== undefined;
    })
    .toBe(true);
  return code as unknown as string;
}

/** Fills "Tên đăng nhập", "Mật khẩu" and "Mã xác thực" on the citizen tab of "Đăng nhập" and presses "Đăng nhập". */
export async function submitPasswordStep(page: Page, portalUrl: string, who: { cccd: string; password: string } = DEMO_CITIZEN): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(who.cccd);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(who.password);
  const id = await shownCaptchaId(page);
  await page.getByLabel('Mã xác thực', { exact: true }).fill(await captchaAnswer(portalUrl, id));
  await page.locator('form').getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/**
 * The whole citizen login as a person does it, from a page showing
 * "Đăng nhập" (the view, reached by the top-bar button or "Nộp hồ sơ trực
 * tuyến"): password step, then the OTP from the SMS.
 */
export async function loginAsCitizen(page: Page, portalUrl: string, who: { cccd: string; password: string; phone: string } = DEMO_CITIZEN): Promise<void> {
  const since = await lastSmsId(portalUrl, who.phone);
  await submitPasswordStep(page, portalUrl, who);
  const otp = await newOtp(portalUrl, who.phone, since);
  await page.getByLabel('Chữ số thứ 1 của mã OTP').click();
  await page.keyboard.type(otp);
  await page.getByRole('button', { name: 'Xác thực' }).click();
}
