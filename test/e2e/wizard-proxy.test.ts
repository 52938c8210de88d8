import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { launchChromium, SCREENS } from '../support/browser.js';
import { DEMO_CITIZEN } from '../support/kiosk-login.js';
import { currentStep, DECLARATION, fillKhaiSinhStep1, next, startKhaiSinh, visible, wizardCaptchaAnswer } from '../support/wizard-flow.js';
import { shownCaptchaId } from '../support/kiosk-login.js';
import { attachKhaiSinhMandatory, checkScreen, makePaperFiles, type PaperFiles } from '../support/officer-flow.js';

/**
 * "Tôi nộp hộ người khác (được ủy quyền)": the signed-in citizen (Nguyễn
 * Văn An) hands in his wife's application. Typing her CCCD while "cho chính
 * mình" is chosen is stopped at step 1 with a message under the field; as a
 * proxy with the relation stated it goes through, and the portal records him
 * as the proxy and her as the applicant.
 */

const WIFE = { name: 'Trần Thị Hoa', cccd: '051190001234' };
const RELATION = 'Chồng của người yêu cầu';
const FLOW_TIMEOUT = 240_000;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: KioskProcess;
let browser: Browser;
let files: PaperFiles;

beforeAll(async () => {
  files = await makePaperFiles();
  portal = await startTestPortal();
  kiosk = await startKiosk({ env: { KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await portal?.close();
  if (files) fs.rmSync(files.dir, { recursive: true, force: true });
});

describe('nộp hộ (proxy) at the self-service kiosk', () => {
  it(
    'another person’s CCCD needs "Tôi nộp hộ người khác" and a relation; the portal records the proxy',
    async () => {
      const page = await browser.newPage({ viewport: SCREENS.portrait });
      await page.goto(kiosk.kioskUrl);
      await startKhaiSinh(page, portal.url);
      const self = page.getByRole('radio', { name: 'Tôi nộp hồ sơ cho chính mình' });
      const proxy = page.getByRole('radio', { name: 'Tôi nộp hộ người khác (được ủy quyền)' });
      expect(await self.isChecked()).toBe(true);
      await fillKhaiSinhStep1(page);

      // "Cho chính mình" with the wife's CCCD: stopped here, the message under the CCCD field.
      await page.getByLabel('Số CCCD/CMND').fill(WIFE.cccd);
      await next(page);
      await expect.poll(() => visible(page, /^Số CCCD\/CMND này không phải của người đang đăng nhập/)).toBe(true);
      expect(await currentStep(page)).toContain('Bước 1');
      expect(await page.locator(':focus').getAttribute('id')).toBe('applicant.citizenId');

      // As a proxy: his own name makes way for hers; the relation is required.
      await proxy.check();
      expect(await page.getByLabel('Họ và tên').inputValue()).toBe('');
      expect(await page.getByLabel('Số CCCD/CMND').inputValue()).toBe(WIFE.cccd);
      await page.getByLabel('Họ và tên').fill(WIFE.name);
      await next(page);
      await expect.poll(() => visible(page, 'Vui lòng ghi quan hệ với người được nộp hộ hoặc căn cứ ủy quyền.')).toBe(true);
      await checkScreen(page, 'wizard-proxy-relation-missing');
      await page.getByLabel('Quan hệ với người được nộp hộ hoặc căn cứ ủy quyền').fill(RELATION);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 2');

      await attachKhaiSinhMandatory(page, files);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 3');
      await page.getByLabel(DECLARATION).check();
      const id = await shownCaptchaId(page);
      await page.getByLabel('Mã xác thực', { exact: true }).fill(await wizardCaptchaAnswer(kiosk.kioskUrl, id));
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 4');
      // The review says who hands it in, and for whom.
      expect(await visible(page, `${DEMO_CITIZEN.name} (${RELATION})`)).toBe(true);
      expect(await visible(page, WIFE.name)).toBe(true);
      await page.getByRole('button', { name: 'Đồng ý' }).click();
      await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);

      const row = await portal.context.db
        .selectFrom('applications')
        .innerJoin('accounts', 'accounts.id', 'applications.owner_account_id')
        .select(['applications.applicant_citizen_id', 'applications.applicant_json', 'accounts.citizen_id'])
        .executeTakeFirstOrThrow();
      expect(row.applicant_citizen_id).toBe(WIFE.cccd);
      expect(row.citizen_id).toBe(DEMO_CITIZEN.cccd);
      expect(JSON.parse(row.applicant_json)).toMatchObject({ fullName: WIFE.name, proxy: { relation: RELATION } });
    },
    FLOW_TIMEOUT,
  );
});
