import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal } from '../support/portal.js';
import { startHoldingProxy } from '../support/holding-proxy.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import { accessibilityProblems } from '../support/a11y.js';
import { DEMO_CITIZEN, loginAsCitizen, shownCaptchaId } from '../support/kiosk-login.js';
import { flat, pdfText, renderPage } from '../unit/documents-fixtures.js';
import { chooseFiles, currentStep, daysAgo, DECLARATION, dmy, fillKhaiSinhStep1, KHAI_SINH, next, visible, wizardCaptchaAnswer } from '../support/wizard-flow.js';

/**
 * "Đăng ký khai sinh" from search to mã hồ sơ through the four wizard steps,
 * as a citizen does it at the kiosk: by the Vietnamese labels on screen,
 * with real files, against the real host and the reference portal.
 */

// jsqr is CommonJS: under NodeNext its default import types as the module object.
const jsQR = (typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default) as typeof jsQRModule.default;

const PROCEDURE = KHAI_SINH;
const AGENCY = '000.00.31.H48';
const FLOW_TIMEOUT = 300_000;

let browser: Browser;
let files: { dir: string; pdf: string; png: string; cccd: string; big: string; text: string };

/** A two-page PDF and small PNGs, as a citizen's USB stick would hold them. */
async function makeFiles(): Promise<typeof files> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wizard-files-'));
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('To khai dang ky khai sinh', { x: 50, y: 780, size: 18 });
  doc.addPage([595, 842]).drawText('Trang 2', { x: 50, y: 780, size: 18 });
  const pdf = path.join(dir, 'to-khai-khai-sinh.pdf');
  // Written plainly, as scanners do: the kiosk counts pages only where that is cheap.
  fs.writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
  const png = (name: string, shade: number) => {
    const img = new PNG({ width: 64, height: 48 });
    for (let i = 0; i < img.data.length; i += 4) img.data.set([shade, 120, 255 - shade, 255], i);
    const file = path.join(dir, name);
    fs.writeFileSync(file, PNG.sync.write(img));
    return file;
  };
  const big = path.join(dir, 'ban-quet-qua-lon.pdf');
  // 11 MB: over the limit, refused before any upload.
  fs.writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]));
  const text = path.join(dir, 'ghi-chu.txt');
  fs.writeFileSync(text, 'không phải giấy tờ');
  return { dir, pdf, png: png('giay-chung-sinh.png', 30), cccd: png('can-cuoc.png', 200), big, text };
}

beforeAll(async () => {
  files = await makeFiles();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (files) fs.rmSync(files.dir, { recursive: true, force: true });
});

