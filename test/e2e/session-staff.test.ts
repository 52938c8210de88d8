import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import { accessibilityProblems } from '../support/a11y.js';
import { bodyText } from '../support/page-state.js';
import { IDLE_SECONDS } from '../../src-shared/visit-limits.js';
import { DEMO_CITIZEN, captchaAnswer, loginAsCitizen, shownCaptchaId } from '../support/kiosk-login.js';
import { ApplicationFullViewSchema } from '../../src-shared/portal-applications-api.js';
import { FleetListSchema } from '../../src-shared/portal-fleet-api.js';
import { knownPersonalStrings } from './log-scan.js';
import { call, loginOfficer } from '../support/portal-auth.js';
import { chooseFiles, confirmAndSubmit, currentStep, fillKhaiSinhStep1, next, startKhaiSinh, visible } from '../support/wizard-flow.js';

/** The counter's auto-lock, set as a deployment sets it (KIOSK_STAFF_LOCK_SECONDS). */
const STAFF_LOCK_SECONDS = 120;
const OFFICER = { username: 'canbo.camthanh', password: 'CanBo@2026', name: 'Võ Văn Tùng', pin: '2468' };

/** Taps a PIN on the on-screen keypad, as the officer does at a touch screen. */
async function tapPin(page: Page, keypad: string, pin: string): Promise<void> {
  const pad = page.getByRole('group', { name: keypad });
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
}

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk({ env: { KIOSK_MODE: 'assisted', KIOSK_STAFF_LOCK_SECONDS: String(STAFF_LOCK_SECONDS) } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('assisted counter', () => {
  it('officer signs in for the shift, serves walk-ins one after another, ends the shift', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    // Time runs as usual; the test jumps over the idle times instead of waiting them out.
    await page.clock.install();
    await page.goto(kiosk.kioskUrl);
    const portalUrl = kiosk.portalUrl ?? '';
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
    // Nothing else opens before an officer signs in.
    await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/dich-vu-cong`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
    const captchaId = await shownCaptchaId(page);
    for (const [orientation, viewport] of Object.entries(SCREENS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `session-staff-sign-in-${orientation}`);
      expect(await layoutProblems(page), orientation).toEqual([]);
      expect(await accessibilityProblems(page), orientation).toEqual([]);
    }
    await page.setViewportSize(SCREENS.landscape);

    await page.getByLabel('Tài khoản cán bộ').fill(OFFICER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER.password);
    await page.getByLabel('Mã xác thực', { exact: true }).fill(await captchaAnswer(portalUrl, captchaId));
    // The shift PIN: two different entries are refused before anything is sent.
    await page.getByLabel('Mã PIN ca làm việc', { exact: true }).focus();
    await tapPin(page, 'Bàn phím số nhập mã PIN', OFFICER.pin);
    await page.getByLabel('Nhập lại mã PIN', { exact: true }).fill('1357');
    await page.getByRole('button', { name: 'Bắt đầu ca làm việc' }).click();
    await expect.poll(() => page.getByText('Hai lần nhập mã PIN không khớp').isVisible()).toBe(true);
    await page.getByLabel('Nhập lại mã PIN', { exact: true }).fill(OFFICER.pin);
    await page.getByRole('button', { name: 'Bắt đầu ca làm việc' }).click();
    await expect.poll(() => page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Phục vụ người tiếp theo' }).isVisible()).toBe(true);
    // "Đồng bộ ngay" is there for the officer, idle while nothing waits to be sent.
    const syncNow = page.getByRole('button', { name: /Đồng bộ ngay/ });
    expect(await syncNow.innerText()).toContain('Đồng bộ ngay (0 hồ sơ chờ gửi)');
    expect(await syncNow.isDisabled()).toBe(true);
    // Self-service's "Kết thúc" is not how a counter ends a visit.
    expect(await page.getByRole('button', { name: /^Kết thúc$/ }).count()).toBe(0);

    // A walk-in logs in with the officer's help.
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await loginAsCitizen(page, portalUrl);
    await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    await screenshot(page, 'session-staff-serving-landscape');
    expect(await layoutProblems(page)).toEqual([]);

    // No idle wipe at the counter.
    await page.keyboard.press('Shift');
    await page.clock.fastForward((IDLE_SECONDS + 1) * 1000);
    await page.waitForTimeout(2500);
    expect(await page.getByRole('dialog', { name: 'Quý khách còn đó không?' }).isVisible()).toBe(false);

    // A break: "Khóa màn hình" wipes the walk-in and locks the counter until the shift PIN.
    await page.getByRole('button', { name: 'Khóa màn hình' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).isVisible()).toBe(true);
    // Said once: the heading, then what to do.
    expect(await page.getByText('Cán bộ nhập mã PIN ca làm việc để tiếp tục.').isVisible()).toBe(true);
    expect((await bodyText(page)).split('Màn hình đã khóa').length - 1).toBe(1);
    await expect.poll(async () => (await bodyText(page)).includes(DEMO_CITIZEN.name)).toBe(false);
    expect(await page.getByRole('button', { name: 'Phục vụ người tiếp theo' }).count()).toBe(0);
    for (const [orientation, viewport] of Object.entries(SCREENS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `session-staff-locked-${orientation}`);
      expect(await layoutProblems(page), orientation).toEqual([]);
      expect(await accessibilityProblems(page), orientation).toEqual([]);
    }
    await page.setViewportSize(SCREENS.landscape);
    await tapPin(page, 'Bàn phím nhập mã PIN', '1111');
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await expect.poll(() => page.getByText('Mã PIN ca làm việc không đúng. Còn 4 lần thử', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).isVisible()).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);
    await tapPin(page, 'Bàn phím nhập mã PIN', OFFICER.pin);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).count()).toBe(0);
    await expect.poll(() => page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible()).toBe(true);
    // The walk-in was wiped by the lock: the next person starts clean.
    expect(await bodyText(page)).not.toContain(DEMO_CITIZEN.name);
    expect(await page.getByRole('button', { name: 'Đăng nhập', exact: true }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Phục vụ người tiếp theo' }).click();
    await expect.poll(() => page.getByText('Sẵn sàng phục vụ người tiếp theo.', { exact: false }).isVisible()).toBe(true);
    const text = await bodyText(page);
    expect(text).not.toContain(DEMO_CITIZEN.name);
    expect(text).toContain(`Cán bộ: ${OFFICER.name}`);

    // "Kết thúc ca" while a walk-in is being served asks first; "Quay lại làm việc" keeps them.
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await loginAsCitizen(page, portalUrl);
    await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Kết thúc ca' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Kết thúc ca làm việc?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.textContent()).toContain('Thông tin của người dân đang được phục vụ sẽ bị xóa khỏi kiosk.');
    expect(await layoutProblems(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Quay lại làm việc' }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    expect(await page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible()).toBe(true);

    // Left alone, the counter locks itself after the configured idle time (staffLockSeconds)
    // and the walk-in goes with it, as with "Khóa màn hình".
    await page.keyboard.press('Shift');
    await page.clock.fastForward(STAFF_LOCK_SECONDS * 1000);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await bodyText(page)).includes(DEMO_CITIZEN.name)).toBe(false);
    await tapPin(page, 'Bàn phím nhập mã PIN', OFFICER.pin);
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await expect.poll(() => page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible()).toBe(true);

    // Nothing left to lose: "Kết thúc ca" ends the shift at once.
    await page.getByRole('button', { name: 'Kết thúc ca' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
    expect(await bodyText(page)).not.toContain(OFFICER.name);
    await page.close();
  });
});

/** What a walk-in brings on a USB stick: a declaration PDF and two photos. */
async function walkInFiles(dir: string): Promise<{ pdf: string; birth: string; id: string }> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('To khai dang ky khai sinh', { x: 50, y: 780, size: 18 });
  const pdf = path.join(dir, 'to-khai.pdf');
  fs.writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
  const png = (name: string, shade: number) => {
    const img = new PNG({ width: 64, height: 48 });
    for (let i = 0; i < img.data.length; i += 4) img.data.set([shade, 120, 255 - shade, 255], i);
    const file = path.join(dir, name);
    fs.writeFileSync(file, PNG.sync.write(img));
    return file;
  };
  return { pdf, birth: png('giay-chung-sinh.png', 40), id: png('cccd.png', 210) };
}

/** Two walk-ins without portal accounts (demo people of the training portal). */
const WALK_INS = [
  { name: DEMO_CITIZEN.name, cccd: DEMO_CITIZEN.cccd },
  { name: 'Trần Thị Bích Ngọc', cccd: '051192006789' },
] as const;

describe('assisted counter: receiving on behalf', () => {
  it('the officer serves two walk-ins one after another, locking the screen between them: both get their mã hồ sơ, both receipts and the portal\'s audit name the officer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-walk-in-'));
    const files = await walkInFiles(dir);
    const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
    const portalUrl = kiosk.portalUrl ?? '';
    const codes: string[] = [];
    try {
      await page.goto(kiosk.kioskUrl);
      await startShift(page, portalUrl, OFFICER);
      await expect.poll(() => page.getByText(`Cán bộ: ${OFFICER.name}`).isVisible()).toBe(true);

      for (const [i, walkIn] of WALK_INS.entries()) {
        // The walk-in has no portal account: the officer types their details in.
        await startKhaiSinh(page, portalUrl);
        expect(await currentStep(page)).toContain('Bước 1');
        // Nothing of the previous walk-in is offered to this one.
        if (i > 0) expect(await bodyText(page)).not.toContain(WALK_INS[i - 1]?.name ?? '?');
        await page.getByLabel('Họ và tên').fill(walkIn.name);
        await page.getByLabel('Số CCCD/CMND').fill(walkIn.cccd);
        await fillKhaiSinhStep1(page);
        if (i === 1) {
          // A slip on "Phục vụ người tiếp theo" mid-form asks first; the safe, large choice keeps the walk-in's entries.
          await page.getByRole('button', { name: 'Phục vụ người tiếp theo' }).click();
          const confirm = page.getByRole('alertdialog', { name: 'Phục vụ người tiếp theo?' });
          await expect.poll(() => confirm.isVisible()).toBe(true);
          expect(await confirm.textContent()).toContain('chưa được gửi và sẽ bị xóa');
          await confirm.getByRole('button', { name: 'Tiếp tục khai hồ sơ' }).click();
          await expect.poll(() => confirm.isVisible()).toBe(false);
          expect(await page.getByLabel('Họ và tên').inputValue()).toBe(walkIn.name);
        }
        await next(page);
        await expect.poll(() => currentStep(page)).toContain('Bước 2');
        if (i === 0) {
          // A walk-in's identity is not verified by a login: the ID papers are still asked for; the e-form still replaces the paper Tờ khai.
          await next(page);
          await expect.poll(() => visible(page, /^Còn thiếu thành phần hồ sơ bắt buộc: Giấy chứng sinh.*; Giấy tờ tùy thân/)).toBe(true);
          expect(await visible(page, /^Còn thiếu thành phần hồ sơ bắt buộc: Tờ khai/)).toBe(false);
        }
        await chooseFiles(page, /^(Chọn|Thay) tệp cho: Tờ khai đăng ký khai sinh/, files.pdf);
        await expect.poll(() => visible(page, 'to-khai.pdf')).toBe(true);
        await chooseFiles(page, /^(Chọn|Thay) tệp cho: Giấy chứng sinh/, files.birth);
        await expect.poll(() => visible(page, 'giay-chung-sinh.png')).toBe(true);
        await chooseFiles(page, /^(Chọn|Thay) tệp cho: Giấy tờ tùy thân/, files.id);
        await expect.poll(() => visible(page, 'cccd.png')).toBe(true);
        await next(page);
        await expect.poll(() => currentStep(page)).toContain('Bước 3');
        // No captcha for the officer at the counter: their signed-in, PIN-guarded shift stands in for it.
        await confirmAndSubmit(page, kiosk.kioskUrl, { atCounter: true });

        // Received on the walk-in's behalf: the official code, not a refusal of "receivedBy".
        await expect.poll(() => visible(page, 'Nộp hồ sơ thành công'), { timeout: 30_000 }).toBe(true);
        expect(await bodyText(page)).not.toContain('receivedBy');
        const code = page.getByText(/^000\.00\.31\.H48-\d{6}-\d{4}$/).first();
        await expect.poll(() => code.isVisible(), { timeout: 60_000 }).toBe(true);
        codes.push((await code.innerText()).trim());
        if (i === 0) {
          await screenshot(page, 'session-staff-received-landscape');
          expect(await layoutProblems(page)).toEqual([]);
        }

        // "Người tiếp nhận" on the receipt is the officer of the shift.
        await page.getByRole('button', { name: 'In giấy biên nhận' }).click();
        const link = page.getByRole('link', { name: 'Tải giấy biên nhận (PDF)' });
        await expect.poll(() => link.isVisible(), { timeout: 30_000 }).toBe(true);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const saved = path.join(dir, `giay-bien-nhan-${i}.pdf`);
        await download.saveAs(saved);
        const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
        expect(text).toContain(codes[i]);
        expect(text).toContain(walkIn.name);
        expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
        expect(text).toContain(OFFICER.name);

        if (i === 0) {
          // Between the two: the officer steps away, locks, and unlocks with the shift PIN.
          await page.getByRole('button', { name: 'Khóa màn hình' }).click();
          await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).isVisible()).toBe(true);
          await expect.poll(async () => (await bodyText(page)).includes(walkIn.name)).toBe(false);
          await tapPin(page, 'Bàn phím nhập mã PIN', OFFICER.pin);
          await page.getByRole('button', { name: 'Mở khóa' }).click();
          await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Màn hình đã khóa' }).count()).toBe(0);
          await page.getByRole('button', { name: 'Phục vụ người tiếp theo' }).click();
          await expect.poll(() => page.getByText('Sẵn sàng phục vụ người tiếp theo.', { exact: false }).isVisible()).toBe(true);
        }
      }
      expect(new Set(codes).size).toBe(2);

      // The portal's record and audit trail name the officer who received each one, and the kiosk.
      const officer = await loginOfficer(portalUrl, { username: OFFICER.username, password: OFFICER.password });
      for (const [i, code] of codes.entries()) {
        const view = ApplicationFullViewSchema.parse((await call(portalUrl, 'GET', `/api/v1/applications/${code}`, { token: officer.token })).body);
        expect(view.applicant.fullName).toBe(WALK_INS[i]?.name);
        expect(view.receivedBy?.name).toBe(OFFICER.name);
        expect(view.kioskId).toBe('KIOSK-01');
        expect(view.timeline[0]).toMatchObject({ actorRole: 'officer', actorName: OFFICER.name });
      }

      await page.getByRole('button', { name: 'Kết thúc ca' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
    } finally {
      await page.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const ADMIN = { username: 'quantri.noivu', password: 'QuanTri@2026', name: 'Đặng Thị Minh Thư', pin: '8642', agency: '000.00.02.H48' };

/** Signs an officer in for the shift from the sign-in screen (typed, as on a counter with a keyboard). */
async function startShift(page: Page, portalUrl: string, officer: { username: string; password: string; pin: string }): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
  const captchaId = await shownCaptchaId(page);
  await page.getByLabel('Tài khoản cán bộ').fill(officer.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(officer.password);
  await page.getByLabel('Mã xác thực', { exact: true }).fill(await captchaAnswer(portalUrl, captchaId));
  await page.getByLabel('Mã PIN ca làm việc', { exact: true }).fill(officer.pin);
  await page.getByLabel('Nhập lại mã PIN', { exact: true }).fill(officer.pin);
  await page.getByRole('button', { name: 'Bắt đầu ca làm việc' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Kết thúc ca' }).isVisible()).toBe(true);
}

/** From the home screen: the "Quản trị kiosk" tile, then the shift PIN. */
async function openAdmin(page: Page, pin: string): Promise<void> {
  await page.getByRole('link', { name: /Trang chủ$/ }).first().click();
  await page.getByRole('link', { name: /^Quản trị kiosk/ }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Quản trị kiosk' }).isVisible()).toBe(true);
  await page.getByLabel('Mã PIN ca làm việc', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Mở quản trị' }).click();
}

describe('assisted counter: Quản trị kiosk', () => {
  it('only an administrator with the shift PIN opens it, failures count down; settings and the portal URL are validated and applied without a restart; the queue retries and discards with a reason; the support bundle has no personal data; the portal lists the kiosk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-admin-'));
    const files = await walkInFiles(dir);
    const page = await browser.newPage({ viewport: SCREENS.landscape, acceptDownloads: true });
    const portalUrl = kiosk.portalUrl ?? '';
    try {
      await page.goto(kiosk.kioskUrl);
      // An officer without the admin role is refused, and the refusal counts.
      await startShift(page, portalUrl, OFFICER);
      await openAdmin(page, OFFICER.pin);
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('không có quyền quản trị kiosk. Còn 2 lần thử');
      await page.getByRole('button', { name: 'Kết thúc ca' }).click();

      await startShift(page, portalUrl, ADMIN);
      await openAdmin(page, '1111');
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('Mã PIN ca làm việc không đúng. Còn 1 lần thử');
      await page.getByLabel('Mã PIN ca làm việc', { exact: true }).fill(ADMIN.pin);
      await page.getByRole('button', { name: 'Mở quản trị' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Thông tin kiosk' }).isVisible()).toBe(true);
      expect(await bodyText(page)).toContain('KIOSK-01');
      expect(await bodyText(page)).toContain(ADMIN.agency);
      await screenshot(page, 'session-staff-admin-landscape');
      expect(await layoutProblems(page)).toEqual([]);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Idle timeout: out of range is refused in Vietnamese, a valid one is kept by the host.
      const idle = page.getByLabel('Thời gian chờ khi không thao tác (giây)');
      await idle.fill('10');
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await expect.poll(() => visible(page, 'Thời gian chờ ít nhất 30 giây.')).toBe(true);
      await idle.fill('240');
      // The counter number: a word and 100 are refused in Vietnamese; 3 is kept.
      const counter = page.getByLabel('Số quầy (gọi số thứ tự)');
      await counter.fill('ba');
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await expect.poll(() => visible(page, 'Số quầy phải là một số từ 1 đến 99, hoặc để trống nếu quầy không gọi số.')).toBe(true);
      await counter.fill('100');
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await expect.poll(() => visible(page, 'Số quầy nhiều nhất là 99.')).toBe(true);
      await counter.fill('3');
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await expect.poll(() => visible(page, 'Đã lưu cài đặt.')).toBe(true);

      // Portal URL: a bad one is refused and stays in the field to be corrected; a good one applies at once.
      const url = page.getByLabel('Địa chỉ Cổng dịch vụ công');
      await url.fill('dichvucong quangngai');
      await page.getByRole('button', { name: 'Áp dụng địa chỉ' }).click();
      await expect.poll(() => visible(page, /phải là địa chỉ web đầy đủ, bắt đầu bằng http:\/\/ hoặc https:\/\//)).toBe(true);
      expect(await url.inputValue()).toBe('dichvucong quangngai');
      // A portal that is down: the kiosk keeps working and queues.
      await url.fill('http://127.0.0.1:9');
      await page.getByRole('button', { name: 'Áp dụng địa chỉ' }).click();
      await expect.poll(() => visible(page, /Đã áp dụng địa chỉ mới, không cần khởi động lại\. Chưa kết nối được/)).toBe(true);

      // A walk-in's application made now waits in the queue.
      await page.getByRole('link', { name: /Trang chủ$/ }).first().click();
      await startKhaiSinh(page, portalUrl);
      await page.getByLabel('Họ và tên').fill(WALK_INS[0].name);
      await page.getByLabel('Số CCCD/CMND').fill(WALK_INS[0].cccd);
      await fillKhaiSinhStep1(page);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 2');
      await chooseFiles(page, /^(Chọn|Thay) tệp cho: Tờ khai đăng ký khai sinh/, files.pdf);
      await chooseFiles(page, /^(Chọn|Thay) tệp cho: Giấy chứng sinh/, files.birth);
      await chooseFiles(page, /^(Chọn|Thay) tệp cho: Giấy tờ tùy thân/, files.id);
      await expect.poll(() => visible(page, 'cccd.png')).toBe(true);
      await next(page);
      await expect.poll(() => currentStep(page)).toContain('Bước 3');
      await confirmAndSubmit(page, kiosk.kioskUrl, { atCounter: true });
      await expect.poll(() => visible(page, 'Hồ sơ đã được lưu, chờ gửi'), { timeout: 30_000 }).toBe(true);

      await openAdmin(page, ADMIN.pin);
      await expect.poll(() => visible(page, '1 mục chờ gửi')).toBe(true);
      // Saved in the host, not the page: the screen was left and opened again.
      expect(await page.getByLabel('Thời gian chờ khi không thao tác (giây)').inputValue()).toBe('240');
      expect(await page.getByLabel('Số quầy (gọi số thứ tự)').inputValue()).toBe('3');
      expect(await page.getByLabel('Địa chỉ Cổng dịch vụ công').inputValue()).toBe('http://127.0.0.1:9');
      expect(await bodyText(page)).toContain('Đăng ký khai sinh');
      await page.getByRole('button', { name: /^Gửi lại / }).click();
      await expect.poll(() => visible(page, /^Đã gửi lại /)).toBe(true);
      await page.getByRole('button', { name: /^Hủy / }).click();
      await page.getByRole('button', { name: 'Xác nhận hủy' }).click();
      await expect.poll(() => visible(page, 'Vui lòng nhập lý do hủy (ít nhất 5 ký tự).')).toBe(true);
      expect(await visible(page, '1 mục chờ gửi')).toBe(true);
      await page.getByLabel('Lý do hủy').fill('Người nộp xin rút hồ sơ tại quầy');
      await page.getByRole('button', { name: 'Xác nhận hủy' }).click();
      await expect.poll(() => visible(page, 'Không có hồ sơ nào chờ gửi.')).toBe(true);
      expect(await layoutProblems(page)).toEqual([]);

      // The support bundle, saved through the kiosk, carries the state and the log but nobody's data.
      await page.getByRole('button', { name: 'Tạo gói hỗ trợ' }).click();
      const link = page.getByRole('link', { name: 'Tải gói hỗ trợ (JSON)' });
      await expect.poll(() => link.isVisible()).toBe(true);
      // Saved on the kiosk as well: the way a bundle leaves an Electron kiosk, which offers no download.
      await expect.poll(() => visible(page, /^Đã lưu gói hỗ trợ trên kiosk: .*[/\\]support[/\\]ho-tro-KIOSK-01-\d{8}T\d{6}\.json$/)).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const saved = path.join(dir, 'ho-tro.json');
      await download.saveAs(saved);
      const bundle = fs.readFileSync(saved, 'utf8').normalize('NFC');
      expect(JSON.parse(bundle)).toMatchObject({ kind: 'mot-cua-kiosk.support-bundle', state: { kioskId: 'KIOSK-01' } });
      expect((JSON.parse(bundle) as { log: unknown[] }).log.length).toBeGreaterThan(0);
      const personal = [...knownPersonalStrings(), ...WALK_INS.flatMap((w) => [w.name, w.cccd]), OFFICER.pin, ADMIN.pin, ADMIN.password, ADMIN.name, 'Người nộp xin rút'];
      // A digits-only secret counts as a whole number inside a string value, as the log scan counts it: a pid or a byte count of 8642 is no PIN.
      const strings: string[] = [];
      JSON.parse(bundle, (_key, value: unknown) => {
        if (typeof value === 'string') strings.push(value);
        return value;
      });
      const found = (s: string) => (/^\d+$/.test(s) ? strings.some((v) => new RegExp(`(?<!\\d)${s}(?!\\d)`).test(v)) : bundle.includes(s.normalize('NFC')));
      expect(personal.filter(found)).toEqual([]);

      // Back to the real portal, without a restart.
      await page.getByLabel('Địa chỉ Cổng dịch vụ công').fill(portalUrl);
      await page.getByRole('button', { name: 'Áp dụng địa chỉ' }).click();
      await expect.poll(() => visible(page, /Đã áp dụng địa chỉ mới, không cần khởi động lại\. Cổng dịch vụ công đang kết nối\./)).toBe(true);

      // The kiosk's heartbeat is on the portal's kiosk list.
      const admin = await loginOfficer(portalUrl, { username: ADMIN.username, password: ADMIN.password });
      // The portal came back, so the kiosk beats at once rather than at its next interval; its answer may still be on the way.
      const listed = async () => FleetListSchema.parse((await call(portalUrl, 'GET', '/api/v1/admin/kiosks/fleet', { token: admin.token })).body).kiosks.find((k) => k.kioskId === 'KIOSK-01');
      await expect.poll(listed, { timeout: 10_000 }).toMatchObject({ flags: [] });

      await page.getByRole('button', { name: 'Kết thúc ca' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cán bộ đăng nhập ca làm việc' }).isVisible()).toBe(true);
    } finally {
      await page.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
