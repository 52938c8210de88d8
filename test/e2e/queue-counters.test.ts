import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { vnDateKey } from '../../src-shared/domain/vn-time.js';
import { QueueFiguresSchema } from '../../src-shared/portal-queue-api.js';
import { accessibilityProblems } from '../support/a11y.js';
import { launchChromium, layoutProblems, SCREENS, screenshot } from '../support/browser.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { DEMO_CITIZEN, loginAsCitizen } from '../support/kiosk-login.js';
import { signInOfficer } from '../support/officer-flow.js';
import { call, loginOfficer } from '../support/portal-auth.js';
import { startTestPortal } from '../support/portal.js';
import { lateQueueResources, openTicketScreen, takeTicket } from '../support/queue-flow.js';

/**
 * Issue 15, acceptance 1: two self-service kiosks and two assisted counters
 * of UBND phường Cẩm Thành on one reference portal. People take numbers on
 * both kiosks (a priority one, and one while the portal is down, reported
 * when it is back); the counters, by their visible buttons, call, recall,
 * mark absent, transfer and complete; the hall's board shows every call in
 * order; no number is held twice; the day's figures match the run.
 */
const CENTRE = '000.00.31.H48';
const OFFICER = { username: 'canbo.camthanh', password: 'CanBo@2026' };