/** Screenshot at both kiosk sizes, each with the layout and axe checks. */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const [orientation, viewport] of Object.entries(SCREENS)) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${orientation}`);
    expect(await layoutProblems(page), `${name} ${orientation}`).toEqual([]);
    expect(await accessibilityProblems(page), `${name} ${orientation}`).toEqual([]);
  }
  await page.setViewportSize(SCREENS.landscape);
}

/** Home → "Dịch vụ công trực tuyến" → search "khai sinh" → the procedure → "Nộp hồ sơ trực tuyến". */
async function openProcedureAndStart(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
  await page.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: PROCEDURE }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
}

const TO_KHAI = /^(Chọn|Thay) tệp cho: Tờ khai đăng ký khai sinh/;
const CHUNG_SINH = /^(Chọn|Thay) tệp cho: Giấy chứng sinh/;
const TUY_THAN = /^(Chọn|Thay) tệp cho: Giấy tờ tùy thân/;

async function attachMandatory(page: Page): Promise<void> {
  await chooseFiles(page, TO_KHAI, files.pdf);
  await expect.poll(() => visible(page, 'to-khai-khai-sinh.pdf')).toBe(true);
  await chooseFiles(page, CHUNG_SINH, files.png);
  await expect.poll(() => visible(page, 'giay-chung-sinh.png')).toBe(true);
  await chooseFiles(page, TUY_THAN, files.cccd);
  await expect.poll(() => visible(page, 'can-cuoc.png')).toBe(true);
}

/** A signed-in citizen applying for themself: the one paper the law still asks for. */
async function attachWhatIsAsked(page: Page): Promise<void> {
  await chooseFiles(page, CHUNG_SINH, files.png);
  await expect.poll(() => visible(page, 'giay-chung-sinh.png')).toBe(true);
}

async function answerWizardCaptcha(page: Page, kioskUrl: string, previous?: string): Promise<string> {
  const id = await shownCaptchaId(page, previous ?? null);
  await page.getByLabel('Mã xác thực', { exact: true }).fill(await wizardCaptchaAnswer(kioskUrl, id));
  return id;
}

/** "yyMMdd" of today in Vietnam, as in the mã hồ sơ. */
function todayCode(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: '2-digit', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

const ONLINE_RATE = 'Áp dụng mức nộp trực tuyến vì Quý khách tự nộp hồ sơ tại kiosk qua Cổng dịch vụ công.';

/**
 * A downloaded receipt (A4) as a citizen would read it: its text, and the
 * VietQR payment code scanned off its first page as poppler renders it.
 * jsQR reads one symbol per image and the page holds two (payment, lookup),
 * so it looks in overlapping bands, then smaller windows, and stops at the
 * first VietQR (NAPAS GUID): the whole-page search of the unit tests costs
 * seconds more per page.
 */
function receiptOf(file: string): { text: string; vietQr: string | null } {
  const page = renderPage(file, 1, 150);
  const scan = (): string | null => {
    for (const [cols, rows] of [
      [1, 4],
      [2, 3],
    ] as const) {
      const w = Math.floor(page.width / cols);
      const h = Math.floor(page.height / rows);
      for (let y = 0; y + h <= page.height; y += Math.floor(h / 2)) {
        for (let x = 0; x + w <= page.width; x += Math.floor(w / 2)) {
          const window = new Uint8ClampedArray(w * h * 4);
          for (let row = 0; row < h; row++) window.set(page.data.subarray(((y + row) * page.width + x) * 4, ((y + row) * page.width + x + w) * 4), row * w * 4);
          const hit = jsQR(window, w, h, { inversionAttempts: 'dontInvert' });
          if (hit?.data.includes('0010A000000727')) return hit.data;
        }
      }
    }
    return null;
  };
  return { text: flat(pdfText(file)), vietQr: scan() };
}

/** "dd/mm/yyyy" of today in Vietnam. */
function todayDmy(): string {
  const c = todayCode();
  return `${c.slice(4, 6)}/${c.slice(2, 4)}/20${c.slice(0, 2)}`;
}

/**
 * The child's birth date with the on-screen number pad only, in portrait:
 * the pad comes up by itself on touching the date, stays below the field,
 * an impossible date is named in Vietnamese and kept as typed, and the
 * real one replaces it box by box.
 */
async function birthDateByKeypad(page: Page, iso: string): Promise<void> {
  await page.setViewportSize(SCREENS.portrait);
  const field = page.getByLabel('Ngày, tháng, năm sinh của trẻ');
  const osk = page.getByRole('region', { name: 'Bàn phím ảo' });
  const keypad = osk.getByRole('group', { name: 'Bàn phím số' });
  const tap = async (digits: string) => {
    for (const d of digits) await keypad.getByRole('button', { name: d, exact: true }).click();
  };
  const shown = async () => Promise.all(['Ngày', 'Tháng', 'Năm'].map((p) => field.getByLabel(p, { exact: true }).inputValue()));
  // From a physical keyboard the digits run on from box to box: "20112025" is 20 November, "05112025" 5 November.
  for (const [typed, parts] of [['20112025', ['20', '11', '2025']], ['05112025', ['05', '11', '2025']]] as const) {
    await field.getByLabel('Ngày', { exact: true }).click();
    await page.keyboard.type(typed);
    expect(await shown()).toEqual(parts);
  }
  await field.getByLabel('Ngày', { exact: true }).click();
  await expect.poll(() => keypad.isVisible()).toBe(true);
  const box = await field.boundingBox();
  const kb = await osk.boundingBox();
  expect(box && kb && box.y >= 0 && box.y + box.height <= kb.y, 'the date field is above the keyboard').toBe(true);
  await tap('31022024');
  expect(await shown()).toEqual(['31', '02', '2024']);
  await expect.poll(() => visible(page, 'Ngày 31/02/2024 không có thật. Vui lòng kiểm tra lại ngày và tháng.')).toBe(true);
  await field.getByLabel('Ngày', { exact: true }).click();
  await tap(dmy(iso).replaceAll('/', ''));
  expect((await shown()).join('/')).toBe(dmy(iso));
  expect(await visible(page, /không có thật/)).toBe(false);
  await screenshot(page, 'wizard-step1-birth-date-keypad-portrait');
  // A field at the very bottom of the screen when touched is scrolled up above the pad that opens under it.
  await osk.getByRole('button', { name: 'Xong' }).click();
  const copies = page.getByLabel('Số bản sao Giấy khai sinh đề nghị cấp');
  const at = await copies.boundingBox();
  const viewport = page.viewportSize();
  if (!at || !viewport) throw new Error('field not rendered');
  await page.mouse.wheel(0, at.y + at.height - viewport.height + 4);
  await expect.poll(async () => viewport.height - ((await copies.boundingBox())?.y ?? 0) - at.height).toBeLessThan(40);
  await copies.click();
  await expect.poll(() => keypad.isVisible()).toBe(true);
  const low = await copies.boundingBox();
  const pad = await osk.boundingBox();
  expect(low && pad && low.y >= 0 && low.y + low.height <= pad.y, 'the field is above the keyboard').toBe(true);
  await page.setViewportSize(SCREENS.landscape);
}

const CODE = new RegExp(`^${AGENCY.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`);

describe('"Đăng ký khai sinh" through the four steps (portal up)', () => {
  let kiosk: KioskProcess;

  beforeAll(async () => {
    kiosk = await startKiosk();
  });

  afterAll(async () => {
    await kiosk?.stop();
  });

  it(
    '(a, d) logs in, fills every step with real files (a missing mandatory document is named), gets a mã hồ sơ and finds it in "Tra cứu hồ sơ"',
    async () => {
      const portalUrl = kiosk.portalUrl as string;
      const page = await browser.newPage({ viewport: SCREENS.landscape });
      await page.goto(kiosk.kioskUrl);
      await openProcedureAndStart(page);

      // Nobody signed in: "Đăng nhập" first, then back to the wizard.
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).isVisible()).toBe(true);
      await loginAsCitizen(page, portalUrl);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: `Nộp hồ sơ: ${PROCEDURE}` }).isVisible()).toBe(true);
      expect(await currentStep(page)).toContain('Bước 1: Thông tin');
      for (const step of ['Bước 2: Thành phần hồ sơ', 'Bước 3: Phí, lệ phí và xác nhận', 'Bước 4: Kiểm tra và nộp']) {
        expect(await visible(page, step), step).toBe(true);
      }

      // Step 1: prefilled from the account; every empty mandatory field gets its own message.
      expect(await page.getByLabel('Họ và tên').inputValue()).toBe(DEMO_CITIZEN.name);
      expect(await page.getByLabel('Số CCCD/CMND').inputValue()).toBe(DEMO_CITIZEN.cccd);
      // The account's phone and address too.
      expect(await page.getByLabel('Số điện thoại').inputValue()).toBe(DEMO_CITIZEN.phone);
      expect(await page.getByRole('textbox', { name: 'Địa chỉ', exact: true }).inputValue()).toBe('Số 12 đường Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi');
      await checkScreen(page, 'wizard-step1');
      // The citizen clears the phone: a mandatory field left empty gets its own message.
      await page.getByLabel('Số điện thoại').fill('');
      await next(page);
      await expect.poll(() => visible(page, 'Số điện thoại: vui lòng nhập thông tin bắt buộc.')).toBe(true);
      expect(await visible(page, 'Họ, chữ đệm và tên của trẻ: vui lòng nhập thông tin bắt buộc.')).toBe(true);
      expect(await page.locator(':focus').getAttribute('id')).toBe('applicant.phone');
      await checkScreen(page, 'wizard-step1-errors');

      await fillKhaiSinhStep1(page);
      const birth = daysAgo(12);
      await birthDateByKeypad(page, birth);
      await page.getByLabel('Số CCCD/CMND').fill('0510850012');
      await next(page);
      await expect.poll(() => visible(page, 'Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số); số đã nhập có 10 chữ số.')).toBe(true);
      await page.getByLabel('Số CCCD/CMND').fill(DEMO_CITIZEN.cccd);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 2: Thành phần hồ sơ');

      // The draft survives a reload (a crash, a power cut) and is offered back.
      await expect.poll(() => visible(page, /^Đã lưu nháp lúc/)).toBe(true);
      await page.waitForTimeout(1500);
      await page.reload();
      await expect.poll(() => visible(page, 'Tiếp tục hồ sơ đang khai dở?'), { timeout: 15_000 }).toBe(true);
      await checkScreen(page, 'wizard-resume');
      await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
      await expect.poll(() => currentStep(page)).toContain('Bước 2: Thành phần hồ sơ');

      // Step 2: "Bắt buộc" marks; the citizen signed in for themself is not asked for the ID papers
      // (drawn from the national population database) nor the paper Tờ khai (the e-form of step 1), and is told why.
      expect(await page.getByText('Bắt buộc', { exact: true }).count()).toBe(1);
      expect(await page.getByText('Không cần nộp', { exact: true }).count()).toBe(2);
      expect(await visible(page, /^Không cần nộp: Quý khách đã đăng nhập và tự nộp cho mình.*Căn cứ: Nghị định số 104\/2022\/NĐ-CP/)).toBe(true);
      expect(await visible(page, /^Không cần nộp bản giấy: Quý khách đã khai tờ khai điện tử ở bước 1\. Căn cứ: Nghị định số 45\/2020\/NĐ-CP/)).toBe(true);
      // Nothing attached → the missing mandatory component is named, and only it.
      await next(page);
      await expect.poll(() => visible(page, /^Còn thiếu thành phần hồ sơ bắt buộc: Giấy chứng sinh/)).toBe(true);
      expect(await visible(page, /^Còn thiếu thành phần hồ sơ bắt buộc: .*(Tờ khai|Giấy tờ tùy thân)/)).toBe(false);
      expect(await currentStep(page)).toContain('Bước 2');
      await checkScreen(page, 'wizard-step2-missing');

      // Too big and wrong type are refused before any upload.
      await chooseFiles(page, /^Chọn tệp cho: Văn bản ủy quyền/, files.big);
      await expect.poll(() => visible(page, 'Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn 10 MB.')).toBe(true);
      await chooseFiles(page, /^Chọn tệp cho: Văn bản ủy quyền/, files.text);
      await expect.poll(() => visible(page, 'Chỉ nhận tệp PDF, JPG hoặc PNG. Vui lòng chọn tệp khác.')).toBe(true);

      await attachMandatory(page);
      expect(await visible(page, 'Tệp PDF, 2 trang')).toBe(true);
      expect(await page.getByRole('img', { name: 'Ảnh xem trước của giay-chung-sinh.png' }).isVisible()).toBe(true);
      // Remove, then undo.
      await page.getByRole('button', { name: /^Xóa tệp của: Giấy tờ tùy thân/ }).click();
      await expect.poll(() => visible(page, 'Đã xóa tệp can-cuoc.png.')).toBe(true);
      expect(await page.getByRole('button', { name: /^Chọn tệp cho: Giấy tờ tùy thân/ }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Hoàn tác' }).click();
      await expect.poll(() => visible(page, 'can-cuoc.png')).toBe(true);
      expect(await page.getByRole('button', { name: /^Thay tệp cho: Giấy tờ tùy thân/ }).isVisible()).toBe(true);
      await checkScreen(page, 'wizard-step2');
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 3: Phí, lệ phí và xác nhận');

      // Step 3: on-time registration is free, but the 2 copies asked for in step 1 cost 8.000 ₫ each (TT 281/2016);
      // the rate is the same on every channel, so no sentence about channels.
      expect(await page.getByRole('rowheader', { name: /^Phí cấp bản sao Giấy khai sinh \(2 bản × 8\.000\s₫\)$/ }).isVisible()).toBe(true);
      expect(await page.getByRole('cell', { name: /^16\.000\s₫$/ }).first().isVisible()).toBe(true);
      expect(await visible(page, 'Không mất phí, lệ phí')).toBe(false);
      expect(await visible(page, /^Áp dụng mức nộp/)).toBe(false);
      await shownCaptchaId(page);
      await next(page);
      await expect.poll(() => visible(page, 'Vui lòng đánh dấu vào ô cam đoan thông tin khai báo là đúng sự thật.')).toBe(true);
      expect(await visible(page, 'Vui lòng nhập mã xác thực.')).toBe(true);
      await page.getByLabel(DECLARATION).check();
      // A wrong captcha is refused here at step 3, where it was typed, with a new picture to answer.
      const firstCaptcha = await shownCaptchaId(page);
      await page.getByLabel('Mã xác thực', { exact: true }).fill('ZZZZZ');
      await checkScreen(page, 'wizard-step3');
      await next(page);
      await expect.poll(() => visible(page, 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã mới.')).toBe(true);
      expect(await currentStep(page)).toContain('Bước 3');
      expect(await page.getByLabel('Mã xác thực', { exact: true }).inputValue()).toBe('');
      await answerWizardCaptcha(page, kiosk.kioskUrl, firstCaptcha);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 4: Kiểm tra và nộp');

      // Step 4: everything declared, with labels and file names; the birth date as dd/mm/yyyy.
      for (const text of [DEMO_CITIZEN.name, DEMO_CITIZEN.cccd, 'Nguyễn Thị Bích Ngọc', 'Giới tính của trẻ', 'Nữ', dmy(birth), 'to-khai-khai-sinh.pdf', 'giay-chung-sinh.png', 'can-cuoc.png']) {
        expect(await visible(page, text), text).toBe(true);
      }
      await checkScreen(page, 'wizard-step4');
      await page.getByRole('button', { name: 'Đồng ý' }).click();

      // The result: mã hồ sơ of the receiving agency, dated today, and the appointment.
      await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);
      const code = (await page.getByText(CODE).first().innerText()).trim();
      expect(code).toMatch(CODE);
      expect(code.split('-')[1]).toBe(todayCode());
      expect(await visible(page, 'Ngày hẹn trả kết quả')).toBe(true);
      expect(await page.locator('.appointment').innerText()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      expect(await visible(page, 'UBND phường Cẩm Thành')).toBe(true);
      // The portal charged what the wizard showed, from the same computation: the copies, 16.000 ₫, with its VietQR.
      await expect.poll(() => page.getByRole('img', { name: /^Mã VietQR để chuyển khoản 16\.000\s₫$/ }).isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await page.getByRole('rowheader', { name: /^Phí cấp bản sao Giấy khai sinh \(2 bản × 8\.000\s₫\)$/ }).isVisible()).toBe(true);
      await checkScreen(page, 'wizard-result');

      // No printer on this kiosk: the receipt comes back as a PDF to save.
      await page.getByRole('button', { name: 'In giấy biên nhận' }).click();
      const link = page.getByRole('link', { name: 'Tải giấy biên nhận (PDF)' });
      await expect.poll(() => link.isVisible(), { timeout: 30_000 }).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`giay-bien-nhan-${code}.pdf`);
      const saved = path.join(files.dir, download.suggestedFilename());
      await download.saveAs(saved);
      expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
      // Its dates read dd/mm/yyyy (Vietnam time), never ISO or the browser's mm/dd.
      const receipt = receiptOf(saved);
      expect(receipt.text).toContain(`ngày ${todayDmy()}`);
      // The child's birth date typed on the number pad is on the paper as step 4 showed it, and the sex by its label.
      expect(receipt.text).toContain(`Ngày, tháng, năm sinh của trẻ: ${dmy(birth)}`);
      expect(receipt.text).toContain('Giới tính của trẻ: Nữ');
      expect(receipt.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      for (const date of receipt.text.match(/\b\d{2}\/\d{2}\/\d{4}\b/g) ?? []) expect(Number(date.slice(0, 2)) <= 31 && Number(date.slice(3, 5)) <= 12, date).toBe(true);
      expect(await page.getByRole('button', { name: 'In lại' }).isVisible()).toBe(true);
      // The receipt keeps step 3's promise: the fee, and a VietQR for the same amount naming the mã hồ sơ.
      expect(receipt.text).toContain('UBND TỈNH QUẢNG NGÃI UBND PHƯỜNG CẨM THÀNH');
      expect(receipt.text).toContain('Phí, lệ phí: 16.000 đồng (Chưa thanh toán)');
      expect(receipt.text).toContain('Phí cấp bản sao Giấy khai sinh (2 bản × 8.000 đồng): 16.000 đồng');
      expect(receipt.vietQr).toContain('540516000');
      expect(receipt.vietQr).toContain(code);

      // "Tra cứu hồ sơ" with that code. The portal names status 1 "Mới đăng ký".
      await page.getByRole('link', { name: 'Về trang chủ' }).click();
      await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).click();
      await page.getByLabel('Mã hồ sơ').fill(code);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(() => visible(page, 'Mới đăng ký')).toBe(true);
      expect(await visible(page, PROCEDURE)).toBe(true);
      expect(await visible(page, /^Thông tin cập nhật lúc/)).toBe(true);
      await checkScreen(page, 'wizard-lookup');

      // Malformed and unknown codes each say what is wrong.
      await page.getByLabel('Mã hồ sơ').fill('000.00.31.H48-12345');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(() => visible(page, /^Mã hồ sơ không đúng định dạng/)).toBe(true);
      await page.getByLabel('Mã hồ sơ').fill(`${AGENCY}-200101-9999`);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await expect.poll(() => visible(page, /^Không tìm thấy hồ sơ có mã này/)).toBe(true);
      await checkScreen(page, 'wizard-lookup-unknown');

      // The receipt's QR opens the lookup with ?ma=: it searches at once.
      await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/tra-cuu?ma=${encodeURIComponent(code)}`);
      await expect.poll(() => visible(page, 'Mới đăng ký')).toBe(true);
      expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
      await page.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'shows the fee and how to pay, then the VietQR of the accepted application (Đăng ký thường trú)',
    async () => {
      const portalUrl = kiosk.portalUrl as string;
      const page = await browser.newPage({ viewport: SCREENS.landscape });
      await page.goto(kiosk.kioskUrl);
      await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
      await page.getByLabel('Tìm thủ tục hành chính').fill('thường trú');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('link', { name: /^Đăng ký thường trú Đăng ký, quản lý cư trú/ }).first().click();
      await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
      await reachWizard(page, portalUrl, 'Đăng ký thường trú');

      await page.getByLabel('Số điện thoại').fill(DEMO_CITIZEN.phone);
      await page.getByRole('textbox', { name: 'Địa chỉ', exact: true }).fill('Thôn An Hải, xã Bình Sơn, tỉnh Quảng Ngãi');
      await page.getByLabel('Trường hợp đăng ký thường trú').selectOption({ label: 'Chỗ ở hợp pháp thuộc quyền sở hữu của mình' });
      await page.getByLabel('Địa chỉ đề nghị đăng ký thường trú').fill('Số 5 đường Lê Lợi, phường Cẩm Thành, tỉnh Quảng Ngãi');
      await page.getByLabel('Quan hệ với chủ hộ').selectOption({ label: 'Là chủ hộ' });
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 2');
      await chooseFiles(page, /^Chọn tệp cho: Tờ khai thay đổi thông tin cư trú/, files.pdf);
      await expect.poll(() => visible(page, 'to-khai-khai-sinh.pdf')).toBe(true);
      await chooseFiles(page, /^Chọn tệp cho: Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp/, files.png);
      await expect.poll(() => visible(page, 'giay-chung-sinh.png')).toBe(true);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 3');

      // Self-service at the kiosk is online submission: the online rate, said once, with why, and both ways to pay.
      expect(await page.getByRole('rowheader', { name: 'Lệ phí đăng ký thường trú (Nộp trực tuyến)' }).isVisible()).toBe(true);
      expect(await page.getByRole('cell', { name: /^10\.000\s₫$/ }).first().isVisible()).toBe(true);
      expect(await visible(page, /^20\.000\s₫$/)).toBe(false);
      expect(await visible(page, ONLINE_RATE)).toBe(true);
      expect(await visible(page, 'Chuyển khoản bằng mã VietQR (sau khi nộp)')).toBe(true);
      expect(await visible(page, 'Nộp tại quầy')).toBe(true);
      await page.getByLabel(DECLARATION).check();
      await answerWizardCaptcha(page, kiosk.kioskUrl);
      await checkScreen(page, 'wizard-step3-fees');
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 4');
      expect(await visible(page, ONLINE_RATE)).toBe(true);
      await page.getByRole('button', { name: 'Đồng ý' }).click();

      await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);
      const code = (await page.getByText(/^000\.31\.40\.H48-\d{6}-\d{4}$/).first().innerText()).trim();
      const qr = page.getByRole('img', { name: /^Mã VietQR để chuyển khoản 10\.000\s₫$/ });
      await expect.poll(() => qr.isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await visible(page, /^Người nhận: .+ — tài khoản \d+ \(mã ngân hàng \d{6}\)$/)).toBe(true);
      expect(await visible(page, 'Nộp tại quầy')).toBe(true);
      expect(await visible(page, ONLINE_RATE)).toBe(true);
      // The QR on screen scans: a VietQR (NAPAS GUID) for 10 000 VND naming the mã hồ sơ.
      const shot = PNG.sync.read(await qr.screenshot());
      const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
      expect(decoded?.data).toContain('0010A000000727');
      expect(decoded?.data).toContain('540510000');
      expect(decoded?.data).toContain(code);
      await checkScreen(page, 'wizard-result-fees');

      // The ward police's receipt is headed by its own chain, and carries the same fee and VietQR.
      await page.getByRole('button', { name: 'In giấy biên nhận' }).click();
      const link = page.getByRole('link', { name: 'Tải giấy biên nhận (PDF)' });
      await expect.poll(() => link.isVisible(), { timeout: 30_000 }).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const saved = path.join(files.dir, `thuong-tru-${code}.pdf`);
      await download.saveAs(saved);
      const receipt = receiptOf(saved);
      expect(receipt.text).toContain('CÔNG AN TỈNH QUẢNG NGÃI CÔNG AN PHƯỜNG CẨM THÀNH');
      expect(receipt.text).not.toContain('UBND TỈNH');
      expect(receipt.text).toContain('Lệ phí đăng ký thường trú (nộp trực tuyến): 10.000 đồng');
      expect(receipt.vietQr).toContain('540510000');
      expect(receipt.vietQr).toContain(code);
      await page.close();
    },
    FLOW_TIMEOUT,
  );
});

