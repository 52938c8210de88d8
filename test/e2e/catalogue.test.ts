import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  const code = await kiosk?.stop();
  // Ctrl-C stops everything cleanly.
  expect(code).toBe(0);
});

describe('catalogue, as a citizen at the kiosk', () => {
  it('prints the ready lines of `npm start -- --headless`', () => {
    expect(kiosk.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(kiosk.kioskUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]{40,}$/);
    expect(kiosk.output().indexOf('Portal ready:')).toBeLessThan(kiosk.output().indexOf('Kiosk ready:'));
  });

  for (const [orientation, viewport] of Object.entries(SCREENS)) {
    it(`finds "Đăng ký khai sinh" by typing without diacritics and opens it (${orientation})`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(kiosk.kioskUrl);
      await expect.poll(() => page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
      await screenshot(page, `home-${orientation}`);
      expect(await layoutProblems(page)).toEqual([]);

      await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
      const box = page.getByLabel('Tìm thủ tục hành chính');
      for (const query of ['khai sinh', 'dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH']) {
        await box.fill(query);
        await page.getByRole('button', { name: 'Tìm kiếm' }).click();
        await expect.poll(() => page.getByRole('link', { name: /^Đăng ký khai sinh/ }).first().isVisible()).toBe(true);
        await expect.poll(() => page.getByText(`phù hợp với “${query}”`).isVisible()).toBe(true);
      }
      await screenshot(page, `catalogue-search-${orientation}`);
      expect(await layoutProblems(page)).toEqual([]);

      await page.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).isVisible()).toBe(true);
      for (const label of ['Cơ quan thực hiện', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Thành phần hồ sơ']) {
        expect(await page.getByText(label, { exact: true }).first().isVisible(), label).toBe(true);
      }
      expect(await page.getByText('Tờ khai đăng ký khai sinh', { exact: false }).first().isVisible()).toBe(true);
      await screenshot(page, `procedure-detail-${orientation}`);
      expect(await layoutProblems(page)).toEqual([]);
      await page.close();
    });
  }

  it('switches to English and back', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Online public services/ }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
    await page.close();
  });

  it('keeps the launch secret out of the address bar and survives a reload', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await expect.poll(() => page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
    expect(page.url()).not.toContain('k=');
    await page.reload();
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    await expect.poll(() => page.getByText(/\d+ thủ tục$/).isVisible()).toBe(true);
    await page.close();
  });
});