describe('Hàng đợi: two kiosks, two counters, one board', () => {
  let browser: Browser;
  let resources: string;
  let portalDir: string;
  let portal: Awaited<ReturnType<typeof startTestPortal>>;
  let kiosks: KioskProcess[] = [];

  beforeAll(async () => {
    resources = lateQueueResources();
    portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-counters-'));
    portal = await startTestPortal({ dataDir: portalDir, resourcesDir: resources });
    const base = { KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1' };
    const selfService = (id: string) => startKiosk({ env: { ...base, KIOSK_ID: id, KIOSK_QUEUE_CENTRE: CENTRE } });
    const counter = (id: string, no: number) => startKiosk({ env: { ...base, KIOSK_ID: id, KIOSK_MODE: 'assisted', KIOSK_COUNTER: String(no) } });
    [browser, ...kiosks] = await Promise.all([launchChromium(), selfService('KIOSK-SO-A'), selfService('KIOSK-SO-B'), counter('KIOSK-QUAY-1', 1), counter('KIOSK-QUAY-2', 2)]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(kiosks.map((k) => k.stop()));
    await portal?.close();
    for (const d of [portalDir, resources]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  const panel = (page: Page, counter: number) => page.getByRole('region', { name: `Hàng đợi của quầy số ${counter}` });
  const press = (page: Page, counter: number, button: string) => panel(page, counter).getByRole('button', { name: button, exact: true }).click();
  const said = (page: Page, counter: number) => panel(page, counter).getByRole('status').innerText();

  async function openCounter(page: Page, kiosk: KioskProcess, counter: number): Promise<void> {
    await page.goto(kiosk.kioskUrl);
    await signInOfficer(page, portal.url);
    await expect.poll(() => panel(page, counter).getByRole('heading', { name: `Quầy số ${counter}` }).isVisible()).toBe(true);
    expect(await panel(page, counter).getByText('Chưa gọi số nào.', { exact: false }).isVisible()).toBe(true);
  }

  /** "Gọi số tiếp theo", and the number the panel then shows as called. */
  async function callNext(page: Page, counter: number): Promise<string> {
    await press(page, counter, 'Gọi số tiếp theo');
    await expect.poll(() => said(page, counter)).toMatch(new RegExp(`^Đã gọi số [A-Z]-\\d+: mời đến quầy số ${counter}\\.$`));
    return (await panel(page, counter).locator('.counter-number').innerText()).trim();
  }

  /** "Vắng mặt" / "Hoàn thành" / "Chuyển quầy": the panel says what became of the ticket, and then serves nobody. */
  async function finish(page: Page, counter: number, button: string, done: string, toCounter?: number): Promise<void> {
    await press(page, counter, button);
    if (toCounter !== undefined) await panel(page, counter).getByRole('group').getByRole('button', { name: `Quầy số ${toCounter}`, exact: true }).click();
    await expect.poll(() => said(page, counter)).toBe(done);
    expect(await panel(page, counter).getByText('Chưa gọi số nào.', { exact: false }).isVisible()).toBe(true);
  }

  it('issues distinct numbers, calls them at both counters by their buttons, shows each call on the board, and counts the day', async () => {
    const started = Date.now();
    const [soA, soB, quay1, quay2] = kiosks as [KioskProcess, KioskProcess, KioskProcess, KioskProcess];
    const [pageA, pageB, c1, c2] = await Promise.all([0, 1, 2, 3].map(() => browser.newPage({ viewport: SCREENS.landscape })));
    if (!pageA || !pageB || !c1 || !c2) throw new Error('no page');

    // The counters open their shift while the first people take numbers.
    const shifts = Promise.all([openCounter(c1, quay1, 1), openCounter(c2, quay2, 2)]);
    await Promise.all([openTicketScreen(pageA, soA.kioskUrl), openTicketScreen(pageB, soB.kioskUrl)]);
    const b1 = await takeTicket(pageA, /Chứng thực/);
    const a1 = await takeTicket(pageB, /Hộ tịch/, { priority: true });
    await pageA.getByRole('button', { name: 'Lấy số khác' }).click();
    const b2 = await takeTicket(pageA, /Chứng thực/);
    await shifts;

    // The portal goes away: kiosk B gives a number from its own reserved block.
    const port = Number(new URL(portal.url).port);
    await portal.close();
    await pageB.getByRole('button', { name: 'Lấy số khác' }).click();
    await expect.poll(() => pageB.getByText(/mất kết nối với Cổng dịch vụ công: số được cấp từ dãy số dự phòng/).isVisible(), { timeout: 20_000 }).toBe(true);
    const offline = await takeTicket(pageB, /Chứng thực/);
    const taken = [b1, a1, b2, offline];
    expect(new Set(taken).size).toBe(taken.length);

    // Back at the same address: kiosk B reports its offline number by itself.
    portal = await startTestPortal({ dataDir: portalDir, resourcesDir: resources, port });
    const today = vnDateKey(new Date());
    const tickets = () => portal.context.db.selectFrom('queue_tickets').select(['area', 'number', 'source']).where('agency_code', '=', CENTRE).where('day', '=', today).execute();
    const labelOf = (t: { area: string; number: number }) => `${t.area}-${String(t.number).padStart(3, '0')}`;
    await expect.poll(async () => (await tickets()).find((t) => labelOf(t) === offline)?.source ?? null, { timeout: 30_000, interval: 300 }).toBe('offline');

    const board = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await board.addInitScript(() => {
      // The TV's speech engine is the device edge: a Vietnamese voice that records what it is asked to say.
      const said: string[] = [];
      (globalThis as unknown as { said: string[] }).said = said;
      Object.defineProperty(globalThis, 'speechSynthesis', { value: { getVoices: () => [{ lang: 'vi-VN', name: 'Tiếng Việt (kiểm thử)' }], speak: (u: { text: string }) => said.push(u.text) } });
    });
    await board.goto(`${portal.url}/hang-doi/bang/${CENTRE}`);
    const calling = board.getByRole('region', { name: 'Số đang gọi' });
    const recent = board.getByRole('list', { name: 'Các số vừa gọi' }).getByRole('listitem');
    const onBoard: string[] = [];
    /** The board shows the call now, and keeps it at the head of its list. */
    const shown = async (label: string, counter: number, recall = false) => {
      const line = `${label} → quầy số ${counter}${recall ? ' (gọi lại)' : ''}`;
      onBoard.unshift(line);
      await expect.poll(() => calling.textContent()).toContain(label);
      await expect.poll(() => recent.allTextContents()).toEqual(onBoard);
      expect(await calling.textContent()).toContain(`Mời đến quầy số ${counter}`);
    };

    // Counter 1: the priority number first (no priority call yet today), called again.
    expect(await callNext(c1, 1)).toBe(a1);
    expect(await panel(c1, 1).getByText('Ưu tiên', { exact: true }).isVisible()).toBe(true);
    await shown(a1, 1);
    await press(c1, 1, 'Gọi lại');
    await expect.poll(() => said(c1, 1)).toBe(`Đã gọi lại số ${a1}.`);
    await shown(a1, 1, true);
    expect(await layoutProblems(c1)).toEqual([]);
    expect(await accessibilityProblems(c1)).toEqual([]);
    await screenshot(c1, 'queue-counter-calling-landscape');
    // Upright screen, then English second: the same panel, worded for the officer's choice.
    await c1.setViewportSize(SCREENS.portrait);
    expect(await layoutProblems(c1)).toEqual([]);
    await screenshot(c1, 'queue-counter-calling-portrait');
    await c1.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    const english = c1.getByRole('region', { name: 'Queue of counter 1' });
    await expect.poll(() => english.getByRole('heading', { name: 'Counter 1' }).isVisible()).toBe(true);
    expect(await english.getByRole('button', { name: 'Done', exact: true }).isVisible()).toBe(true);
    expect(await english.getByText('Priority', { exact: true }).isVisible()).toBe(true);
    await c1.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await c1.setViewportSize(SCREENS.landscape);

    // Counter 2: the first ordinary number does not come; it goes back to the line.
    expect(await callNext(c2, 2)).toBe(b1);
    await shown(b1, 2);
    await finish(c2, 2, 'Vắng mặt', `Số ${b1} vắng mặt: số trở lại hàng chờ. Thông tin người dân đã được xóa khỏi kiosk.`);

    // Counter 2 calls the next and sends it to counter 1, where it keeps its place.
    expect(await callNext(c2, 2)).toBe(b2);
    await shown(b2, 2);
    await finish(c2, 2, 'Chuyển quầy', `Đã chuyển số ${b2} đến quầy số 1. Thông tin người dân đã được xóa khỏi kiosk.`, 1);

    await finish(c1, 1, 'Hoàn thành', `Đã hoàn thành số ${a1}. Thông tin người dân đã được xóa khỏi kiosk.`);
    expect(await callNext(c1, 1)).toBe(b2);
    await shown(b2, 1);

    // Counter 2 serves the number given offline, reconciled like any other.
    expect(await callNext(c2, 2)).toBe(offline);
    await shown(offline, 2);
    // The person signs in with the officer's help: "Hoàn thành" asks before it wipes them, and "Quay lại phục vụ" keeps everything.
    await c2.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await loginAsCitizen(c2, portal.url);
    await expect.poll(() => c2.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    await press(c2, 2, 'Hoàn thành');
    const confirm = c2.getByRole('alertdialog', { name: 'Phục vụ người tiếp theo?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.getByText('Thông tin của người dân đang được phục vụ sẽ bị xóa khỏi kiosk.').isVisible()).toBe(true);
    await confirm.getByRole('button', { name: 'Quay lại phục vụ' }).click();
    expect(await c2.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).isVisible()).toBe(true);
    expect(await panel(c2, 2).locator('.counter-number').textContent()).toBe(offline);
    await press(c2, 2, 'Hoàn thành');
    await confirm.getByRole('button', { name: 'Xóa và phục vụ người tiếp theo' }).click();
    await expect.poll(() => said(c2, 2)).toBe(`Đã hoàn thành số ${offline}. Thông tin người dân đã được xóa khỏi kiosk.`);
    await expect.poll(() => c2.getByText(`Xin chào, ${DEMO_CITIZEN.name}`).count()).toBe(0);
    expect(await c2.getByRole('button', { name: 'Đăng nhập', exact: true }).isVisible()).toBe(true);

    // A counter screen opened again picks up the number it is serving.
    await c1.reload();
    await expect.poll(() => panel(c1, 1).locator('.counter-number').textContent()).toBe(b2);
    await finish(c1, 1, 'Hoàn thành', `Đã hoàn thành số ${b2}. Thông tin người dân đã được xóa khỏi kiosk.`);

    // The absent one is back at the end of the line, with its miss counted.
    expect(await callNext(c1, 1)).toBe(b1);
    expect(await panel(c1, 1).getByText('Đã vắng mặt 1 lần').isVisible()).toBe(true);
    await shown(b1, 1);
    await finish(c1, 1, 'Hoàn thành', `Đã hoàn thành số ${b1}. Thông tin người dân đã được xóa khỏi kiosk.`);

    // Nobody left: a plain notice, not an error.
    await press(c2, 2, 'Gọi số tiếp theo');
    await expect.poll(() => said(c2, 2)).toContain('Không còn ai đang chờ ở các lĩnh vực của quầy này.');
    expect(await panel(c2, 2).getByRole('alert').count()).toBe(0);

    // The board read every call aloud, in order.
    expect(await board.evaluate(() => (globalThis as unknown as { said: string[] }).said.length)).toBe(onBoard.length);

    // No number held twice, the offline one included.
    const all = (await tickets()).map(labelOf);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(taken));

    // The day's figures, from the portal's officer endpoint.
    const officer = await loginOfficer(portal.url, OFFICER);
    const res = await call(portal.url, 'GET', '/api/v1/officer/queue/figures', { token: officer.token });
    expect(res.status).toBe(200);
    const figures = QueueFiguresSchema.parse(res.body);
    const elapsedMinutes = (Date.now() - started) / 60_000;
    expect(figures).toMatchObject({ issued: 4, served: 4, noShows: 0 });
    const both = figures.byCounter.map((c) => c.counter);
    expect(both).toEqual([1, 2]);
    for (const c of figures.byCounter) {
      expect(c.serving.count).toBe(c.counter === 1 ? 3 : 1);
      expect(c.serving.maxMinutes ?? -1).toBeGreaterThanOrEqual(0);
      expect(c.serving.maxMinutes ?? Infinity).toBeLessThanOrEqual(elapsedMinutes);
    }
    // The first number waited from its taking, through the portal's outage, to its first call.
    const waitedB = figures.byArea.find((a) => a.area === 'B')?.waiting;
    expect(waitedB?.count).toBe(3);
    expect(waitedB?.maxMinutes ?? 0).toBeGreaterThan(0);
    expect(waitedB?.maxMinutes ?? Infinity).toBeLessThanOrEqual(elapsedMinutes);
  }, 120_000);
});