/** The signed-in citizen goes straight to the wizard; anyone else logs in first and comes back. */
async function reachWizard(page: Page, portalUrl: string, procedure: string): Promise<void> {
  const wizard = page.getByRole('heading', { level: 1, name: `Nộp hồ sơ: ${procedure}` });
  const login = page.getByRole('heading', { level: 1, name: 'Đăng nhập' });
  await expect.poll(async () => (await wizard.isVisible()) || (await login.isVisible())).toBe(true);
  if (await login.isVisible()) await loginAsCitizen(page, portalUrl);
  await expect.poll(() => wizard.isVisible()).toBe(true);
}

describe('the same with the portal down', () => {
  it(
    '(b) says "Đang gửi hồ sơ…" while the portal is up, "mất kết nối" only once it is away; gives a "Số biên nhận tạm" and shows the official code when the portal is back, without anyone acting',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wizard-portal-'));
      let portal = await startTestPortal({ dataDir });
      const port = Number(new URL(portal.url).port);
      // Between kiosk and portal: holds the first application's upload so the sending state can be seen.
      const proxy = await startHoldingProxy(portal.url);
      const kiosk = await startKiosk({ env: { KIOSK_PORTAL_URL: proxy.url, KIOSK_TRAINING: '1' } });
      try {
        const page = await browser.newPage({ viewport: SCREENS.landscape });
        await page.goto(kiosk.kioskUrl);
        await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
        await loginAsCitizen(page, portal.url);
        await expect.poll(() => visible(page, `Xin chào, ${DEMO_CITIZEN.name}`)).toBe(true);

        // The first application is sent while the portal is up; the second with the portal down, from the cached catalogue.
        const queued: { url: string; provisional: string }[] = [];
        for (let i = 0; i < 2; i++) {
          await page.getByRole('link', { name: 'Trang chủ' }).first().click();
          await openProcedureAndStart(page);
          await expect.poll(() => page.getByRole('heading', { level: 1, name: `Nộp hồ sơ: ${PROCEDURE}` }).isVisible()).toBe(true);
          await fillKhaiSinhStep1(page);
          await next(page);
          await expect.poll(() => currentStep(page)).toContain('Bước 2');
          // Without the ID papers and the paper Tờ khai: host and portal accept it from the citizen signed in for themself.
          await attachWhatIsAsked(page);
          await next(page);
          await expect.poll(() => currentStep(page)).toContain('Bước 3');
          await page.getByLabel(DECLARATION).check();
          await answerWizardCaptcha(page, kiosk.kioskUrl);
          await next(page);
          await expect.poll(() => currentStep(page)).toContain('Bước 4');
          const upload = i === 0 ? proxy.holdNext((method, url) => method === 'POST' && url.endsWith('/applications')) : null;
          await page.getByRole('button', { name: 'Đồng ý' }).click();
          if (upload) {
            // The portal is up and has not answered yet: the application is being sent, nothing is "lost".
            await upload;
            await expect.poll(() => visible(page, 'Đang gửi hồ sơ…')).toBe(true);
            expect(await page.getByRole('progressbar', { name: 'Đang gửi hồ sơ…' }).isVisible()).toBe(true);
            expect(await visible(page, /mất kết nối/)).toBe(false);
            await checkScreen(page, 'wizard-result-sending');
            expect(await visible(page, /mất kết nối/)).toBe(false);
            // Now the portal goes away before answering: only then does the screen say so.
            await portal.close();
            proxy.release();
          }

          await expect.poll(() => visible(page, 'Số biên nhận tạm'), { timeout: 30_000 }).toBe(true);
          await expect.poll(() => visible(page, /mất kết nối/), { timeout: 30_000 }).toBe(true);
          expect(await visible(page, 'Đang gửi hồ sơ…')).toBe(false);
          expect(
            await visible(
              page,
              'Kiosk đang mất kết nối với Cổng dịch vụ công. Hồ sơ đã được lưu an toàn và sẽ tự động gửi khi có kết nối; mã hồ sơ chính thức sẽ hiện ở đây.',
            ),
          ).toBe(true);
          expect(await visible(page, 'Nộp hồ sơ thành công')).toBe(false);
          const provisional = (await page.getByText(/^TAM-[\w-]+-\d{6}-\d{4}$/).first().innerText()).trim();
          queued.push({ url: page.url(), provisional });
          if (i === 0) await checkScreen(page, 'wizard-result-queued');
        }
        expect(queued.map((q) => q.provisional.slice(-4))).toEqual(['0001', '0002']);

        // The portal comes back at the same address with the same data; nobody touches the kiosk.
        portal = await startTestPortal({ dataDir, port });
        await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 90_000, interval: 1000 }).toBe(true);
        const code = (await page.getByText(CODE).first().innerText()).trim();
        expect(code).toMatch(CODE);
        expect(await visible(page, 'Số biên nhận tạm')).toBe(false);
        // The first application reached the portal too, with its own official code.
        const first = queued[0]?.url ?? '';
        await page.goto(first);
        await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);
        const firstCode = (await page.getByText(CODE).first().innerText()).trim();
        expect(firstCode).toMatch(CODE);
        expect(firstCode).not.toBe(code);
        const onPortal = await portal.context.db.selectFrom('applications').select('code').execute();
        expect(onPortal.map((r) => r.code).sort()).toEqual([code, firstCode].sort());
        await checkScreen(page, 'wizard-result-after-offline');
        await page.close();
      } finally {
        await kiosk.stop();
        await proxy.close();
        await portal.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    FLOW_TIMEOUT,
  );
});
