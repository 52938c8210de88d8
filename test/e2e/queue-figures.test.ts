import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QueueFiguresSchema, TicketSchema, type QueueFigures, type Ticket } from '../../src-shared/portal-queue-api.js';
import { accessibilityProblems } from '../support/a11y.js';
import { launchChromium, layoutProblems, SCREENS } from '../support/browser.js';
import { startKiosk, type KioskProcess } from '../support/kiosk-process.js';
import { signInOfficer, OFFICER } from '../support/officer-flow.js';
import { call, loginOfficer } from '../support/portal-auth.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { fillDate } from '../support/wizard-flow.js';

/**
 * "Số liệu hàng đợi" at an assisted counter: a morning of queue activity made
 * on the portal through its HTTP API (tickets taken by a kiosk device, called,
 * completed and marked absent by the officer), on the portal's test clock so
 * the minutes are known; then the officer opens the view by its label on the
 * kiosk and reads the same figures the endpoint returns.
 */
const CENTRE = '000.00.31.H48';
const MINUTE = 60_000;
// Monday 2 March 2026, 08:00 in Vietnam: the centre is open whatever the machine's clock says.
const clock = testClock(new Date('2026-03-02T01:00:00.000Z'));

describe('Số liệu hàng đợi', () => {
  let portal: Awaited<ReturnType<typeof startTestPortal>>;
  let kiosk: KioskProcess;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startTestPortal({ now: clock.now });
    [kiosk, browser] = await Promise.all([
      startKiosk({ env: { KIOSK_MODE: 'assisted', KIOSK_PORTAL_URL: portal.url, KIOSK_TRAINING: '1', KIOSK_QUEUE_CENTRE: CENTRE } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await portal?.close();
  });

  /** The morning: 3 tickets in the 8 o'clock hour, 1 in the 9 o'clock hour; 3 served, 1 absent three times. */
  async function morning(): Promise<QueueFigures> {
    // A kiosk device's session is short: it signs in again for each ticket, as the kiosk would after a lapse.
    const deviceToken = async (): Promise<string> => {
      const device = await call<{ token: string }>(portal.url, 'POST', '/api/v1/auth/kiosk', {
        body: { kioskId: 'KIOSK-SO-LIEU', kioskKey: 'khoa-thiet-bi-kiem-thu-KIOSK-SO-LIEU-0123456789abcdef' },
      });
      expect(device.status, JSON.stringify(device.body)).toBe(200);
      return device.body.token;
    };
    const officer = await loginOfficer(portal.url, OFFICER);
    const take = async (area: string): Promise<Ticket> => {
      const r = await call(portal.url, 'POST', `/api/v1/queue/centres/${CENTRE}/tickets`, { token: await deviceToken(), body: { area } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return TicketSchema.parse(r.body);
    };
    const act = async (path: string, counter: number): Promise<Ticket> => {
      const r = await call(portal.url, 'POST', `/api/v1/officer/queue${path}`, { token: officer.token, body: { counter } });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return TicketSchema.parse(r.body);
    };
    const later = (minutes: number) => clock.advance(minutes * MINUTE);

    // The kiosk holds a reserved block of each area's first numbers: compare tickets by id, not by label.
    const first = await take('A');
    const second = await take('B');
    const absent = await take('B');
    later(12); // 08:12
    const a1 = await act('/next', 1);
    expect(a1.id).toBe(first.id);
    later(18); // 08:30
    await act(`/tickets/${a1.id}/complete`, 1);
    const b1 = await act('/next', 2);
    expect(b1.id).toBe(second.id);
    later(15); // 08:45
    await act(`/tickets/${b1.id}/complete`, 2);
    for (let miss = 0; miss < 3; miss++) {
      expect((await act('/next', 1)).id).toBe(absent.id);
      await act(`/tickets/${absent.id}/absent`, 1);
    }
    // No gap over the portal's 30 idle minutes: the officer's session stays open all morning.
    later(15); // 09:00
    await take('C');
    later(10); // 09:10
    const c1 = await act('/next', 2);
    later(25); // 09:35
    await act(`/tickets/${c1.id}/complete`, 2);

    const answer = await call(portal.url, 'GET', '/api/v1/officer/queue/figures', { token: officer.token });
    expect(answer.status).toBe(200);
    return QueueFiguresSchema.parse(answer.body);
  }

  it('shows the day\'s figures as the endpoint computes them, per counter and per area, and says when a day has none', async () => {
    const figures = await morning();
    expect(figures).toMatchObject({ day: '2026-03-02', issued: 4, served: 3, noShows: 1, busiestHour: 8 });

    const page = await browser.newPage({ viewport: SCREENS.landscape });
    await page.goto(kiosk.kioskUrl);
    await signInOfficer(page, portal.url);
    await page.getByRole('link', { name: /Số liệu hàng đợi/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Tổng quan ngày 02/03/2026' }).isVisible(), { timeout: 15_000 }).toBe(true);

    const fact = async (label: string) => (await page.locator('.facts div', { has: page.getByText(label, { exact: true }) }).locator('dd').innerText()).trim();
    expect(await fact('Số đã cấp')).toBe(String(figures.issued));
    expect(await fact('Đã phục vụ')).toBe(String(figures.served));
    expect(await fact('Vắng mặt')).toBe(String(figures.noShows));
    expect(await fact('Giờ đông nhất')).toBe('8–9 giờ');

    // Minutes in Vietnamese number format (decimal comma), "—" where nothing was timed.
    const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
    const min = (m: number | null) => (m === null ? '—' : `${vi.format(m)} phút`);
    const rowsOf = async (table: string) =>
      (await page.getByRole('table', { name: table }).getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').map((c) => c.trim()));
    expect(await rowsOf('Theo quầy')).toEqual(
      figures.byCounter.map((c) => [`Quầy số ${c.counter}`, String(c.serving.count), min(c.waiting.averageMinutes), min(c.waiting.maxMinutes), min(c.serving.averageMinutes), min(c.serving.maxMinutes)]),
    );
    // Counter 1 waited 12 and 45 minutes for its first calls: the average has a decimal comma.
    expect((await rowsOf('Theo quầy'))[0]).toEqual(['Quầy số 1', '1', '28,5 phút', '45 phút', '18 phút', '18 phút']);
    const areaNames: Record<string, string> = { A: 'Hộ tịch', B: 'Chứng thực', C: 'Hoạt động xây dựng' };
    expect(await rowsOf('Theo lĩnh vực')).toEqual(
      figures.byArea.map((a) => [`${a.area} — ${areaNames[a.area] ?? '?'}`, String(a.serving.count), min(a.waiting.averageMinutes), min(a.waiting.maxMinutes), min(a.serving.averageMinutes), min(a.serving.maxMinutes)]),
    );
    expect(await layoutProblems(page)).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);

    // English second: the same figures, worded and numbered for English.
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Queue figures' }).isVisible()).toBe(true);
    expect(await fact('Busiest hour')).toBe('8:00–9:00');
    expect((await rowsOf('Per counter'))[0]).toEqual(['Counter 1', '1', '28.5 min', '45 min', '18 min', '18 min']);
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();

    // The day before had no queue: said plainly, no empty tables.
    await fillDate(page, 'Ngày xem số liệu', '2026-03-01');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await expect.poll(() => page.getByText('Chưa có số liệu cho ngày 01/03/2026.').isVisible()).toBe(true);
    expect(await page.getByRole('table').count()).toBe(0);
  });
});
