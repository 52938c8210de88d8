import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Procedure } from '../../src-shared/catalogue.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { launchChromium, SCREENS } from '../support/browser.js';
import { DEMO_CITIZEN } from '../support/kiosk-login.js';
import { chooseFiles, confirmAndSubmit, currentStep, fillKhaiSinhStep1, KHAI_SINH, next, startKhaiSinh, visible } from '../support/wizard-flow.js';
import { attachKhaiSinhMandatory, checkScreen, makePaperFiles, signInOfficer, UY_QUYEN, type PaperFiles } from '../support/officer-flow.js';
import { flat, pdfInfo, pdfText } from '../unit/documents-fixtures.js';

/**
 * "Hồ sơ cần sửa" end to end: the portal refuses an application the kiosk
 * accepted (its rule for one component changed after the kiosk cached the
 * catalogue), staff find it with the portal's reason, fix it in place and
 * resend it; the portal ends up holding exactly one application.
 */

const KHAI_SINH_CODE = '1.001193.000.00.00.H48';
const UY_QUYEN_ID = 'van-ban-uy-quyen';
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

/**
 * The portal now asks for the power of attorney on every khai sinh. Only the
 * stored record changes, not the catalogue version, so the kiosk keeps the
 * rule it cached: it accepts what the portal will refuse.
 */
async function portalRequiresPowerOfAttorney(): Promise<void> {
  const db = portal.context.db;
  const row = await db.selectFrom('procedures').select('record').where('code', '=', KHAI_SINH_CODE).executeTakeFirstOrThrow();
  const record = JSON.parse(row.record) as Procedure;
  record.documents = record.documents.map((d) => (d.id === UY_QUYEN_ID ? { ...d, mandatory: true } : d));
  await db.updateTable('procedures').set({ record: JSON.stringify(record) }).where('code', '=', KHAI_SINH_CODE).execute();
}

async function portalApplications(): Promise<{ code: string; citizenId: string }[]> {
  const rows = await portal.context.db.selectFrom('applications').select(['code', 'applicant_citizen_id']).execute();
  return rows.map((r) => ({ code: r.code, citizenId: r.applicant_citizen_id }));
}

describe('Hồ sơ cần sửa', () => {
  it(
    'a refused application is fixed and resent by staff, and the portal holds exactly one',
    async () => {
      const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
      await page.goto(kiosk.kioskUrl);
      await signInOfficer(page, portal.url);

      // A walk-in's application, received on their behalf with the three mandatory components.
      await startKhaiSinh(page, portal.url);
      await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(DEMO_CITIZEN.name);
      await page.getByRole('textbox', { name: 'Số CCCD/CMND', exact: true }).fill(DEMO_CITIZEN.cccd);
      await fillKhaiSinhStep1(page);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 2');
      await attachKhaiSinhMandatory(page, files);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 3');
      await portalRequiresPowerOfAttorney();
      await confirmAndSubmit(page, kiosk.kioskUrl, { atCounter: true });

      // The outbox sends it; the portal refuses it and says why.
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần sửa' }).isVisible(), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => visible(page, /Lý do: .*Văn bản ủy quyền/)).toBe(true);
      const provisional = (await page.locator('.big-code').innerText()).trim();
      expect(await portalApplications()).toEqual([]);

      // Staff find it from the home screen, with the portal's reason.
      await page.getByRole('link', { name: /Trang chủ/ }).first().click();
      await page.getByRole('link', { name: /Hồ sơ cần sửa/ }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Hồ sơ cần sửa' }).isVisible()).toBe(true);
      await expect.poll(() => visible(page, `Số biên nhận tạm: ${provisional}`)).toBe(true);
      expect(await visible(page, /Lý do: Còn thiếu thành phần hồ sơ bắt buộc: Văn bản ủy quyền/)).toBe(true);
      await checkScreen(page, 'officer-needs-fix-list');

      // Opened: what was sent is there to fix, nothing retyped.
      await page.getByRole('link', { name: `Sửa hồ sơ ${provisional}` }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: `Sửa hồ sơ: ${KHAI_SINH}` }).isVisible()).toBe(true);
      expect(await page.getByRole('textbox', { name: 'Số CCCD/CMND', exact: true }).inputValue()).toBe(DEMO_CITIZEN.cccd);
      expect(await page.getByLabel('Họ, chữ đệm và tên của trẻ').inputValue()).toBe('Nguyễn Thị Bích Ngọc');
      expect(await visible(page, 'to-khai-khai-sinh.pdf')).toBe(true);
      expect(await visible(page, 'can-cuoc.png')).toBe(true);
      await checkScreen(page, 'officer-needs-fix-edit');

      // A field error is caught before anything is sent.
      await page.getByLabel('Số điện thoại').fill('');
      await page.getByRole('button', { name: 'Gửi lại' }).click();
      await expect.poll(() => visible(page, 'Số điện thoại: vui lòng nhập thông tin bắt buộc.')).toBe(true);
      await page.getByLabel('Số điện thoại').fill(DEMO_CITIZEN.phone);

      await chooseFiles(page, UY_QUYEN, files.letter);
      await expect.poll(() => visible(page, 'van-ban-uy-quyen.png')).toBe(true);
      await page.getByRole('button', { name: 'Gửi lại' }).click();

      // The same application (same provisional number) gets its mã hồ sơ.
      await expect.poll(() => page.getByRole('heading', { level: 1, name: /Nộp hồ sơ thành công/ }).isVisible(), { timeout: 30_000 }).toBe(true);
      const code = (await page.locator('#result-code').innerText()).trim();
      const onPortal = await portalApplications();
      expect(onPortal).toEqual([{ code, citizenId: DEMO_CITIZEN.cccd }]);

      // The officer picks the 80 mm roll: two copies (Liên 1, Liên 2), 80 mm wide, naming the officer.
      await page.getByRole('radio', { name: 'Cuộn giấy 80 mm' }).check();
      await page.getByRole('button', { name: 'In giấy biên nhận' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải giấy biên nhận (PDF)' }).click()]);
      const receipt = await download.path();
      const info = pdfInfo(receipt);
      expect(Number((info['Page size'] ?? '').split(' ')[0])).toBeCloseTo(226.77, 1);
      expect(info.Pages).toBe('2');
      const text = flat(pdfText(receipt));
      expect(text).toContain('Liên 2: giao người nộp');
      expect(text).toContain(`Mã hồ sơ: ${code}`);
      expect(text).toContain('Võ Văn Tùng');

      await page.getByRole('link', { name: /Trang chủ/ }).first().click();
      await page.getByRole('link', { name: /Hồ sơ cần sửa/ }).click();
      await expect.poll(() => visible(page, 'Không có hồ sơ nào cần sửa.')).toBe(true);
      // Still one: nothing was sent twice while the list refreshed.
      expect(await portalApplications()).toHaveLength(1);
      await page.close();
    },
    FLOW_TIMEOUT,
  );
});
