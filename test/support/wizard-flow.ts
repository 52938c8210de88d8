import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CITIZEN, loginAsCitizen, shownCaptchaId } from './kiosk-login.js';

/**
 * Steps of the "Đăng ký khai sinh" wizard as a citizen takes them, by the
 * Vietnamese labels on screen (shared by the e2e tests that need to get
 * an application through).
 */

export const KHAI_SINH = 'Đăng ký khai sinh';
export const DECLARATION = 'Tôi chắc chắn rằng các thông tin khai báo trên là đúng sự thật và đồng ý chịu trách nhiệm trước pháp luật về lời khai trên.';

export const visible = (page: Page, text: string | RegExp): Promise<boolean> => page.getByText(text).first().isVisible();

export async function currentStep(page: Page): Promise<string> {
  return (await page.locator('[aria-current="step"]').innerText()).replace(/\s+/g, ' ').trim();
}

export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Tiếp tục/ }).click();
}

/** Home → "Dịch vụ công trực tuyến" → search "khai sinh" → the procedure → "Nộp hồ sơ trực tuyến" → (log in) → the wizard. */
export async function startKhaiSinh(page: Page, portalUrl: string): Promise<void> {
  await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
  await page.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: KHAI_SINH }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  const wizard = page.getByRole('heading', { level: 1, name: `Nộp hồ sơ: ${KHAI_SINH}` });
  const login = page.getByRole('heading', { level: 1, name: 'Đăng nhập' });
  await expect.poll(async () => (await wizard.isVisible()) || (await login.isVisible())).toBe(true);
  if (await login.isVisible()) await loginAsCitizen(page, portalUrl);
  await expect.poll(() => wizard.isVisible()).toBe(true);
}

export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** "dd/mm/yyyy" of an ISO date key, as the kiosk shows dates. */
export function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A date into the kiosk's date field (day, month, year boxes, named as a
 * group by the field's label): typed into "Ngày", the digits run on into
 * "Tháng" and "Năm" as they do from a keyboard.
 */
export async function fillDate(page: Page, label: string, iso: string, day = 'Ngày'): Promise<void> {
  await page.getByLabel(label).getByLabel(day, { exact: true }).fill(dmy(iso).replaceAll('/', ''));
}

/** The kiosk's own labels on step 1 (the form's fields are the catalogue's, Vietnamese in either language). */
export const STEP1_LABELS = { vi: { phone: 'Số điện thoại', address: 'Địa chỉ', day: 'Ngày' }, en: { phone: 'Phone number', address: 'Address', day: 'Day' } } as const;

/** Step 1 of "Đăng ký khai sinh", everything mandatory filled. */
export async function fillKhaiSinhStep1(page: Page, labels: (typeof STEP1_LABELS)[keyof typeof STEP1_LABELS] = STEP1_LABELS.vi): Promise<void> {
  await page.getByLabel(labels.phone).fill(DEMO_CITIZEN.phone);
  await page.getByRole('textbox', { name: labels.address, exact: true }).fill('Số 12 đường Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi');
  await page.getByLabel('Họ, chữ đệm và tên của trẻ').fill('Nguyễn Thị Bích Ngọc');
  await fillDate(page, 'Ngày, tháng, năm sinh của trẻ', daysAgo(10), labels.day);
  await page.getByLabel('Giới tính của trẻ').selectOption({ label: 'Nữ' });
  await page.getByLabel('Nơi sinh (tên cơ sở y tế hoặc địa chỉ nơi sinh)').fill('Bệnh viện Đa khoa tỉnh Quảng Ngãi');
  await page.getByLabel('Dân tộc của trẻ').fill('Kinh');
  await page.getByLabel('Họ, chữ đệm và tên người mẹ').fill('Trần Thị Hoa');
  await page.getByLabel('Họ, chữ đệm và tên người cha').fill(DEMO_CITIZEN.name);
  await page.getByLabel('Quan hệ của người đi khai sinh với trẻ').selectOption({ label: 'Cha' });
  await page.getByLabel('Số bản sao Giấy khai sinh đề nghị cấp').fill('2');
}

/** Presses the button that opens a file chooser and picks `files` in it. */
export async function chooseFiles(page: Page, button: RegExp | string, files: string | string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(files);
}

/** What a trainer reads off the wizard's captcha picture: the host's training hook, behind the launch secret. */
export async function wizardCaptchaAnswer(kioskUrl: string, id: string): Promise<string> {
  const url = new URL(kioskUrl);
  const res = await fetch(`${url.origin}/api/dev/captcha/${encodeURIComponent(id)}`, {
    headers: { 'x-kiosk-secret': url.searchParams.get('k') ?? '', origin: url.origin },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { answer: string }).answer;
}

/**
 * Step 3: the declaration ticked and the captcha answered; then on to step 4 and "Đồng ý".
 * At an assisted counter there is no captcha to answer: the officer's shift stands in for it.
 */
export async function confirmAndSubmit(page: Page, kioskUrl: string, opts: { atCounter?: boolean } = {}): Promise<void> {
  await page.getByLabel(DECLARATION).check();
  if (opts.atCounter) {
    expect(await page.getByLabel('Mã xác thực', { exact: true }).count()).toBe(0);
  } else {
    const id = await shownCaptchaId(page);
    await page.getByLabel('Mã xác thực', { exact: true }).fill(await wizardCaptchaAnswer(kioskUrl, id));
  }
  await next(page);
  await expect.poll(() => currentStep(page)).toContain('Bước 4');
  await page.getByRole('button', { name: 'Đồng ý' }).click();
}
