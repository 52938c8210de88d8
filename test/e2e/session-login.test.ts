import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import { accessibilityProblems } from '../support/a11y.js';
import { bodyText, focusOutline, htmlClasses, rootFontSize } from '../support/page-state.js';
import { DEMO_CITIZEN, captchaAnswer, lastSmsId, loginAsCitizen, newOtp, shownCaptchaId, submitPasswordStep } from '../support/kiosk-login.js';

// The portal's clock is the test's: moving it 3 minutes expires a captcha (2-minute life) exactly.
const clock = testClock(new Date());
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  portal = await startTestPortal({ now: clock.now });
  kiosk = await startKiosk({ env: { KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await portal?.close();
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

/** How far `field` reaches under the on-screen keyboard, in pixels (≤ 0: all of it is above); it must be on screen too. */
async function overlapWithKeyboard(page: Page, field: Locator): Promise<number> {
  const box = await field.boundingBox();
  const kb = await page.getByRole('region', { name: 'Bàn phím ảo' }).boundingBox();
  if (!box || !kb) throw new Error('field or keyboard not rendered');
  expect(box.y).toBeGreaterThanOrEqual(0);
  return box.y + box.height - kb.y;
}

async function openLogin(): Promise<Page> {
  const page = await browser.newPage({ viewport: SCREENS.landscape });
  await page.goto(kiosk.kioskUrl);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).isVisible()).toBe(true);
  await shownCaptchaId(page);
  return page;
}

describe('citizen login at the kiosk', () => {
  it('logs in with captcha and the SMS OTP; a wrong OTP says so and clears the boxes', async () => {
    const page = await openLogin();
    expect(await page.getByRole('tab', { name: 'Công dân' }).getAttribute('aria-selected')).toBe('true');
    await checkScreen(page, 'session-login');

    const since = await lastSmsId(portal.url, DEMO_CITIZEN.phone);
    await submitPasswordStep(page, portal.url);
    await expect
      .poll(() => page.getByText('Mã OTP đã được gửi tới số điện thoại 09******11. Vui lòng kiểm tra số điện thoại.').isVisible())
      .toBe(true);
    const resend = page.getByRole('button', { name: /^Gửi lại mã sau \d+ giây$/ });
    expect(await resend.isDisabled()).toBe(true);
    await checkScreen(page, 'session-otp');

    const otp = await newOtp(portal.url, DEMO_CITIZEN.phone, since);
    const wrong = otp.replace(/^./, (d) => String((Number(d) + 1) % 10));
    await page.getByLabel('Chữ số thứ 1 của mã OTP').click();
    await page.keyboard.type(wrong);
    expect(await page.getByLabel('Chữ số thứ 6 của mã OTP').inputValue()).toBe(wrong[5]);
    await page.getByRole('button', { name: 'Xác thực' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Mã OTP không đúng. Quý khách còn 4 lần thử.');
    for (let i = 1; i <= 6; i++) expect(await page.getByLabel(`Chữ số thứ ${i} của mã OTP`).inputValue()).toBe('');
    await checkScreen(page, 'session-otp-wrong');

    // Backspace moves back through the boxes.
    await page.getByLabel('Chữ số thứ 1 của mã OTP').click();
    await page.keyboard.type('12');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    expect(await page.getByLabel('Chữ số thứ 1 của mã OTP').inputValue()).toBe('');
    // The on-screen number pad types the code too.
    for (const d of otp) await page.getByRole('group', { name: 'Bàn phím số nhập mã OTP' }).getByRole('button', { name: d, exact: true }).click();
    await page.getByRole('button', { name: 'Xác thực' }).click();

    await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    expect(page.url()).toMatch(/#\/$/);
    expect(await page.getByRole('button', { name: 'Đăng nhập', exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: 'Kết thúc phiên làm việc và xóa thông tin của Quý khách' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Đăng nhập', exact: true }).isVisible()).toBe(true);
    expect(await bodyText(page)).not.toContain(DEMO_CITIZEN.name);
    await page.close();
  });

  it('an expired captcha gets its message, a new picture and an empty field', async () => {
    const page = await openLogin();
    const first = await shownCaptchaId(page);
    await page.getByLabel('Tên đăng nhập').fill(DEMO_CITIZEN.cccd);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_CITIZEN.password);
    await page.getByLabel('Mã xác thực', { exact: true }).fill(await captchaAnswer(portal.url, first));
    clock.advance(3 * 60_000);
    await page.locator('form').getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Mã xác thực đã hết hạn. Vui lòng tải mã xác thực mới.');
    expect(await shownCaptchaId(page, first)).not.toBe(first);
    expect(await page.getByLabel('Mã xác thực', { exact: true }).inputValue()).toBe('');
    await checkScreen(page, 'session-login-captcha-expired');
    await page.close();
  });

  it('a wrong password is refused, the password field emptied', async () => {
    const page = await openLogin();
    await submitPasswordStep(page, portal.url, { cccd: '051192006789', password: 'Sai@2026' });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await page.getByLabel('Mật khẩu', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('051192006789');
    await page.close();
  });

  it('takes only digits as Tên đăng nhập and checks its length before asking the portal', async () => {
    const page = await openLogin();
    await page.getByLabel('Tên đăng nhập').pressSequentially('05108a5-00');
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('05108500');
    await page.locator('form').getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect
      .poll(() => page.getByText('Tên đăng nhập là số CCCD gồm 12 chữ số hoặc số CMND gồm 9 chữ số.').isVisible())
      .toBe(true);
    expect(await page.getByText('Vui lòng nhập mật khẩu.').isVisible()).toBe(true);
    expect(await page.getByText('Vui lòng nhập mã xác thực.').isVisible()).toBe(true);
    expect(await page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('"Nộp hồ sơ trực tuyến" asks to log in first and comes back to the procedure’s submission', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    await page.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
    await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).isVisible()).toBe(true);
    expect(decodeURIComponent(page.url())).toContain('next=/nop-ho-so/');
    // The login has its way back too, where every other screen has it.
    expect(await page.getByRole('button', { name: 'Quay lại', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Trang chủ', exact: true }).isVisible()).toBe(true);
    await loginAsCitizen(page, portal.url);
    await expect.poll(() => page.url()).toMatch(/#\/nop-ho-so\/1\.001193\.000\.00\.00\.H48/);
    await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    const signedIn = page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`);
    const address = page.getByLabel('Địa chỉ', { exact: false }).first();
    await expect.poll(() => address.isVisible(), { timeout: 15_000 }).toBe(true);
    await address.fill('Thôn Phú Nhơn, xã Tịnh Ấn Tây');

    // "Trang chủ" and "Quay lại" keep the visit: still signed in, the form kept as a draft.
    const home = page.getByRole('link', { name: 'Trang chủ', exact: true });
    const back = page.getByRole('button', { name: 'Quay lại', exact: true }).first();
    // One "Quay lại" per screen, the toolbar's: the wizard's own step back is "Bước trước".
    expect(await page.getByRole('button', { name: 'Quay lại', exact: true }).count()).toBe(1);
    await home.click();
    await expect.poll(() => page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
    expect(await signedIn.isVisible()).toBe(true);
    // The home screen has neither: there is nowhere further back.
    expect(await home.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Quay lại', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    await expect.poll(() => page.getByLabel('Tìm thủ tục hành chính').isVisible()).toBe(true);
    // Same place on every screen: the catalogue's "Quay lại" / "Trang chủ" stand where the wizard's did.
    const navAt = async () => [await back.boundingBox(), await home.boundingBox()].map((b) => [Math.round(b?.x ?? -1), Math.round(b?.y ?? -1)]);
    const onCatalogue = await navAt();
    await checkScreen(page, 'catalogue-signed-in');
    await home.click();
    await expect.poll(() => page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
    expect(await signedIn.isVisible()).toBe(true);
    await page.getByRole('link', { name: /Tra cứu hồ sơ/ }).click();
    await expect.poll(() => back.isVisible()).toBe(true);
    expect(await navAt()).toEqual(onCatalogue);
    await back.click();
    await expect.poll(() => page.getByRole('link', { name: /Tra cứu hồ sơ/ }).isVisible()).toBe(true);
    expect(await signedIn.isVisible()).toBe(true);

    // "Kết thúc" with the draft left behind asks; "Kết thúc và xóa hồ sơ" wipes the visit.
    await page.getByRole('button', { name: 'Kết thúc phiên làm việc và xóa thông tin của Quý khách' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Kết thúc phiên làm việc?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await confirm.getByRole('button', { name: 'Kết thúc và xóa hồ sơ' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Đăng nhập', exact: true }).isVisible()).toBe(true);
    expect(await bodyText(page)).not.toContain(DEMO_CITIZEN.name);
    await page.close();
  });

  it('the business tab shows the signing-device state and what to do', async () => {
    const page = await openLogin();
    await page.getByRole('tab', { name: 'Doanh nghiệp' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập bằng chữ ký số' }).isVisible()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Chưa cắm thiết bị ký số' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Đăng nhập bằng chữ ký số' }).isDisabled()).toBe(true);
    await checkScreen(page, 'session-login-business');
    // Arrow keys move between the tabs.
    await page.getByRole('tab', { name: 'Doanh nghiệp' }).press('ArrowLeft');
    await expect.poll(() => page.getByLabel('Tên đăng nhập').isVisible()).toBe(true);
    await page.close();
  });
});

describe('input and display options', () => {
  it('opens the on-screen keyboard by itself on a touched field, above it; types Vietnamese (Telex, then VNI) and numbers with its keypad', async () => {
    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    const search = page.getByLabel('Tìm thủ tục hành chính');
    const osk = page.getByRole('region', { name: 'Bàn phím ảo' });
    const toggle = page.getByRole('button', { name: 'Bàn phím', exact: true });
    expect(await osk.isVisible()).toBe(false);
    // Touching the search box is enough: the letters come up by themselves, below the box, in both orientations.
    for (const viewport of [SCREENS.portrait, SCREENS.landscape]) {
      await page.setViewportSize(viewport);
      await search.click();
      await expect.poll(() => osk.isVisible()).toBe(true);
      expect(await osk.getByRole('button', { name: 'q', exact: true }).isVisible()).toBe(true);
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await overlapWithKeyboard(page, search)).toBeLessThanOrEqual(0);
      // "Bàn phím" still closes it (and the box keeps the focus it had).
      await toggle.click();
      await expect.poll(() => osk.isVisible()).toBe(false);
    }
    await toggle.click();
    await expect.poll(() => osk.isVisible()).toBe(true);
    for (const k of 'dduwowngf') await osk.getByRole('button', { name: k, exact: true }).click();
    expect(await search.inputValue()).toBe('đường');
    await checkScreen(page, 'session-keyboard');
    await osk.getByRole('button', { name: 'Xóa lùi' }).click();
    expect(await search.inputValue()).toBe('đườn');
    await search.fill('');
    await osk.getByRole('button', { name: 'Kiểu gõ: Telex' }).click();
    expect(await osk.getByRole('button', { name: 'Kiểu gõ: VNI' }).isVisible()).toBe(true);
    for (const k of 'Nguye6n4') {
      // "Chữ hoa" shows the capitals for one key.
      if (k !== k.toLowerCase()) await osk.getByRole('button', { name: 'Chữ hoa' }).click();
      await osk.getByRole('button', { name: k, exact: true }).click();
    }
    expect(await search.inputValue()).toBe('Nguyễn');

    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    // A new screen: the keyboard that opened by hand stays; one that opened by itself would close.
    const login = page.getByLabel('Tên đăng nhập');
    const keypad = page.getByRole('group', { name: 'Bàn phím số' });
    await toggle.click();
    await expect.poll(() => osk.isVisible()).toBe(false);
    // The CCCD field gets the number pad by itself, and stays in sight above it, in both orientations.
    for (const viewport of [SCREENS.portrait, SCREENS.landscape]) {
      await page.setViewportSize(viewport);
      await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).click();
      await login.click();
      await expect.poll(() => keypad.isVisible()).toBe(true);
      expect(await overlapWithKeyboard(page, login)).toBeLessThanOrEqual(0);
      await osk.getByRole('button', { name: 'Xong' }).click();
      await expect.poll(() => osk.isVisible()).toBe(false);
    }
    await login.click();
    for (const d of '0510') await keypad.getByRole('button', { name: d, exact: true }).click();
    expect(await login.inputValue()).toBe('0510');
    await page.close();
  });

  it('"Chữ lớn" and "Tương phản cao" change the whole screen and keep it usable', async () => {
    const page = await openLogin();
    await page.getByRole('button', { name: 'Chữ lớn' }).click();
    await page.getByRole('button', { name: 'Tương phản cao' }).click();
    expect(await htmlClasses(page)).toEqual(['high-contrast', 'large-text']);
    expect(await rootFontSize(page)).toBe('24px');
    expect(await page.getByRole('button', { name: 'Chữ lớn' }).getAttribute('aria-pressed')).toBe('true');
    await checkScreen(page, 'session-login-large-contrast');
    // Every control is reachable by keyboard, with a visible focus ring.
    await page.keyboard.press('Tab');
    expect(await focusOutline(page)).toBe('solid');
    await page.close();
  });
});
