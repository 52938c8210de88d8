import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { launchChromium, SCREENS } from '../support/browser.js';
import { DEMO_CITIZEN, loginAsCitizen } from '../support/kiosk-login.js';
import { chooseFiles, fillDate, visible } from '../support/wizard-flow.js';
import { checkScreen, makePaperFiles, onlineApplication, signInOfficer, type PaperFiles } from '../support/officer-flow.js';
import { pdfText, flat } from '../unit/documents-fixtures.js';

/**
 * The supplement round trip at an assisted counter, by the labels on screen:
 * an application made online, "Yêu cầu bổ sung" by the officer (the slip
 * lists what is asked), "Bổ sung hồ sơ" by the citizen at the kiosk, and
 * "Tiếp nhận" once it is back; the timeline reads 1 → 5 → 2. Then the same
 * with the portal down while the citizen sends it: queued, sent once.
 */

const CHUNG_SINH = 'Giấy chứng sinh';
const FLOW_TIMEOUT = 300_000;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: KioskProcess;
let browser: Browser;
let files: PaperFiles;
let portalDir: string;
let portalPort: number;

beforeAll(async () => {
  files = await makePaperFiles();
  portalDir = fs.mkdtempSync('/tmp/officer-portal-');
  portal = await startTestPortal({ dataDir: portalDir });
  portalPort = Number(new URL(portal.url).port);
  kiosk = await startKiosk({ env: { KIOSK_MODE: 'assisted', KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await portal?.close();
  if (portalDir) fs.rmSync(portalDir, { recursive: true, force: true });
  if (files) fs.rmSync(files.dir, { recursive: true, force: true });
});

async function attachmentCount(code: string): Promise<number> {
  const db = portal.context.db;
  const app = await db.selectFrom('applications').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('application_attachments').select('sha256').where('application_id', '=', app.id).execute();
  return rows.length;
}

async function home(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Trang chủ/ }).first().click();
}

/** Officer: worklist → the application → "Yêu cầu bổ sung" for the birth certificate; returns the slip's text. */
async function requestSupplement(page: Page, code: string): Promise<string> {
  await home(page);
  await page.getByRole('link', { name: /Hồ sơ chờ tiếp nhận/ }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ chờ tiếp nhận' }).isVisible()).toBe(true);
  await page.getByRole('link', { name: `Xem hồ sơ ${code}` }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
  await page.getByRole('checkbox', { name: new RegExp(`^${CHUNG_SINH}`) }).check();
  await page.getByLabel(new RegExp(`^Lý do \\(không bắt buộc\\): ${CHUNG_SINH}`)).fill('Ảnh chụp bị mờ');
  await page.getByLabel('Nội dung yêu cầu bổ sung').fill('Vui lòng chụp lại Giấy chứng sinh rõ nét.');
  await page.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
  // The slip is made (two copies, the font embedded) before the answer comes back.
  await expect.poll(() => visible(page, 'Hồ sơ chuyển sang trạng thái: Yêu cầu bổ sung giấy tờ.'), { timeout: 30_000 }).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải phiếu (PDF)' }).click()]);
  const file = await download.path();
  return flat(pdfText(file));
}

/** Citizen at the counter: log in, Tra cứu hồ sơ → "Bổ sung hồ sơ", attach the new photo. */
async function openSupplement(page: Page, code: string): Promise<void> {
  if (!(await page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible())) {
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await loginAsCitizen(page, portal.url);
  }
  await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
  await home(page);
  await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).first().click();
  await page.getByLabel('Mã hồ sơ').fill(code);
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByRole('link', { name: 'Bổ sung hồ sơ' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: `Bổ sung hồ sơ ${code}` }).isVisible()).toBe(true);
  await expect.poll(() => visible(page, 'Vui lòng chụp lại Giấy chứng sinh rõ nét.')).toBe(true);
  await chooseFiles(page, new RegExp(`^(Chọn|Thay) tệp cho: ${CHUNG_SINH}`), files.letter);
  await expect.poll(() => visible(page, 'van-ban-uy-quyen.png')).toBe(true);
}

describe('Bổ sung hồ sơ', () => {
  it(
    'officer asks, the citizen supplements at the kiosk, the officer receives it; the timeline reads 1 → 5 → 2',
    async () => {
      const code = await onlineApplication(portal.url, files);
      const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
      await page.goto(kiosk.kioskUrl);
      await signInOfficer(page, portal.url);

      await home(page);
      await page.getByRole('link', { name: /Hồ sơ chờ tiếp nhận/ }).click();
      await expect.poll(() => page.getByRole('link', { name: `Xem hồ sơ ${code}` }).isVisible()).toBe(true);
      // "Từ ngày" is the kiosk's dd/mm/yyyy field: from tomorrow nothing is waiting, from today the application is back.
      const vnDay = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + days * 86_400_000));
      await fillDate(page, 'Từ ngày', vnDay(1));
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => page.getByRole('link', { name: `Xem hồ sơ ${code}` }).isVisible()).toBe(false);
      await fillDate(page, 'Từ ngày', vnDay(0));
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => page.getByRole('link', { name: `Xem hồ sơ ${code}` }).isVisible()).toBe(true);
      await checkScreen(page, 'officer-worklist');
      await page.getByRole('link', { name: `Xem hồ sơ ${code}` }).click();
      // The photo shows inline.
      await page.getByRole('button', { name: 'Xem tệp giay-chung-sinh.png' }).click();
      await expect.poll(() => page.getByRole('img', { name: 'Ảnh tệp giay-chung-sinh.png' }).isVisible()).toBe(true);
      // So does the PDF form, drawn on the page (pdf.js), not sent to a download.
      await page.getByRole('button', { name: 'Xem tệp to-khai-khai-sinh.pdf' }).click();
      const pdfPage = page.getByRole('img', { name: 'Trang 1/1 của tệp to-khai-khai-sinh.pdf' });
      await expect.poll(() => pdfPage.isVisible()).toBe(true);
      // Its text was painted: some pixels are dark, not just the white page.
      await expect
        .poll(() =>
          pdfPage.evaluate((el) => {
            // The Node-side type-check has no DOM library: the canvas as far as this check needs it.
            const c = el as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
            const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
            let dark = 0;
            for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100 && (data[i + 3] ?? 0) > 0) dark++;
            return dark;
          }),
        )
        .toBeGreaterThan(50);
      await checkScreen(page, 'officer-application');

      const slip = await requestSupplement(page, code);
      expect(slip).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
      expect(slip).toContain(`Mã hồ sơ: ${code}`);
      expect(slip).toMatch(new RegExp(`1\\. ${CHUNG_SINH}.* — Ảnh chụp bị mờ`));
      expect(slip).toContain('Lý do: Vui lòng chụp lại Giấy chứng sinh rõ nét.');
      expect(slip).toContain('Võ Văn Tùng');

      await openSupplement(page, code);
      await checkScreen(page, 'officer-supplement-citizen');
      const before = await attachmentCount(code);
      await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
      await expect.poll(() => visible(page, 'Đã gửi bổ sung tới Cổng dịch vụ công.'), { timeout: 30_000 }).toBe(true);
      expect(await attachmentCount(code)).toBe(before + 1);

      // Back to the officer: the next walk-in, then the supplemented application is accepted.
      await page.getByRole('button', { name: 'Phục vụ người tiếp theo' }).click();
      await home(page);
      await page.getByRole('link', { name: /Hồ sơ chờ tiếp nhận/ }).click();
      await expect.poll(() => page.getByRole('link', { name: `Xem hồ sơ ${code}` }).isVisible()).toBe(true);
      expect(await visible(page, 'Đã bổ sung')).toBe(true);
      await page.getByRole('link', { name: `Xem hồ sơ ${code}` }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Tiếp nhận', exact: true }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
      await expect.poll(() => visible(page, 'Hồ sơ chuyển sang trạng thái: Được tiếp nhận.'), { timeout: 30_000 }).toBe(true);
      const [receipt] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải phiếu (PDF)' }).click()]);
      const receiptText = flat(pdfText(await receipt.path()));
      expect(receiptText).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(receiptText).toContain('Võ Văn Tùng');

      // Tra cứu hồ sơ agrees: 1 → 5 → 2.
      await home(page);
      await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).first().click();
      await page.getByLabel('Mã hồ sơ').fill(code);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(() => page.locator('ol.timeline li').count()).toBeGreaterThanOrEqual(3);
      const steps = (await page.locator('ol.timeline li strong').allInnerTexts()).map((s) => s.trim());
      expect(steps).toEqual(['Mới đăng ký', 'Yêu cầu bổ sung giấy tờ', 'Được tiếp nhận']);
      await page.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'with the portal down, the supplement is queued and sent once when it is back',
    async () => {
      const code = await onlineApplication(portal.url, files);
      const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
      await page.goto(kiosk.kioskUrl);
      // The shift may still be open from the first test (same kiosk): sign in only when asked.
      const signInHeading = page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' });
      const officerBar = page.getByText('Cán bộ: Võ Văn Tùng');
      await expect.poll(async () => (await signInHeading.isVisible()) || (await officerBar.isVisible())).toBe(true);
      if (await signInHeading.isVisible()) await signInOfficer(page, portal.url);

      await requestSupplement(page, code);
      await openSupplement(page, code);
      const before = await attachmentCount(code);

      await portal.close();
      await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
      await expect.poll(() => visible(page, 'Đã lưu hồ sơ bổ sung. Kiosk đang mất kết nối', ), { timeout: 60_000 }).toBe(true);
      await expect.poll(() => page.getByRole('button', { name: /Đồng bộ ngay/ }).innerText()).toContain('1 hồ sơ chờ gửi');

      portal = await startTestPortal({ dataDir: portalDir, port: portalPort });
      // The health probe sees it back and the queue drains by itself.
      await expect.poll(() => page.getByRole('button', { name: /Đồng bộ ngay/ }).innerText(), { timeout: 60_000 }).toContain('0 hồ sơ chờ gửi');
      expect(await attachmentCount(code)).toBe(before + 1);
      const requests = await portal.context.db
        .selectFrom('supplement_requests')
        .innerJoin('applications', 'applications.id', 'supplement_requests.application_id')
        .select(['supplement_requests.state'])
        .where('applications.code', '=', code)
        .execute();
      expect(requests.map((r) => r.state)).toEqual(['supplemented']);
      // "Đồng bộ ngay" afterwards sends nothing again.
      await page.waitForTimeout(3000);
      expect(await attachmentCount(code)).toBe(before + 1);
      await page.close();
    },
    FLOW_TIMEOUT,
  );
});
