import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { CHROMIUM, launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import { accessibilityProblems } from '../support/a11y.js';
import { cupsGate, startTestCups, waitFor, type TestCups } from '../support/cups.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { repoRoot } from '../support/procedures.js';
import { chooseFiles, confirmAndSubmit, currentStep, fillKhaiSinhStep1, next, startKhaiSinh, visible } from '../support/wizard-flow.js';
import { describeWithService } from '../support/service-gate.js';

/**
 * Paper documents and the printed receipt, as at the counter: the citizen
 * joins two photos of the birth certificate into one PDF ("Chụp / ghép
 * ảnh"), submits, and presses "In giấy biên nhận"; the receipt comes out
 * of a real CUPS queue (a private cupsd with a file-backed printer).
 */

const QUEUE = 'kiosk-receipts';
const FLOW_TIMEOUT = 300_000;
const CODE = /^000\.00\.31\.H48-\d{6}-\d{4}$/;
const TO_KHAI = /^(Chọn|Thay) tệp cho: Tờ khai đăng ký khai sinh/;
const TUY_THAN = /^(Chọn|Thay) tệp cho: Giấy tờ tùy thân/;
const PAPER_CHUNG_SINH = /^Chụp \/ ghép ảnh cho: Giấy chứng sinh/;
const DIALOG = 'Chụp / ghép ảnh giấy tờ';

let cups: TestCups;
let printed = '';
let kiosk: KioskProcess;
let files: { dir: string; pdf: string; page1: string; page2: string; cccd: string; text: string };

/** A portrait PNG with a dark band at the top, as a photo of a page would have its heading. */
function pagePng(dir: string, name: string, shade: number): string {
  const img = new PNG({ width: 120, height: 170 });
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) img.data.set(y < 30 ? [20, 20, 20, 255] : [shade, shade, shade - 20, 255], (y * img.width + x) * 4);
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, PNG.sync.write(img));
  return file;
}

/** Where the dark block of borderedPng lies: what "Tự động cắt lề" must keep. */
const BLOCK = { x: 60, y: 100, width: 180, height: 120 };

/** A 300×400 PNG: a wide white margin around a dark block, as a small slip photographed on a white table. */
function borderedPng(dir: string, name: string): string {
  const img = new PNG({ width: 300, height: 400 });
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const inBlock = x >= BLOCK.x && x < BLOCK.x + BLOCK.width && y >= BLOCK.y && y < BLOCK.y + BLOCK.height;
      img.data.set(inBlock ? [25, 25, 40, 255] : [250, 250, 250, 255], (y * img.width + x) * 4);
    }
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, PNG.sync.write(img));
  return file;
}

async function makeFiles(): Promise<typeof files> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-files-'));
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('To khai dang ky khai sinh', { x: 50, y: 780, size: 18 });
  const pdf = path.join(dir, 'to-khai-khai-sinh.pdf');
  fs.writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
  const text = path.join(dir, 'ghi-chu.txt');
  fs.writeFileSync(text, 'không phải ảnh');
  return { dir, pdf, page1: borderedPng(dir, 'chung-sinh-trang-1.png'), page2: pagePng(dir, 'chung-sinh-trang-2.png', 215), cccd: pagePng(dir, 'can-cuoc.png', 200), text };
}

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

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
}

