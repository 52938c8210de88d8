import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { launchChromium, screenshot, SCREENS } from '../support/browser.js';
import { bodyText } from '../support/page-state.js';
import { DEMO_CITIZEN, loginAsCitizen } from '../support/kiosk-login.js';
import { currentStep, fillKhaiSinhStep1, KHAI_SINH, next, startKhaiSinh, visible } from '../support/wizard-flow.js';

/**
 * A citizen walks away and the browser is closed without "Kết thúc" (or
 * the renderer dies): the host ends the visit on its own once it has gone
 * quiet past `visitIdleSeconds`, so the next window opens on the home
 * screen with nobody greeted and no draft offered.
 */

/** Short for the test; the product's default runs past the UI's own warning (src-shared/visit-limits.ts). */
const IDLE_SECONDS = 8;

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk({ env: { KIOSK_VISIT_IDLE_SECONDS: String(IDLE_SECONDS) } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('host-side visit expiry', () => {
  it('a browser closed without "Kết thúc": after the idle limit a new one opens on the home screen, nobody signed in, no draft', async () => {
    const portalUrl = kiosk.portalUrl ?? '';
    const first = await browser.newContext({ viewport: SCREENS.landscape });
    const page = await first.newPage();
    await page.goto(kiosk.kioskUrl);
    await startKhaiSinh(page, portalUrl);
    await fillKhaiSinhStep1(page);
    await next(page);
    await expect.poll(() => currentStep(page)).toContain('Bước 2');
    await expect.poll(() => visible(page, /^Đã lưu nháp lúc/)).toBe(true);
    expect(await visible(page, `Xin chào, ${DEMO_CITIZEN.name}`)).toBe(true);
    // Walked away: the window goes without "Kết thúc".
    await first.close();

    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 3) * 1000));

    const second = await browser.newContext({ viewport: SCREENS.landscape });
    const next2 = await second.newPage();
    try {
      await next2.goto(kiosk.kioskUrl);
      await expect.poll(() => next2.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
      expect(await next2.getByRole('button', { name: 'Đăng nhập', exact: true }).isVisible()).toBe(true);
      const home = await bodyText(next2);
      expect(home).not.toContain(`Xin chào, ${DEMO_CITIZEN.name}`);
      expect(home).not.toContain(DEMO_CITIZEN.name);
      await screenshot(next2, 'visit-expiry-home-landscape');

      // "Nộp hồ sơ trực tuyến" asks for a login again, and the same person gets a fresh form, not the old draft.
      await next2.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
      await next2.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
      await next2.getByRole('button', { name: 'Tìm kiếm' }).click();
      await next2.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
      await expect.poll(() => next2.getByRole('heading', { level: 1, name: KHAI_SINH }).isVisible()).toBe(true);
      await next2.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
      await expect.poll(() => next2.getByRole('heading', { level: 1, name: 'Đăng nhập' }).isVisible()).toBe(true);
      await loginAsCitizen(next2, portalUrl);
      await expect.poll(() => next2.getByRole('heading', { level: 1, name: `Nộp hồ sơ: ${KHAI_SINH}` }).isVisible()).toBe(true);
      expect(await currentStep(next2)).toContain('Bước 1');
      // Give a resume offer time to appear if there were one.
      await next2.waitForTimeout(1500);
      expect(await visible(next2, 'Tiếp tục hồ sơ đang khai dở?')).toBe(false);
      // The phone comes from the account again (prefill); what was typed into the old draft does not.
      expect(await next2.getByLabel('Số điện thoại').inputValue()).toBe(DEMO_CITIZEN.phone);
      expect(await next2.getByLabel('Nơi sinh (tên cơ sở y tế hoặc địa chỉ nơi sinh)').inputValue()).toBe('');
      expect(await next2.getByLabel('Họ, chữ đệm và tên của trẻ').inputValue()).toBe('');
    } finally {
      await second.close();
    }
  });
});
