import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENS } from '../support/browser.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { lateQueueResources } from '../support/queue-flow.js';

/**
 * A document the kiosk made opens in the kiosk's own viewer, page by page,
 * with "Đóng" — never through the system's save dialog. The browser shell
 * (staff at a desk) may also save it; in the Electron shell, which refuses
 * every download, no save link is offered at all. The Electron shell is the
 * same renderer told `shell: 'electron'` by app.info: the test rewrites that
 * one answer on its way from the host, the renderer and host are real.
 */
const CENTRE = '000.00.31.H48';

let browser: Browser;
let resources: string;
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: KioskProcess;

beforeAll(async () => {
  resources = lateQueueResources();
  portal = await startTestPortal({ resourcesDir: resources });
  [browser, kiosk] = await Promise.all([
    launchChromium(),
    startKiosk({ env: { KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1', KIOSK_QUEUE_CENTRE: CENTRE } }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await portal?.close();
  if (resources) fs.rmSync(resources, { recursive: true, force: true });
});

/** As the Electron preload reports itself: app.info says `shell: 'electron'`. */
async function asElectronShell(page: Page): Promise<void> {
  await page.route('**/api/call/app.info', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; data?: Record<string, unknown> };
    if (body.ok && body.data) body.data.shell = 'electron';
    await route.fulfill({ response, json: body });
  });
}

/** "Lấy số thứ tự" with no printer set: the ticket is shown in the viewer. */
async function takeTicket(page: Page): Promise<string> {
  await page.goto(kiosk.kioskUrl);
  await page.getByRole('link', { name: /Lấy số thứ tự/ }).click();
  await expect.poll(() => page.getByRole('radio', { name: /Chứng thực/ }).isVisible()).toBe(true);
  await page.getByRole('radio', { name: /Chứng thực/ }).check();
  await page.getByRole('button', { name: 'Lấy số', exact: true }).click();
  const ticket = page.getByRole('region', { name: 'Số thứ tự của quý khách' });
  await expect.poll(() => ticket.isVisible(), { timeout: 20_000 }).toBe(true);
  return (await ticket.locator('.ticket-number').innerText()).trim();
}

describe('documents in the kiosk viewer', () => {
  it('shows the ticket\'s pages with "Đóng"; the browser shell offers the file, the Electron shell offers no download', async () => {
    const desk = await browser.newPage({ viewport: SCREENS.landscape });
    const electron = await browser.newPage({ viewport: SCREENS.landscape });
    try {
      const label = await takeTicket(desk);
      const viewer = desk.getByRole('region', { name: `Phiếu số thứ tự ${label}` });
      await expect.poll(() => viewer.getByRole('img', { name: `Trang 1/1 của tệp Phiếu số thứ tự ${label}` }).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await viewer.getByRole('link', { name: 'Tải về (PDF)' }).isVisible()).toBe(true);
      await viewer.getByRole('button', { name: 'Đóng' }).click();
      await expect.poll(() => viewer.count()).toBe(0);

      await asElectronShell(electron);
      const other = await takeTicket(electron);
      const shown = electron.getByRole('region', { name: `Phiếu số thứ tự ${other}` });
      await expect.poll(() => shown.getByRole('img', { name: `Trang 1/1 của tệp Phiếu số thứ tự ${other}` }).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await shown.getByRole('button', { name: 'Đóng' }).isVisible()).toBe(true);
      // Nothing on the page would start a download the shell has to refuse.
      expect(await electron.locator('a[download]').count()).toBe(0);
      expect(await electron.getByRole('link', { name: 'Tải về (PDF)' }).count()).toBe(0);
    } finally {
      await desk.close();
      await electron.close();
    }
  });
});
