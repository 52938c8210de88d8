import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DevBusinessCertificateSchema } from '../../src-shared/portal-auth-api.js';
import { accessibilityProblems } from '../support/a11y.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import { createSoftHsm, initToken, SOFTHSM_LIBRARY, softHsmGate, writeTokenObjects, type SoftHsmHandle } from '../support/devices-softhsm.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { repoRoot } from '../support/procedures.js';
import { describeWithService } from '../support/service-gate.js';

/**
 * A business at the kiosk with its USB signing token (SoftHSM2 standing in
 * for it): "Đăng nhập" → "Doanh nghiệp", the certificate, the PIN tapped on
 * the on-screen keypad; then an application whose declaration form is
 * signed with the token, checked on the portal with pdfsig.
 */

const TAX_CODE = '4300123458';
const COMPANY = 'CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ SÔNG TRÀ (TẬP HUẤN)';
const PIN = '258025';
const PROCEDURE = 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh';
const CODE = /^000\.00\.32\.H48-\d{6}-\d{4}$/;
const DECLARATION = 'Tôi chắc chắn rằng các thông tin khai báo trên là đúng sự thật và đồng ý chịu trách nhiệm trước pháp luật về lời khai trên.';
const FLOW_TIMEOUT = 300_000;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let hsm: SoftHsmHandle;
let kiosk: KioskProcess;
let browser: Browser;

const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().isVisible();

