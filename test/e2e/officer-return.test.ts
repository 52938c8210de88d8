import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { launchChromium, SCREENS } from '../support/browser.js';
import { DEMO_CITIZEN, loginAsCitizen } from '../support/kiosk-login.js';
import { call, loginOfficer } from '../support/portal-auth.js';
import { visible } from '../support/wizard-flow.js';
import { checkScreen, makePaperFiles, OFFICER, onlineApplication, signInOfficer, type PaperFiles } from '../support/officer-flow.js';
import { flat, pdfText } from '../unit/documents-fixtures.js';

/**
 * "Trả kết quả" and "Đánh giá mức độ hài lòng" at an assisted counter: an
 * application processed to status 9 on the portal is handed back only to
 * the applicant's CCCD (a wrong one is refused with its message), moves to
 * 10 with the return slip printed, and is rated once — a second rating is
 * refused.
 */

const FLOW_TIMEOUT = 300_000;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: KioskProcess;
let browser: Browser;
let files: PaperFiles;

beforeAll(async () => {
  files = await makePaperFiles();
  portal = await startTestPortal();
  kiosk = await startKiosk({ env: { KIOSK_MODE: 'assisted', KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await portal?.close();
  if (files) fs.rmSync(files.dir, { recursive: true, force: true });
});

/** Received and processed on the portal by the officer: status 9. */
async function processedApplication(): Promise<string> {
  const code = await onlineApplication(portal.url, files);
  const officer = await loginOfficer(portal.url, OFFICER);
  for (const [action, expectedStatus] of [
    ['accept', 1],
    ['start-processing', 2],
    ['finish-processing', 4],
  ] as const) {
    const answer = await call(portal.url, 'POST', `/api/v1/officer/applications/${code}/${action}`, { body: { expectedStatus }, token: officer.token });
    expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(200);
  }
  return code;
}

async function portalStatus(code: string): Promise<number> {
  const row = await portal.context.db.selectFrom('applications').select('status').where('code', '=', code).executeTakeFirstOrThrow();
  return row.status;
}

async function rateAll(page: Page): Promise<void> {
  const criteria = page.locator('fieldset.criterion');
  await expect.poll(() => criteria.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await criteria.count()); i++) await criteria.nth(i).getByRole('radio').last().check();
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
}

describe('Trả kết quả and Đánh giá mức độ hài lòng', () => {
  it(
    'a matching CCCD moves the result to 10 with a return slip, a wrong one is refused; the rating is saved once',
    async () => {
      const code = await processedApplication();
      expect(await portalStatus(code)).toBe(9);
      const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
      await page.goto(kiosk.kioskUrl);
      await signInOfficer(page, portal.url);

      await page.getByRole('link', { name: /Trả kết quả/ }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Trả kết quả' }).isVisible()).toBe(true);
      await page.getByLabel('Mã hồ sơ').fill(code);
      await page.getByRole('button', { name: 'Tìm hồ sơ' }).click();
      await expect.poll(() => page.getByLabel('Số CCCD/CMND của người nhận').isVisible()).toBe(true);
      await checkScreen(page, 'officer-return');

      // Someone else's CCCD: refused with the portal's words, nothing changes.
      await page.getByLabel('Số CCCD/CMND của người nhận').fill('051192006789');
      await page.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
      await expect.poll(() => visible(page, 'Số CCCD không khớp với người nộp hồ sơ.'), { timeout: 30_000 }).toBe(true);
      expect(await portalStatus(code)).toBe(9);

      await page.getByLabel('Số CCCD/CMND của người nhận').fill(DEMO_CITIZEN.cccd);
      await page.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
      await expect.poll(() => visible(page, 'Đã trả kết quả. Hồ sơ chuyển sang trạng thái: Đã trả kết quả.'), { timeout: 30_000 }).toBe(true);
      expect(await portalStatus(code)).toBe(10);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải phiếu (PDF)' }).click()]);
      const slip = flat(pdfText(await download.path()));
      expect(slip).toContain('PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
      // The slips share the receipt's heading: the ward's People's Committee under its own parent, from the agency data.
      expect(slip).toContain('UBND TỈNH QUẢNG NGÃI UBND PHƯỜNG CẨM THÀNH');
      expect(slip).toContain(`Mã hồ sơ: ${code}`);
      expect(slip).toContain(`Người nhận kết quả: ${DEMO_CITIZEN.name} (người nộp hồ sơ)`);
      expect(slip).toContain(OFFICER.name);

      // Rated right away at the counter, without signing in.
      await page.getByRole('link', { name: 'Đánh giá mức độ hài lòng' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' }).isVisible()).toBe(true);
      await expect.poll(() => page.locator('fieldset.criterion').count()).toBeGreaterThan(0);
      await checkScreen(page, 'officer-rating');
      await rateAll(page);
      await expect.poll(() => visible(page, 'Cảm ơn quý khách đã đánh giá.'), { timeout: 30_000 }).toBe(true);
      const ratings = await portal.context.db.selectFrom('ratings').selectAll().execute();
      expect(ratings).toHaveLength(1);

      // A second try, by the owner from Tra cứu hồ sơ: refused, still one rating.
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await loginAsCitizen(page, portal.url);
      await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
      await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/tra-cuu?ma=${code}`);
      await page.getByRole('link', { name: 'Đánh giá mức độ hài lòng' }).click();
      await rateAll(page);
      await expect.poll(() => visible(page, 'Mỗi hồ sơ chỉ được đánh giá một lần.'), { timeout: 30_000 }).toBe(true);
      expect(await portal.context.db.selectFrom('ratings').selectAll().execute()).toHaveLength(1);
      await page.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    '"Từ chối tiếp nhận" with a reason moves the application to 3 and prints the refusal slip',
    async () => {
      const code = await onlineApplication(portal.url, files);
      const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
      await page.goto(kiosk.kioskUrl);
      const signInHeading = page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' });
      await expect.poll(async () => (await signInHeading.isVisible()) || (await page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible())).toBe(true);
      if (await signInHeading.isVisible()) await signInOfficer(page, portal.url);
      await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/can-bo/ho-so-cho-tiep-nhan`);
      // Nothing here is overdue yet: the filter shows none, without it the application is there.
      await page.getByLabel('Chỉ hồ sơ quá hạn tiếp nhận').check();
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => visible(page, 'Không có hồ sơ nào chờ tiếp nhận.')).toBe(true);
      await page.getByLabel('Chỉ hồ sơ quá hạn tiếp nhận').uncheck();
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.getByRole('link', { name: `Xem hồ sơ ${code}` }).click();
      await page.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
      // No reason, no refusal.
      await page.getByRole('button', { name: 'Xác nhận từ chối tiếp nhận' }).click();
      await expect.poll(() => visible(page, 'Vui lòng nhập lý do từ chối tiếp nhận.')).toBe(true);
      await page.getByLabel('Lý do từ chối tiếp nhận').fill('Trẻ sinh tại xã khác; đề nghị nộp tại UBND nơi cư trú của cha, mẹ.');
      await page.getByRole('button', { name: 'Xác nhận từ chối tiếp nhận' }).click();
      await expect.poll(() => visible(page, 'Hồ sơ chuyển sang trạng thái: Không được tiếp nhận.'), { timeout: 30_000 }).toBe(true);
      expect(await portalStatus(code)).toBe(3);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải phiếu (PDF)' }).click()]);
      const slip = flat(pdfText(await download.path()));
      expect(slip).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ');
      expect(slip).toContain('Trẻ sinh tại xã khác; đề nghị nộp tại UBND nơi cư trú của cha, mẹ.');
      expect(slip).toContain(OFFICER.name);
      await page.close();
    },
    FLOW_TIMEOUT,
  );
});
