import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { launchChromium, layoutProblems, screenshot, SCREENS } from '../support/browser.js';
import { accessibilityProblems } from '../support/a11y.js';
import { bodyText, sessionStorageKeys } from '../support/page-state.js';
import { IDLE_SECONDS } from '../../src-shared/visit-limits.js';
import { DEMO_CITIZEN, loginAsCitizen } from '../support/kiosk-login.js';

const ADDRESS = 'Số 99 đường Lê Lợi, phường Cẩm Thành';

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

/** The host API as the page itself reaches it (launch secret + Origin), to look at drafts a person cannot see. */
async function hostCall<T>(name: string, input: unknown = {}): Promise<T> {
  const url = new URL(kiosk.kioskUrl);
  const res = await fetch(`${url.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-secret': url.searchParams.get('k') ?? '', origin: url.origin },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body.data;
}
/** Drafts on the kiosk's disk, read beside the host: once nobody is signed in, the API shows drafts to nobody. */
function draftsOnDisk(): number {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM drafts').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const currentDraft = async () => (await hostCall<{ draft: { data: { applicant: Record<string, string> } } | null }>('drafts.current')).draft;

/** This file compiles without DOM types: the page's document as far as focus goes. */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
}

/**
 * A page whose clock the test can move on: time runs as usual until the
 * test jumps over the idle time, as if the person had walked away.
 */
async function pageWithClock(): Promise<Page> {
  const page = await browser.newPage({ viewport: SCREENS.landscape });
  await page.clock.install();
  return page;
}

/** Nobody touches the screen for the idle time. */
async function walkAway(page: Page): Promise<void> {
  await page.clock.fastForward(IDLE_SECONDS * 1000);
}

describe('self-service idle wipe', () => {
  it('does not interrupt the empty home screen', async () => {
    const page = await pageWithClock();
    await page.goto(kiosk.kioskUrl);
    await expect.poll(() => page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).isVisible()).toBe(true);
    await walkAway(page);
    await page.waitForTimeout(2500);
    expect(await page.getByRole('dialog', { name: 'Quý khách còn đó không?' }).isVisible()).toBe(false);
    await page.close();
  });

  it('warns with a countdown, then wipes the citizen from screen, stores and drafts', async () => {
    const page = await pageWithClock();
    await page.goto(kiosk.kioskUrl);
    const portalUrl = kiosk.portalUrl ?? '';

    // Log in by way of "Nộp hồ sơ trực tuyến" and start filling in the form.
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    await page.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('link', { name: /^Đăng ký khai sinh Hộ tịch/ }).first().click();
    await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await loginAsCitizen(page, portalUrl);
    await expect.poll(() => page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    const address = page.getByLabel('Địa chỉ', { exact: false }).first();
    await expect.poll(() => address.isVisible(), { timeout: 15_000 }).toBe(true);
    await address.fill(ADDRESS);
    await expect.poll(async () => (await currentDraft())?.data.applicant.address, { timeout: 15_000 }).toBe(ADDRESS);

    // "Kết thúc" mid-wizard asks first; the safe choice is the large first button, and Escape takes it too.
    const end = page.getByRole('button', { name: 'Kết thúc phiên làm việc và xóa thông tin của Quý khách' });
    const confirm = page.getByRole('alertdialog', { name: 'Kết thúc phiên làm việc?' });
    await end.click();
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.textContent()).toContain('Hồ sơ đang khai sẽ bị xóa.');
    const stay = confirm.getByRole('button', { name: 'Tiếp tục khai hồ sơ' });
    expect(await hasFocus(stay)).toBe(true);
    const [stayBox, endBox] = await Promise.all([stay.boundingBox(), confirm.getByRole('button', { name: 'Kết thúc và xóa hồ sơ' }).boundingBox()]);
    expect((stayBox?.height ?? 0) * (stayBox?.width ?? 0)).toBeGreaterThan((endBox?.height ?? 0) * (endBox?.width ?? 0));
    for (const [orientation, viewport] of Object.entries(SCREENS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `session-confirm-end-${orientation}`);
      expect(await layoutProblems(page), orientation).toEqual([]);
      expect(await accessibilityProblems(page), orientation).toEqual([]);
    }
    await page.setViewportSize(SCREENS.landscape);
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.isVisible()).toBe(false);
    // Focus is back on "Kết thúc", and nothing was lost.
    expect(await hasFocus(end)).toBe(true);
    await end.click();
    await stay.click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await address.inputValue()).toBe(ADDRESS);
    expect((await currentDraft())?.data.applicant.address).toBe(ADDRESS);
    expect(await page.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);

    // "Tiếp tục" keeps the visit going.
    await walkAway(page);
    const dialog = page.getByRole('dialog', { name: 'Quý khách còn đó không?' });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Tiếp tục' }).click();
    expect(await dialog.isVisible()).toBe(false);
    expect(await address.inputValue()).toBe(ADDRESS);

    // Then nobody answers, not even the "Kết thúc" question left open.
    await end.click();
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await walkAway(page);
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    const seconds = Number(/sau (\d+) giây/.exec((await dialog.textContent()) ?? '')?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15);
    for (const [orientation, viewport] of Object.entries(SCREENS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `session-idle-warning-${orientation}`);
      expect(await layoutProblems(page), orientation).toEqual([]);
      expect(await accessibilityProblems(page), orientation).toEqual([]);
    }
    await page.setViewportSize(SCREENS.landscape);
    // It counts down.
    await expect.poll(async () => Number(/sau (\d+) giây/.exec((await dialog.textContent()) ?? '')?.[1])).toBeLessThan(seconds);

    // At 0: the home screen, signed out, nothing of the citizen left.
    await expect.poll(() => page.getByRole('button', { name: 'Đăng nhập', exact: true }).isVisible(), { timeout: 25_000 }).toBe(true);
    expect(page.url()).toMatch(/#\/$/);
    expect(await dialog.isVisible()).toBe(false);
    // The wipe answered the question too: the next person does not meet it.
    expect(await confirm.isVisible()).toBe(false);
    const text = await bodyText(page);
    for (const personal of [DEMO_CITIZEN.name, DEMO_CITIZEN.cccd, ADDRESS, 'khai sinh']) expect(text).not.toContain(personal);
    expect(await page.getByText('Phiên làm việc đã kết thúc. Thông tin của Quý khách đã được xóa khỏi kiosk.').isVisible()).toBe(true);
    expect(await sessionStorageKeys(page)).toEqual(['kiosk.launchSecret']);
    expect(draftsOnDisk()).toBe(0);
    await expect(currentDraft()).rejects.toThrow(/SIGN_IN_REQUIRED/);
    expect((await hostCall<{ citizen: unknown }>('auth.state')).citizen).toBeNull();
    await screenshot(page, 'session-idle-wiped-landscape');

    // The stores are back to their first state: the search box is empty, and the form needs a new login.
    await page.getByRole('link', { name: /Dịch vụ công trực tuyến/ }).click();
    await expect.poll(() => page.getByLabel('Tìm thủ tục hành chính').isVisible()).toBe(true);
    expect(await page.getByLabel('Tìm thủ tục hành chính').inputValue()).toBe('');
    await page.goBack();
    await page.goto(`${new URL(kiosk.kioskUrl).origin}/#/nop-ho-so/1.001193.000.00.00.H48`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('');
    await page.close();
  });
});
