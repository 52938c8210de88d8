import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hostProcessPid, startKiosk, type KioskProcess } from '../support/kiosk-process.js';
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

      // The dropdowns narrow the words typed, count included, and an empty
      // result says which filter to drop (issue 16, point 5).
      await box.fill('khai sinh');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      const otherField = page.getByRole('link', { name: /^Đăng ký tạm trú/ });
      await expect.poll(() => otherField.isVisible()).toBe(true);
      // Đ sorts right after D and before E, as in a Vietnamese dictionary.
      const fields = await page.getByLabel('Lĩnh vực').getByRole('option').allTextContents();
      const at = (f: string) => fields.indexOf(f);
      expect(at('Chứng thực')).toBeLessThan(at('Đăng ký, quản lý cư trú'));
      expect(at('Đường bộ')).toBeLessThan(at('Giảm nghèo'));
      await page.getByLabel('Lĩnh vực').selectOption({ label: 'Hộ tịch' });
      const count = page.getByText(/^\d+ thủ tục phù hợp với “khai sinh” trong lĩnh vực Hộ tịch$/);
      await expect.poll(() => count.isVisible()).toBe(true);
      const results = page.getByRole('list').filter({ has: page.getByRole('link', { name: /^Đăng ký khai sinh/ }) }).getByRole('link');
      expect(await results.count()).toBe(Number((await count.textContent())?.match(/^\d+/)?.[0]));
      for (const name of await results.allTextContents()) expect(name).toContain('Hộ tịch');
      expect(await otherField.count()).toBe(0);
      expect(await box.inputValue()).toBe('khai sinh');
      await page.getByLabel('Cơ quan thực hiện').selectOption({ label: 'Công an phường Cẩm Thành' });
      await expect
        .poll(() => page.getByText('Không tìm thấy thủ tục “khai sinh” trong lĩnh vực Hộ tịch tại Công an phường Cẩm Thành.').isVisible())
        .toBe(true);
      expect(await results.count()).toBe(0);
      await screenshot(page, `catalogue-filter-empty-${orientation}`);
      expect(await layoutProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Bỏ lọc cơ quan' }).click();
      await expect.poll(() => count.isVisible()).toBe(true);
      expect(await page.getByLabel('Cơ quan thực hiện').inputValue()).toBe('');
      expect(await page.getByRole('button', { name: 'Bỏ lọc lĩnh vực' }).count()).toBe(0);
      await page.getByLabel('Lĩnh vực').selectOption({ label: 'Tất cả' });
      await expect.poll(() => otherField.isVisible()).toBe(true);

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

  // Issue 12, point 4: the host runs in its own process; killed under the UI, the shell restarts it.
  it('says "Đang khởi động lại…" when the host process is killed, then searches again', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    await expect.poll(() => page.getByText(/\d+ thủ tục$/).isVisible()).toBe(true);

    const killed = hostProcessPid(kiosk);
    expect(killed).not.toBeNull();
    process.kill(killed as number, 'SIGKILL');
    const restarting = page.getByRole('status').filter({ hasText: 'Đang khởi động lại…' });
    await expect.poll(() => restarting.isVisible()).toBe(true);
    await screenshot(page, 'host-restarting');
    expect(await layoutProblems(page)).toEqual([]);

    // A host start on a loaded 2-core machine takes seconds: wait as a person would, longer than for a screen.
    await expect.poll(() => restarting.isVisible(), { timeout: 45_000 }).toBe(false);
    const restarted = hostProcessPid(kiosk);
    expect(restarted).not.toBeNull();
    expect(restarted).not.toBe(killed);
    await page.getByLabel('Tìm thủ tục hành chính').fill('thuong tru');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await expect.poll(() => page.getByRole('link', { name: /^Đăng ký thường trú/ }).first().isVisible()).toBe(true);
    await page.close();
  });
});