describeWithService(cupsGate, 'paper documents and the printed receipt (browser shell, CUPS queue)', () => {
  beforeAll(async () => {
    files = await makeFiles();
    cups = await startTestCups();
    printed = cups.addFileQueue(QUEUE);
    kiosk = await startKiosk({ env: { KIOSK_PRINTER: QUEUE, KIOSK_PRINTER_SERVER: cups.socket } });
  }, 120_000);

  afterAll(async () => {
    await kiosk?.stop();
    await cups?.cleanup();
    if (files) fs.rmSync(files.dir, { recursive: true, force: true });
  });

  it(
    'joins two photos into one PDF for "Giấy chứng sinh", submits, and prints the receipt to the queue',
    async () => {
      const browser: Browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: SCREENS.landscape });
        await page.goto(kiosk.kioskUrl);
        await startKhaiSinh(page, kiosk.portalUrl as string);
        await fillKhaiSinhStep1(page);
        await next(page);
        await expect.poll(() => currentStep(page)).toContain('Bước 2: Thành phần hồ sơ');
        await chooseFiles(page, TO_KHAI, files.pdf);
        await expect.poll(() => visible(page, 'to-khai-khai-sinh.pdf')).toBe(true);
        await chooseFiles(page, TUY_THAN, files.cccd);
        await expect.poll(() => visible(page, 'can-cuoc.png')).toBe(true);

        // "Chụp / ghép ảnh": this browser has no camera, which is said plainly; images still work.
        await page.getByRole('button', { name: PAPER_CHUNG_SINH }).click();
        const dialog = page.getByRole('dialog', { name: DIALOG });
        await expect.poll(() => dialog.isVisible()).toBe(true);
        await expect.poll(() => visible(page, /vẫn có thể bấm "Chọn ảnh" để dùng ảnh có sẵn/)).toBe(true);
        expect(await page.getByRole('button', { name: 'Chụp trang' }).count()).toBe(0);

        // Not an image: refused before anything is sent, by name.
        await chooseFiles(page, 'Chọn ảnh', files.text);
        await expect.poll(() => visible(page, 'Tệp "ghi-chu.txt" không phải ảnh PNG hoặc JPEG. Vui lòng chọn ảnh PNG hoặc JPEG.')).toBe(true);

        await chooseFiles(page, 'Chọn ảnh', [files.page1, files.page2]);
        await expect.poll(() => page.getByRole('img', { name: 'Ảnh trang 2' }).isVisible()).toBe(true);
        expect(await visible(page, 'Các trang (2)')).toBe(true);

        // "Cắt" page 1: the white margin is trimmed to the dark block, and the page is re-encoded at that size.
        const thumb1 = page.getByRole('img', { name: 'Ảnh trang 1' });
        const naturalSize = () => thumb1.evaluate((img) => [(img as unknown as { naturalWidth: number }).naturalWidth, (img as unknown as { naturalHeight: number }).naturalHeight]);
        await expect.poll(naturalSize).toEqual([300, 400]);
        await page.getByRole('button', { name: 'Cắt trang 1' }).click();
        await expect.poll(() => page.getByRole('heading', { name: 'Cắt trang 1' }).isVisible()).toBe(true);
        const corner = page.getByRole('button', { name: 'Góc dưới bên phải' });
        const cornerBox = async () => (await corner.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
        // The corner handle moves with the arrow keys.
        const before = await cornerBox();
        await corner.focus();
        await page.keyboard.press('ArrowLeft');
        await expect.poll(async () => (await cornerBox()).x).toBeLessThan(before.x);
        await page.getByRole('button', { name: 'Tự động cắt lề' }).click();
        await expect.poll(async () => (await cornerBox()).y).toBeLessThan(before.y);
        await checkScreen(page, 'paper-crop');
        await page.getByRole('button', { name: 'Áp dụng' }).click();
        await expect.poll(() => visible(page, 'Đã cắt')).toBe(true);
        await expect.poll(naturalSize).toEqual([BLOCK.width, BLOCK.height]);
        expect(await page.getByRole('button', { name: 'Cắt trang 1' }).evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);

        await page.getByRole('button', { name: 'Xoay trang 2' }).click();
        await expect.poll(() => visible(page, 'Đã xoay 90°')).toBe(true);
        // Order: page 2 up, then back down.
        await page.getByRole('button', { name: 'Lên (trang 2)' }).click();
        await expect.poll(() => page.getByRole('button', { name: 'Lên (trang 1)' }).isDisabled()).toBe(true);
        await page.getByRole('button', { name: 'Xuống (trang 1)' }).click();
        await expect.poll(() => visible(page, 'Đã xoay 90°')).toBe(true);
        await checkScreen(page, 'paper-dialog');

        await page.getByRole('button', { name: 'Ghép thành PDF' }).click();
        await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(false);
        const item = page.locator('li.doc', { hasText: 'Giấy chứng sinh' });
        await expect.poll(() => item.getByText(/^Giấy chứng sinh.*\.pdf$/).isVisible()).toBe(true);
        expect(await item.getByText('Tệp PDF, 2 trang').isVisible()).toBe(true);
        await checkScreen(page, 'paper-attached');

        await next(page);
        await expect.poll(() => currentStep(page)).toContain('Bước 3');
        await confirmAndSubmit(page, kiosk.kioskUrl);
        await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);
        const code = (await page.getByText(CODE).first().innerText()).trim();
        expect(code).toMatch(CODE);

        await page.getByRole('button', { name: 'In giấy biên nhận' }).click();
        await expect.poll(() => visible(page, 'Đã in giấy biên nhận'), { timeout: 30_000 }).toBe(true);
        expect(await page.getByRole('button', { name: 'In lại' }).isVisible()).toBe(true);
        await checkScreen(page, 'paper-receipt-printed');

        // What came out of the printer: the receipt of this application, through CUPS's own filter.
        await waitFor('the printed receipt', () => fs.existsSync(printed) && fs.statSync(printed).size > 1000, 30_000);
        await waitFor('the job to complete', () => cups.run('lpstat', ['-W', 'completed', '-o', QUEUE]).includes(`${QUEUE}-`), 30_000);
        const dir = path.join(repoRoot, 'test-results', 'receipts');
        fs.mkdirSync(dir, { recursive: true });
        const copy = path.join(dir, 'receipt-printed-e2e.pdf');
        fs.copyFileSync(printed, copy);
        expect(fs.readFileSync(copy).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = pdfText(copy);
        expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ');
        expect(text).toContain(code);
        expect(cups.errorLog()).toMatch(/Started filter .*pdftopdf/);
        await page.close();
      } finally {
        await browser.close();
      }
    },
    FLOW_TIMEOUT,
  );

  it(
    '"Chụp trang" takes a page from the camera (Chromium\'s fake camera)',
    async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      });
      try {
        const page = await browser.newPage({ viewport: SCREENS.landscape });
        await page.goto(kiosk.kioskUrl);
        await startKhaiSinh(page, kiosk.portalUrl as string);
        await fillKhaiSinhStep1(page);
        await next(page);
        await expect.poll(() => currentStep(page)).toContain('Bước 2');
        await page.getByRole('button', { name: PAPER_CHUNG_SINH }).click();
        const capture = page.getByRole('button', { name: 'Chụp trang' });
        await expect.poll(() => capture.isVisible(), { timeout: 15_000 }).toBe(true);
        // The preview plays frames before a page is taken.
        await expect.poll(() => page.locator('video').evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth)).toBeGreaterThan(0);
        await capture.click();
        await expect.poll(() => page.getByRole('img', { name: 'Ảnh trang 1' }).isVisible()).toBe(true);
        await page.getByRole('button', { name: 'Tăng độ nét trang 1' }).click();
        await expect.poll(() => page.getByRole('button', { name: 'Tăng độ nét trang 1' }).getAttribute('aria-pressed')).toBe('true');
        await checkScreen(page, 'paper-dialog-camera');
        await page.getByRole('button', { name: 'Ghép thành PDF' }).click();
        const item = page.locator('li.doc', { hasText: 'Giấy chứng sinh' });
        await expect.poll(() => item.getByText('Tệp PDF, 1 trang').isVisible(), { timeout: 30_000 }).toBe(true);
        await page.close();
      } finally {
        await browser.close();
      }
    },
    FLOW_TIMEOUT,
  );
});
