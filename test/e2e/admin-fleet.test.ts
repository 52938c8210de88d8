import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { launchChromium, layoutProblems, SCREENS } from '../support/browser.js';
import { captchaAnswer, shownCaptchaId } from '../support/kiosk-login.js';
import { call, loginOfficer } from '../support/portal-auth.js';
import { ADMIN_OFFICER as ADMIN } from '../support/officer-flow.js';
import { FleetListSchema, type FleetList } from '../../src-shared/portal-fleet-api.js';

/**
 * Issue 13, acceptance 4: the heartbeat is visible on the kiosk list, and a
 * kiosk that stops sending is flagged after the configured interval. Two
 * real kiosks beat every second to one portal that calls a kiosk silent
 * after SILENT_SECONDS; one is stopped, and "Quản trị kiosk" on the other
 * shows it flagged "Mất liên lạc" — not before the interval has passed.
 */

const SILENT_SECONDS = 4;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let counter: KioskProcess;
let other: KioskProcess | null = null;
let browser: Browser;

const kioskEnv = (id: string, place: string): Record<string, string> => ({
  KIOSK_PORTAL_URL: portal.url,
  KIOSK_TRAINING: '1',
  KIOSK_ID: id,
  KIOSK_PLACE: place,
  KIOSK_HEARTBEAT_SECONDS: '1',
});

beforeAll(async () => {
  portal = await startTestPortal({ fleet: { silentAfterSeconds: SILENT_SECONDS } });
  [browser, counter, other] = await Promise.all([
    launchChromium(),
    startKiosk({ env: { ...kioskEnv('KIOSK-QUAY-1', 'Cẩm Thành'), KIOSK_MODE: 'assisted' } }),
    startKiosk({ env: kioskEnv('KIOSK-SANH-2', 'Nghĩa Lộ') }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await other?.stop();
  await counter?.stop();
  await portal?.close();
});

async function portalFleet(token: string): Promise<FleetList> {
  return FleetListSchema.parse((await call(portal.url, 'GET', '/api/v1/admin/kiosks/fleet', { token })).body);
}

async function openAdminAsAdministrator(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
  const captchaId = await shownCaptchaId(page);
  await page.getByLabel('Tài khoản cán bộ').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Mã xác thực', { exact: true }).fill(await captchaAnswer(portal.url, captchaId));
  await page.getByLabel('Mã PIN ca làm việc', { exact: true }).fill(ADMIN.pin);
  await page.getByLabel('Nhập lại mã PIN', { exact: true }).fill(ADMIN.pin);
  await page.getByRole('button', { name: 'Bắt đầu ca làm việc' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Kết thúc ca' }).isVisible()).toBe(true);
  await page.getByRole('link', { name: /^Quản trị kiosk/ }).click();
  await page.getByLabel('Mã PIN ca làm việc', { exact: true }).fill(ADMIN.pin);
  await page.getByRole('button', { name: 'Mở quản trị' }).click();
}

describe('Quản trị kiosk: Các kiosk của đơn vị', () => {
  it('lists both kiosks from their heartbeats, and flags the one that stopped sending only after the portal\'s interval', async () => {
    const admin = await loginOfficer(portal.url, { username: ADMIN.username, password: ADMIN.password });
    // Both kiosks' first beats have reached the portal.
    await expect.poll(async () => (await portalFleet(admin.token)).kiosks.map((k) => k.kioskId), { timeout: 15_000 }).toEqual(['KIOSK-QUAY-1', 'KIOSK-SANH-2']);

    await other?.stop();
    other = null;
    const stopped = (await portalFleet(admin.token)).kiosks.find((k) => k.kioskId === 'KIOSK-SANH-2');
    // Just stopped: its last beat is under a second old, so it is not flagged yet.
    expect(stopped?.flags).toEqual([]);
    const lastBeat = Date.parse(stopped?.receivedAt ?? '');

    const page = await browser.newPage({ viewport: SCREENS.landscape });
    try {
      await page.goto(counter.kioskUrl);
      await openAdminAsAdministrator(page);
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Các kiosk của đơn vị' }).isVisible()).toBe(true);
      const list = page.getByRole('list', { name: 'Các kiosk của đơn vị' });
      const own = list.getByRole('listitem', { name: 'KIOSK-QUAY-1' });
      const quiet = list.getByRole('listitem', { name: 'KIOSK-SANH-2' });
      await expect.poll(() => own.innerText()).toContain('KIOSK-QUAY-1 (kiosk này)');
      const ownText = await own.innerText();
      expect(ownText).toContain('Cẩm Thành');
      expect(ownText).toContain('Bình thường');
      expect(ownText).toMatch(/Tín hiệu gần nhất\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      expect(ownText).toMatch(/Hàng đợi gửi\s+0 mục/);
      expect(ownText).toMatch(/Máy in\s+Không có \(hiện trên màn hình\)/);
      expect(ownText).toMatch(/Dung lượng trống\s+[\d.,]+ GB/);
      expect(await page.getByText(`"Mất liên lạc" khi không nhận được tín hiệu quá ${SILENT_SECONDS} giây`).isVisible()).toBe(true);

      // Reloaded until the portal flags the quiet kiosk; the running one stays normal.
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Tải lại danh sách' }).click();
            await page.waitForTimeout(300);
            return quiet.innerText();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toContain('Mất liên lạc');
      expect(Date.now() - lastBeat).toBeGreaterThanOrEqual(SILENT_SECONDS * 1000);
      expect(await quiet.innerText()).toContain('Nghĩa Lộ');
      expect(await own.innerText()).not.toContain('Mất liên lạc');
      expect(await layoutProblems(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
