import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { vnDateKey } from '../../src-shared/domain/vn-time.js';
import { accessibilityProblems } from '../support/a11y.js';
import { launchChromium, layoutProblems, SCREENS } from '../support/browser.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { lateQueueResources, openTicketScreen, pressTake } from '../support/queue-flow.js';

/**
 * "Lấy số thứ tự" on two kiosks of one centre, sharing one reference
 * portal: numbers taken by their visible labels on both screens, a priority
 * one picked by searching its procedure, and one while the portal is down,
 * given from the kiosk's reserved block and reported once the portal is
 * back. No two people hold the same number.
 */
const CENTRE = '000.00.31.H48';

describe('Lấy số thứ tự on two kiosks of one centre', () => {
  let browser: Browser;
  let resources: string;
  let portalDir: string;
  let portal: Awaited<ReturnType<typeof startTestPortal>>;
  let kiosks: KioskProcess[] = [];

  beforeAll(async () => {
    resources = lateQueueResources();
    portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-portal-'));
    portal = await startTestPortal({ dataDir: portalDir, resourcesDir: resources });
    const env = (id: string) => ({ KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1', KIOSK_ID: id, KIOSK_QUEUE_CENTRE: CENTRE });
    [browser, ...kiosks] = await Promise.all([launchChromium(), startKiosk({ env: env('KIOSK-SO-A') }), startKiosk({ env: env('KIOSK-SO-B') })]);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(kiosks.map((k) => k.stop()));
    await portal?.close();
    for (const d of [portalDir, resources]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('gives distinct numbers on both kiosks, online, with priority, and offline; the offline one reaches the portal when it is back', async () => {
    const [a, b] = kiosks as [KioskProcess, KioskProcess];
    const pageA = await browser.newPage({ viewport: SCREENS.landscape });
    const pageB = await browser.newPage({ viewport: SCREENS.landscape });
    await Promise.all([openTicketScreen(pageA, a.kioskUrl), openTicketScreen(pageB, b.kioskUrl)]);
    expect(await accessibilityProblems(pageA)).toEqual([]);

    // Kiosk A: an area picked by its label.
    await pageA.getByRole('radio', { name: /Chứng thực/ }).check();
    expect(await pageA.getByText('Mời đến Quầy số 1, 2').isVisible()).toBe(true);
    const first = await pressTake(pageA);
    expect(first.startsWith('B-')).toBe(true);
    const ticketA = pageA.getByRole('region', { name: 'Số thứ tự của quý khách' });
    expect(await ticketA.innerText()).toContain('Mời đến Quầy số 1, 2');
    expect(await ticketA.innerText()).toContain('Số người chờ trước: 0');
    // No printer here: the ticket is shown on the screen, not offered as a download.
    expect(await pageA.getByText('Kiosk chưa được nối máy in: vui lòng ghi nhớ hoặc chụp lại số thứ tự trên màn hình.').isVisible()).toBe(true);
    await expect.poll(() => pageA.locator('.preview canvas').count()).toBeGreaterThan(0);
    expect(await layoutProblems(pageA)).toEqual([]);
    expect(await accessibilityProblems(pageA)).toEqual([]);
    // English second: the same ticket, worded for a foreign visitor.
    await pageA.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await expect.poll(() => pageA.getByRole('region', { name: 'Your queue number' }).innerText()).toContain('Please go to Counter 1, 2');
    await pageA.getByRole('button', { name: 'Switch to Vietnamese' }).click();

    // Kiosk B: the procedure searched picks its area; a priority number.
    await pageB.getByLabel('Tìm thủ tục cần làm').fill('khai sinh');
    await pageB.getByRole('button', { name: 'Tìm', exact: true }).click();
    await pageB.getByRole('button', { name: /^Đăng ký khai sinh/ }).first().click();
    await expect.poll(() => pageB.getByRole('radio', { name: /Hộ tịch/ }).isChecked()).toBe(true);
    await pageB.getByLabel('Người cao tuổi, người khuyết tật, phụ nữ mang thai (được ưu tiên)').check();
    const priority = await pressTake(pageB);
    expect(priority.startsWith('A-')).toBe(true);
    expect(await pageB.getByRole('region', { name: 'Số thứ tự của quý khách' }).getByText('Ưu tiên', { exact: true }).isVisible()).toBe(true);

    // Kiosk A again: a second person in the same area after B's.
    await pageA.getByRole('button', { name: 'Lấy số khác' }).click();
    await pageA.getByRole('radio', { name: /Chứng thực/ }).check();
    const second = await pressTake(pageA);

    // The portal goes away: kiosk B gives a number from its own block.
    const port = Number(new URL(portal.url).port);
    await portal.close();
    await pageB.getByRole('button', { name: 'Lấy số khác' }).click();
    await expect.poll(() => pageB.getByText(/mất kết nối với Cổng dịch vụ công: số được cấp từ dãy số dự phòng/).isVisible(), { timeout: 20_000 }).toBe(true);
    await pageB.getByRole('radio', { name: /Chứng thực/ }).check();
    const offline = await pressTake(pageB);
    expect(await pageB.getByText('Số này được cấp khi kiosk mất kết nối; Cổng dịch vụ công sẽ nhận khi có kết nối lại.').isVisible()).toBe(true);
    expect(await pageB.getByText('Số người chờ trước: chưa rõ').isVisible()).toBe(true);

    const labels = [first, priority, second, offline];
    expect(new Set(labels).size).toBe(labels.length);

    // The portal is back at the same address: kiosk B reports its offline number by itself.
    portal = await startTestPortal({ dataDir: portalDir, resourcesDir: resources, port });
    const today = vnDateKey(new Date());
    const tickets = () =>
      portal.context.db.selectFrom('queue_tickets').select(['area', 'number', 'priority', 'source', 'kiosk_id']).where('agency_code', '=', CENTRE).where('day', '=', today).execute();
    const labelOf = (t: { area: string; number: number }) => `${t.area}-${String(t.number).padStart(3, '0')}`;
    await expect
      .poll(async () => (await tickets()).find((t) => labelOf(t) === offline)?.source ?? null, { timeout: 30_000, interval: 500 })
      .toBe('offline');

    const all = await tickets();
    const portalLabels = all.map(labelOf);
    expect(new Set(portalLabels).size).toBe(portalLabels.length);
    expect(portalLabels).toEqual(expect.arrayContaining(labels));
    expect(all.find((t) => labelOf(t) === priority)).toMatchObject({ priority: 1, kiosk_id: 'KIOSK-SO-B' });
    expect(all.find((t) => labelOf(t) === offline)).toMatchObject({ source: 'offline', kiosk_id: 'KIOSK-SO-B' });
  }, 90_000);
});
