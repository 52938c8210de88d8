import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
  await kiosk?.stop();
});

const CCCD_QR = '051190001234|212345678|Trần Thị Thu Hường|15031990|Nữ|Tổ 5, phường Cẩm Thành, tỉnh Quảng Ngãi|20042021';

/** A keyboard-wedge scanner typing into a focused field: the whole text in a few milliseconds, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 2 });
  await page.keyboard.press('Enter');
}

/**
 * The same scanner with nothing focused: its key events, at the device's
 * own pace (Playwright's per-key round trip is slower than a scanner on a
 * loaded test machine, so the events are sent from inside the page).
 */
async function scanUnfocused(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const target = (globalThis as unknown as { document: { body: EventTarget } }).document.body;
    const Key = (globalThis as unknown as { KeyboardEvent: new (type: string, init: object) => Event }).KeyboardEvent;
    for (const key of [...t, 'Enter']) target.dispatchEvent(new Key('keydown', { key, bubbles: true, cancelable: true }));
  }, text);
}

describe('QR scanner at the kiosk (keyboard wedge)', () => {
  it('opens "Tra cứu hồ sơ" for the QR printed on a receipt', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await expect.poll(() => page.getByRole('link', { name: /Tra cứu hồ sơ/ }).isVisible()).toBe(true);
    await scanUnfocused(page, 'https://dichvucong.quangngai.gov.vn/tra-cuu?ma=000.00.31.H48-260102-0042');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe('000.00.31.H48-260102-0042');
    await expect.poll(() => page.getByText(/Không tìm thấy hồ sơ có mã này/).isVisible()).toBe(true);
    await screenshot(page, 'scanner-lookup-landscape');
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  });

  it('puts a scanned CCCD into the login, not into the field that had the focus', async () => {
    const page = await browser.newPage({ viewport: SCREENS.portrait });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const password = page.getByLabel('Mật khẩu', { exact: true });
    await password.click();
    await scan(page, CCCD_QR);
    await expect.poll(() => page.getByLabel('Tên đăng nhập').inputValue()).toBe('051190001234');
    expect(await password.inputValue()).toBe('');
    await screenshot(page, 'scanner-login-portrait');
    await page.close();
  });

  it('leaves a person’s slow typing alone', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).click();
    const box = page.getByLabel('Mã hồ sơ');
    await box.click();
    await page.keyboard.type('000.00.31.H48-2601', { delay: 90 });
    expect(await box.inputValue()).toBe('000.00.31.H48-2601');
    await page.close();
  });
});
