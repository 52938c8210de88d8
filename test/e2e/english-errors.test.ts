import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { launchChromium, SCREENS } from '../support/browser.js';
import { DEMO_CITIZEN, captchaAnswer, lastSmsId, newOtp, shownCaptchaId } from '../support/kiosk-login.js';
import { chooseFiles, currentStep, fillKhaiSinhStep1, STEP1_LABELS } from '../support/wizard-flow.js';

/**
 * Issue 14, acceptance 3: in English every error the flows can show is
 * English — the host's codes worded by the UI, the shared validators' keys,
 * the portal's refusals the kiosk knows by code. One self-service walk,
 * and an assisted counter on the same portal for the shift PIN.
 */

// Letters only Vietnamese writes. A field's label is the catalogue's (Vietnamese data), so "label: " is taken off first.
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  portal = await startTestPortal();
  kiosk = await startKiosk({ env: { KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: SCREENS.landscape });
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await portal?.close();
});

/** The text of every alert and field error on screen, without a field's label in front. */
async function errorsShown(): Promise<string[]> {
  const texts = await page.locator('[role="alert"], .field-error, .error').allTextContents();
  return texts.map((t) => t.trim().replace(/^[^:]*: /, '')).filter((t) => t !== '');
}

async function expectEnglish(expected: string): Promise<void> {
  await expect.poll(() => page.getByText(expected, { exact: true }).first().isVisible()).toBe(true);
  const shown = await errorsShown();
  expect(shown.length).toBeGreaterThan(0);
  for (const text of shown) expect(text, 'an error still in Vietnamese').not.toMatch(VIETNAMESE);
}

describe('the kiosk in English', () => {
  it('says a wrong login captcha and a wrong OTP in English, then signs in', async () => {
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Online public services/ }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Username').fill(DEMO_CITIZEN.cccd);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_CITIZEN.password);
    const first = await shownCaptchaId(page);
    await page.getByLabel('Verification code', { exact: true }).fill('ZZZZZ');
    await page.locator('form').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectEnglish('The verification code is wrong. Please enter the new verification code.');

    const since = await lastSmsId(portal.url, DEMO_CITIZEN.phone);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_CITIZEN.password);
    const second = await shownCaptchaId(page, first);
    await page.getByLabel('Verification code', { exact: true }).fill(await captchaAnswer(portal.url, second));
    await page.locator('form').getByRole('button', { name: 'Sign in', exact: true }).click();
    const otp = await newOtp(portal.url, DEMO_CITIZEN.phone, since);
    await page.getByLabel('Digit 1 of the OTP code').click();
    await page.keyboard.type(otp.replace(/^./, (d) => String((Number(d) + 1) % 10)));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectEnglish('The OTP code is wrong. You have 4 tries left.');

    await page.getByLabel('Digit 1 of the OTP code').click();
    await page.keyboard.type(otp);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByLabel('Digit 1 of the OTP code').isVisible()).toBe(false);
  });

  it('says an unknown application code in English', async () => {
    await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/tra-cuu`);
    await page.getByLabel('Application code').fill('000.00.31.H48-200101-9999');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectEnglish('No application has this code. Please check the code on your receipt.');
  });

  it('words the wizard’s checks in English: a CCCD that cannot exist, a required entry, an impossible date', async () => {
    await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/`);
    await page.getByRole('link', { name: /Online public services/ }).click();
    await page.getByLabel('Search administrative procedures').fill('khai sinh');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
    await page.getByRole('button', { name: 'Submit online' }).click();
    await page.getByLabel('Citizen ID (CCCD/CMND)').fill('999190001234');
    await page.getByLabel('Phone number').fill('');
    const date = page.getByLabel('Ngày, tháng, năm sinh của trẻ');
    await date.getByLabel('Day', { exact: true }).click();
    await page.keyboard.type('31022025');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expectEnglish('No province has the code 999 that starts this CCCD number.');
    await expectEnglish('Ngày, tháng, năm sinh của trẻ: the date is unfinished or does not exist (31/02/2025); please enter day, month and year as dd/mm/yyyy.');
    await expectEnglish('Phone number: this is required.');

    // Then right, on to step 3, where a wrong captcha is told where it was typed.
    await page.getByLabel('Citizen ID (CCCD/CMND)').fill(DEMO_CITIZEN.cccd);
    await fillKhaiSinhStep1(page, STEP1_LABELS.en);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect.poll(() => currentStep(page)).toContain('Step 2: Documents');
    const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'english-errors-')), 'giay-chung-sinh.png');
    fs.writeFileSync(png, PNG.sync.write(new PNG({ width: 8, height: 8 })));
    await chooseFiles(page, /^Choose file for: Giấy chứng sinh/, png);
    await expect.poll(() => page.getByText('giay-chung-sinh.png').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect.poll(() => currentStep(page)).toContain('Step 3: Fees and declaration');
    await page.getByLabel('I declare that the information above is true and I take legal responsibility for it.').check();
    await shownCaptchaId(page);
    await page.getByLabel('Verification code', { exact: true }).fill('ZZZZZ');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expectEnglish('The verification code is wrong or has expired. Please enter the new code.');
    fs.rmSync(path.dirname(png), { recursive: true, force: true });
  });

  it('says a wrong shift PIN at the locked counter in English', async () => {
    // A counter set up in English (KIOSK_LANG), so the lock, which wipes the walk-in's language choice, stays English.
    const counter = await startKiosk({ env: { KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1', KIOSK_MODE: 'assisted', KIOSK_LANG: 'en' } });
    const staffPage = await browser.newPage({ viewport: SCREENS.landscape });
    try {
      await staffPage.goto(counter.kioskUrl);
      await expect.poll(() => staffPage.getByRole('heading', { level: 1, name: 'Staff sign-in for the shift' }).isVisible()).toBe(true);
      await staffPage.getByLabel('Officer account').fill('canbo.camthanh');
      await staffPage.getByLabel('Password', { exact: true }).fill('CanBo@2026');
      await staffPage.getByLabel('Verification code', { exact: true }).fill(await captchaAnswer(portal.url, await shownCaptchaId(staffPage)));
      await staffPage.getByLabel('Shift PIN', { exact: true }).fill('2468');
      await staffPage.getByLabel('Enter the PIN again', { exact: true }).fill('2468');
      await staffPage.getByRole('button', { name: 'Start the shift' }).click();
      await staffPage.getByRole('button', { name: 'Lock screen' }).click();
      await expect.poll(() => staffPage.getByRole('heading', { level: 1, name: 'Screen locked' }).isVisible()).toBe(true);
      const pad = staffPage.getByRole('group', { name: 'PIN keypad' });
      for (const d of '1111') await pad.getByRole('button', { name: d, exact: true }).click();
      await staffPage.getByRole('button', { name: 'Unlock' }).click();
      const wrong = 'The shift PIN is wrong. 4 tries left; after 5 wrong PINs the shift ends and the officer must sign in again with the portal password.';
      await expect.poll(() => staffPage.getByRole('alert').filter({ hasText: wrong }).isVisible()).toBe(true);
      for (const text of await staffPage.getByRole('alert').allTextContents()) expect(text, 'an error still in Vietnamese').not.toMatch(VIETNAMESE);
    } finally {
      await staffPage.close();
      await counter.stop();
    }
  });

  it('tells that the portal is away in English', async () => {
    await portal.close();
    await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/tra-cuu`);
    await page.getByLabel('Application code').fill('000.00.31.H48-200101-9998');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectEnglish('The public service portal cannot be reached. The kiosk is using saved data.');
  });
});
