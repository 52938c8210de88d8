import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import type { HidFixture } from '../support/devices-hid-encoder.js';

let kiosk: KioskProcess;
let browser: Browser;

/**
 * The kiosk runs with `scanner: "hid"`; its node-hid is the fake in
 * test/support/fake-node-hid, whose one device plays whatever report bytes
 * this test writes to `hidSocket`. The wedge tests run against the same
 * kiosk: the UI reads keyboard bursts whichever scanner is configured.
 */
const HID_VENDOR = 0x0c2e;
const HID_PRODUCT = 0x0b61;
const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-hid-'));
const socketPath = path.join(socketDir, 'scanner.sock');
let hidServer: net.Server;
let hidDevice: Promise<net.Socket>;

beforeAll(async () => {
  hidServer = net.createServer();
  hidDevice = new Promise((resolve) => hidServer.once('connection', resolve));
  await new Promise<void>((resolve) => hidServer.listen(socketPath, resolve));
  const register = pathToFileURL(path.resolve(import.meta.dirname, '../support/fake-node-hid/register.mjs')).href;
  kiosk = await startKiosk({
    env: {
      KIOSK_SCANNER: 'hid',
      KIOSK_SCANNER_VENDOR_ID: HID_VENDOR.toString(16),
      KIOSK_SCANNER_PRODUCT_ID: HID_PRODUCT.toString(16),
      FAKE_HID_SOCKET: socketPath,
      FAKE_HID_VENDOR_ID: String(HID_VENDOR),
      FAKE_HID_PRODUCT_ID: String(HID_PRODUCT),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${register}`.trim(),
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  hidServer?.close();
  fs.rmSync(socketDir, { recursive: true, force: true });
});

/** Recorded reports of a CCCD QR (test/fixtures/hid), sent as the scanner would send them. */
function hidFixture(file: string): HidFixture {
  return JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/hid', file), 'utf8')) as HidFixture;
}

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

  it('puts a CCCD read by the host from a HID scanner into the login, as a wedge scan does', async () => {
    const fixture = hidFixture('cccd-nguyen-van-hung.json');
    const page = await browser.newPage({ viewport: SCREENS.portrait });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const password = page.getByLabel('Mật khẩu', { exact: true });
    await password.click();
    const device = await hidDevice;
    device.write(Buffer.concat(fixture.reports.map((r) => Buffer.from(r, 'hex'))));
    await expect.poll(() => page.getByLabel('Tên đăng nhập').inputValue()).toBe(fixture.text.split('|')[0]);
    expect(await password.inputValue()).toBe('');
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