async function checkScreen(page: Page, name: string): Promise<void> {
  for (const [orientation, viewport] of Object.entries(SCREENS)) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${orientation}`);
    expect(await layoutProblems(page), `${name} ${orientation}`).toEqual([]);
    expect(await accessibilityProblems(page), `${name} ${orientation}`).toEqual([]);
  }
  await page.setViewportSize(SCREENS.landscape);
}

/** Taps the PIN on the on-screen keypad, digit by digit. */
async function tapPin(page: Page, pin: string): Promise<void> {
  const pad = page.getByRole('group', { name: 'Bàn phím nhập mã PIN' });
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
}

async function wizardCaptchaAnswer(kioskUrl: string, id: string): Promise<string> {
  const url = new URL(kioskUrl);
  const res = await fetch(`${url.origin}/api/dev/captcha/${encodeURIComponent(id)}`, {
    headers: { 'x-kiosk-secret': url.searchParams.get('k') ?? '', origin: url.origin },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { answer: string }).answer;
}

async function currentStep(page: Page): Promise<string> {
  return (await page.locator('[aria-current="step"]').innerText()).replace(/\s+/g, ' ').trim();
}

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Tiếp tục/ }).click();
}

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (e) {
    // pdfsig exits non-zero when the signer's CA is not in its NSS store; the report is still on stdout.
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

describeWithService(softHsmGate, 'business with a USB signing token (SoftHSM2)', () => {
  beforeAll(async () => {
    portal = await startTestPortal();
    const demo = DevBusinessCertificateSchema.parse(await (await fetch(`${portal.url}/api/v1/dev/business-certificate?taxCode=${TAX_CODE}`)).json());
    hsm = createSoftHsm();
    initToken('SONG-TRA', PIN, '87654321');
    writeTokenObjects('SONG-TRA', PIN, [
      { id: '01', label: demo.companyName, certificatePem: demo.certificatePem, privateKey: crypto.createPrivateKey(demo.privateKeyPem) },
    ]);
    kiosk = await startKiosk({
      env: {
        KIOSK_PORTAL_URL: portal.url,
        KIOSK_TRAINING: '1',
        KIOSK_PKCS11_LIBRARY: SOFTHSM_LIBRARY,
        SOFTHSM2_CONF: hsm.configFile,
      },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await portal?.close();
    hsm?.cleanup();
  });

  it(
    'logs in with the token (PIN on the keypad) and submits an application whose declaration is signed with it',
    async () => {
      const page = await browser.newPage({ viewport: SCREENS.landscape });
      await page.goto(kiosk.kioskUrl);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByRole('tab', { name: 'Doanh nghiệp' }).click();
      await expect.poll(() => visible(page, 'Đã nhận thiết bị ký số'), { timeout: 15_000 }).toBe(true);

      const cert = page.getByRole('radio', { name: new RegExp(COMPANY.replace(/[()]/g, '\\$&')) });
      await expect.poll(() => cert.isVisible(), { timeout: 15_000 }).toBe(true);
      const certText = await cert.innerText();
      expect(certText).toContain(`MST: ${TAX_CODE}`);
      expect(certText).toMatch(/Còn hiệu lực đến \d{2}\/\d{2}\/\d{4}/);
      await cert.click();
      expect(await cert.getAttribute('aria-checked')).toBe('true');

      // A wrong PIN first: the message says so (and what the token reports about the tries left); the dots are cleared.
      await tapPin(page, '000000');
      // Six dots drawn (not a dot character, which would need a font), and said as a count.
      expect(await page.locator('.dots .dot').count()).toBe(6);
      expect(await page.getByLabel('Đã nhập 6 chữ số').isVisible()).toBe(true);
      expect(await page.locator('.dots').innerText()).not.toMatch(/\d/);
      await checkScreen(page, 'business-login-pin');
      await page.getByRole('button', { name: 'Đăng nhập bằng chữ ký số' }).click();
      await expect.poll(() => visible(page, /^Mã PIN không đúng\. Vui lòng nhập lại\./), { timeout: 15_000 }).toBe(true);
      expect(await page.getByRole('alert').innerText()).toMatch(/bị khóa/);
      await checkScreen(page, 'business-login-wrong-pin');

      // "Xóa" takes the last digit back.
      await tapPin(page, PIN + '9');
      await page.getByRole('button', { name: 'Xóa', exact: true }).click();
      expect(await page.locator('.dots .dot').count()).toBe(PIN.length);
      expect(await page.getByLabel(`Đã nhập ${PIN.length} chữ số`).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Đăng nhập bằng chữ ký số' }).click();
      await expect.poll(() => visible(page, `Xin chào, ${COMPANY}`), { timeout: 20_000 }).toBe(true);
      await checkScreen(page, 'business-signed-in');

      // The procedure, from the catalogue as anyone finds it.
      await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).first().click();
      await page.getByLabel('Tìm thủ tục hành chính').fill('thay đổi nội dung đăng ký hộ kinh doanh');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('link', { name: new RegExp(`^${PROCEDURE}`) }).first().click();
      await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: `Nộp hồ sơ: ${PROCEDURE}` }).isVisible(), { timeout: 15_000 }).toBe(true);

      // Step 1: the household business owner who comes to the counter, and the change.
      await page.getByLabel('Họ và tên').fill('Trần Văn Sông');
      await page.getByLabel('Số CCCD/CMND').fill('051085001234');
      await page.getByLabel('Số điện thoại').fill('0779000444');
      await page.getByRole('textbox', { name: 'Địa chỉ', exact: true }).fill('Số 5 đường Quang Trung, phường Cẩm Thành, tỉnh Quảng Ngãi');
      await page.getByLabel('Mã số hộ kinh doanh').fill('43A8012345');
      await page.getByLabel('Nội dung thay đổi').selectOption({ label: 'Địa điểm kinh doanh' });
      await page.getByLabel('Nội dung sau khi thay đổi').fill('Số 9 đường Lê Lợi, phường Cẩm Thành, tỉnh Quảng Ngãi');
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 2');

      // Step 2: "Ký số tờ khai" on the notice (the procedure's declaration form).
      await page.getByRole('button', { name: /^Ký số tờ khai/ }).click();
      await expect.poll(() => page.getByRole('radio', { name: new RegExp(TAX_CODE) }).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByRole('radio', { name: new RegExp(TAX_CODE) }).getAttribute('aria-checked')).toBe('true');
      await tapPin(page, PIN);
      await checkScreen(page, 'business-declaration-pin');
      await page.getByRole('button', { name: 'Ký số', exact: true }).click();
      await expect.poll(() => visible(page, 'to-khai-da-ky-so.pdf'), { timeout: 30_000 }).toBe(true);
      expect(await visible(page, 'Đã ký số tờ khai và đính kèm vào hồ sơ.')).toBe(true);
      await checkScreen(page, 'business-declaration-signed');
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 3');

      await page.getByLabel(DECLARATION).check();
      const captchaId = await page.locator('[data-captcha-id]').first().getAttribute('data-captcha-id');
      expect(captchaId).toBeTruthy();
      await page.getByLabel('Mã xác thực', { exact: true }).fill(await wizardCaptchaAnswer(kiosk.kioskUrl, captchaId ?? ''));
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 4');
      expect(await visible(page, 'to-khai-da-ky-so.pdf')).toBe(true);
      await page.getByRole('button', { name: 'Đồng ý' }).click();

      await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);
      const code = (await page.getByText(CODE).first().innerText()).trim();
      expect(code).toMatch(CODE);
      await checkScreen(page, 'business-result');

      // On the portal: the application's declaration is the signed PDF, and pdfsig finds its signature valid.
      const rows = await portal.context.db
        .selectFrom('application_attachments')
        .innerJoin('applications', 'applications.id', 'application_attachments.application_id')
        .select(['application_attachments.sha256', 'application_attachments.component_id', 'application_attachments.original_name', 'application_attachments.mime'])
        .where('applications.code', '=', code)
        .execute();
      expect(rows).toEqual([expect.objectContaining({ component_id: 'thong-bao-thay-doi-hkd', original_name: 'to-khai-da-ky-so.pdf', mime: 'application/pdf' })]);
      const sha256 = rows[0]?.sha256 ?? '';
      const bytes = fs.readFileSync(path.join(portal.dataDir, 'attachments', sha256.slice(0, 2), sha256));
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      const dir = path.join(repoRoot, 'test-results', 'signed');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'declaration-signed-e2e.pdf');
      fs.writeFileSync(file, bytes);
      const report = pdfsig(file);
      expect(report).toContain('Signature is Valid');
      expect(report).toContain('Total document signed');
      await page.close();
    },
    FLOW_TIMEOUT,
  );
});
