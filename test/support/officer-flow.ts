import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { accessibilityProblems } from './a11y.js';
import { layoutProblems, screenshot, SCREENS } from './browser.js';
import { captchaAnswer, DEMO_CITIZEN, shownCaptchaId } from './kiosk-login.js';
import { loginCitizen } from './portal-auth.js';
import { chooseFiles, visible } from './wizard-flow.js';

/** The demo officer of UBND phường Cẩm Thành (src-portal/training/demo-accounts.ts). */
export const OFFICER = { username: 'canbo.camthanh', password: 'CanBo@2026', name: 'Võ Văn Tùng', pin: '2468' } as const;
/** The training portal's administrator ("Quản trị kiosk", the fleet list). */
export const ADMIN_OFFICER = { username: 'quantri.noivu', password: 'QuanTri@2026', name: 'Đặng Thị Minh Thư', pin: '8642', agency: '000.00.02.H48' } as const;

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

const KHAI_SINH_CODE = '1.001193.000.00.00.H48';

/** A khai sinh the demo citizen made online, posted to the portal itself (status 1); returns its mã hồ sơ. */
export async function onlineApplication(portalUrl: string, files: PaperFiles): Promise<string> {
  const session = await loginCitizen(portalUrl, { citizenId: DEMO_CITIZEN.cccd, password: DEMO_CITIZEN.password, phone: DEMO_CITIZEN.phone });
  const form = new FormData();
  form.append(
    'application',
    JSON.stringify({
      procedureCode: KHAI_SINH_CODE,
      applicant: { fullName: DEMO_CITIZEN.name, citizenId: DEMO_CITIZEN.cccd, phone: DEMO_CITIZEN.phone, address: 'Số 12 đường Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi' },
      fields: {
        childFullName: 'Nguyễn Thị Bích Ngọc',
        childBirthDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
        childSex: 'nu',
        birthPlace: 'Bệnh viện Đa khoa tỉnh Quảng Ngãi',
        childEthnicity: 'Kinh',
        motherFullName: 'Trần Thị Hoa',
        declarantRelationship: 'cha',
      },
      channel: 'truc_tuyen',
      declarationAccepted: true,
    }),
  );
  const part = (name: string, file: string, type: string) => form.append(`doc:${name}`, new Blob([fs.readFileSync(file)], { type }), file.split('/').pop());
  part('to-khai-dang-ky-khai-sinh', files.pdf, 'application/pdf');
  part('giay-chung-sinh', files.png, 'image/png');
  part('giay-to-tuy-than', files.cccd, 'image/png');
  const res = await fetch(`${portalUrl}/api/v1/applications`, {
    method: 'POST',
    // Several per test run, within the same millisecond at times: each is a new application, never a replay.
    headers: { authorization: `Bearer ${session.token}`, 'idempotency-key': `online-${Date.now()}-${Math.random()}` },
    body: form,
  });
  const body = (await res.json()) as { code?: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  if (!body.code) throw new Error('no code');
  return body.code;
}

/** Screenshots the screen in both orientations, checking each for layout and accessibility problems; ends in landscape. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const [orientation, viewport] of Object.entries(SCREENS)) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${orientation}`);
    expect(await layoutProblems(page), `${name} ${orientation}`).toEqual([]);
    expect(await accessibilityProblems(page), `${name} ${orientation}`).toEqual([]);
  }
  await page.setViewportSize(SCREENS.landscape);
}
