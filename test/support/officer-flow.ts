import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { captchaAnswer, shownCaptchaId } from './kiosk-login.js';
import { chooseFiles, visible } from './wizard-flow.js';

/** The demo officer of UBND phường Cẩm Thành (src-portal/training/demo-accounts.ts). */
export const OFFICER = { username: 'canbo.camthanh', password: 'CanBo@2026', name: 'Võ Văn Tùng', pin: '2468' } as const;

/** Taps a PIN on the on-screen keypad, as the officer does at a touch screen. */
export async function tapPin(page: Page, keypad: string, pin: string): Promise<void> {
  const pad = page.getByRole('group', { name: keypad });
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
}

/** "Cán bộ đăng nhập ca làm việc" as the officer fills it: account, password, captcha, the shift PIN twice. */
export async function signInOfficer(page: Page, portalUrl: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
  const captchaId = await shownCaptchaId(page);
  await page.getByLabel('Tài khoản cán bộ').fill(OFFICER.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER.password);
  await page.getByLabel('Mã xác thực', { exact: true }).fill(await captchaAnswer(portalUrl, captchaId));
  await page.getByLabel('Mã PIN ca làm việc', { exact: true }).focus();
  await tapPin(page, 'Bàn phím số nhập mã PIN', OFFICER.pin);
  await page.getByLabel('Nhập lại mã PIN', { exact: true }).fill(OFFICER.pin);
  await page.getByRole('button', { name: 'Bắt đầu ca làm việc' }).click();
  await expect.poll(() => page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible()).toBe(true);
}

/** Files a walk-in brings on a USB stick: a PDF form and small PNG photos. */
export interface PaperFiles {
  dir: string;
  pdf: string;
  png: string;
  cccd: string;
  letter: string;
}

export async function makePaperFiles(): Promise<PaperFiles> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'officer-files-'));
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('To khai dang ky khai sinh', { x: 50, y: 780, size: 18 });
  const pdf = path.join(dir, 'to-khai-khai-sinh.pdf');
  fs.writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
  const png = (name: string, shade: number) => {
    const img = new PNG({ width: 64, height: 48 });
    for (let i = 0; i < img.data.length; i += 4) img.data.set([shade, 120, 255 - shade, 255], i);
    const file = path.join(dir, name);
    fs.writeFileSync(file, PNG.sync.write(img));
    return file;
  };
  return { dir, pdf, png: png('giay-chung-sinh.png', 30), cccd: png('can-cuoc.png', 200), letter: png('van-ban-uy-quyen.png', 90) };
}

export const TO_KHAI = /^(Chọn|Thay) tệp cho: Tờ khai đăng ký khai sinh/;
export const CHUNG_SINH = /^(Chọn|Thay) tệp cho: Giấy chứng sinh/;
export const TUY_THAN = /^(Chọn|Thay) tệp cho: Giấy tờ tùy thân/;
export const UY_QUYEN = /^(Chọn|Thay) tệp cho: Văn bản ủy quyền/;

/** Step 2 of "Đăng ký khai sinh": the three mandatory components. */
export async function attachKhaiSinhMandatory(page: Page, files: PaperFiles): Promise<void> {
  await chooseFiles(page, TO_KHAI, files.pdf);
  await expect.poll(() => visible(page, 'to-khai-khai-sinh.pdf')).toBe(true);
  await chooseFiles(page, CHUNG_SINH, files.png);
  await expect.poll(() => visible(page, 'giay-chung-sinh.png')).toBe(true);
  await chooseFiles(page, TUY_THAN, files.cccd);
  await expect.poll(() => visible(page, 'can-cuoc.png')).toBe(true);
}
