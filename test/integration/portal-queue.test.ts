import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallsSchema, NumberBlockSchema, QueueCentreSchema, QueueFiguresSchema, TicketSchema, type Ticket } from '../../src-shared/portal-queue-api.js';
import { testClock } from '../support/portal.js';
import type { TestAccount } from './portal-applications.fixture.js';
import { CAM_THANH, startOfficerPortal, type OfficerPortal } from './portal-officer-fixture.js';

// Monday 2 March 2026, 08:00 in Vietnam.
const MONDAY_8AM = new Date('2026-03-02T01:00:00.000Z');
const MINUTE = 60_000;

describe('Hàng đợi lấy số of a one-stop centre on the portal', () => {
  const clock = testClock(MONDAY_8AM);
  let p: OfficerPortal;
  let kioskA: TestAccount;
  let kioskB: TestAccount;
  let officer: TestAccount;
  const centre = `/api/v1/queue/centres/${CAM_THANH.code}`;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    kioskA = await p.kiosk('kiosk-hang-doi-a');
    kioskB = await p.kiosk('kiosk-hang-doi-b');
    officer = await p.demo('canbo.camthanh');
  });
  afterAll(async () => {
    await p.close();
  });

  const take = async (kiosk: TestAccount, area: string, priority = false): Promise<Ticket> => {
    clock.advance(1000);
    const r = await p.request('POST', `${centre}/tickets`, { token: kiosk.token, body: { area, priority } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return TicketSchema.parse(r.body);
  };
  const act = (path: string, body: unknown) => p.request('POST', `/api/v1/officer/queue${path}`, { token: officer.token, body });
  const next = async (counter: number): Promise<Ticket> => {
    const r = await act('/next', { counter });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return TicketSchema.parse(r.body);
  };

  it('lists the centre’s areas and refuses unknown areas, kiosks and centres in Vietnamese', async () => {
    const r = await p.request('GET', centre);
    expect(r.status).toBe(200);
    const c = QueueCentreSchema.parse(r.body);
    expect(c.areas.find((a) => a.letter === 'A')).toMatchObject({ name: 'Hộ tịch', counters: [1] });

    expect((await p.request('POST', `${centre}/tickets`, { token: kioskA.token, body: { area: 'Z' } })).body.error?.code).toBe('UNKNOWN_AREA');
    expect((await p.request('POST', `${centre}/tickets`, { token: null, body: { area: 'A' } })).status).toBe(401);
    expect((await p.request('POST', `${centre}/tickets`, { token: officer.token, body: { area: 'A' } })).status).toBe(403);
    const none = await p.request('GET', '/api/v1/queue/centres/000.00.06.H48');
    expect(none.status).toBe(404);
    expect(none.body.error?.message).toMatch(/chưa dùng hàng đợi/);
  });

  it('numbers tickets per area across kiosks, calls priority first with the interleave, and handles recall, absence, transfer and completion', async () => {
    const a1 = await take(kioskA, 'A');
    const a2 = await take(kioskB, 'A');
    const a3 = await take(kioskA, 'A');
    const pr = await take(kioskB, 'A', true);
    const b1 = await take(kioskA, 'B');
    expect([a1.label, a2.label, a3.label, pr.label, b1.label]).toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'B-001']);
    expect(a3.ahead).toBe(2);
    expect(pr.ahead).toBe(0);
    expect(a1.statusUrl).toMatch(/\/hang-doi\/so\/[0-9a-f-]{36}$/);

    // Priority first, then two ordinary tickets before the next priority one.
    const c1 = await next(1);
    expect(c1).toMatchObject({ label: 'A-004', status: 'called', counter: 1 });
    const busy = await act('/next', { counter: 1 });
    expect(busy.status).toBe(409);
    expect(busy.body.error?.message).toContain('A-004');
    clock.advance(5 * MINUTE);
    expect((await act(`/tickets/${c1.id}/complete`, { counter: 1 })).body).toMatchObject({ status: 'done' });

    const c2 = await next(1);
    expect(c2.label).toBe('A-001');
    expect((await act(`/tickets/${c2.id}/recall`, { counter: 1 })).status).toBe(200);
    // Another counter cannot act on counter 1's ticket.
    expect((await act(`/tickets/${c2.id}/complete`, { counter: 2 })).body.error?.code).toBe('TICKET_NOT_CALLED_HERE');
    // Absent: back in the line behind the others; the third miss cancels it.
    const back = await act(`/tickets/${c2.id}/absent`, { counter: 1 });
    expect(back.body).toMatchObject({ status: 'waiting', misses: 1 });
    expect(TicketSchema.parse(back.body).ahead).toBe(2);

    const c3 = await next(1);
    expect(c3.label).toBe('A-002');
    // Transfer to counter 2, which does not serve Hộ tịch, keeping its place.
    const moved = await act(`/tickets/${c3.id}/transfer`, { counter: 1, toCounter: 2 });
    expect(moved.body).toMatchObject({ status: 'waiting', counter: 2 });
    const atTwo = await next(2);
    expect(atTwo.label).toBe('A-002');
    clock.advance(7 * MINUTE);
    await act(`/tickets/${atTwo.id}/complete`, { counter: 2 });
    expect((await next(2)).label).toBe('B-001');

    for (let miss = 2; miss <= 3; miss += 1) {
      let called = await next(1);
      while (called.label !== 'A-001') {
        await act(`/tickets/${called.id}/complete`, { counter: 1 });
        called = await next(1);
      }
      const r = await act(`/tickets/${called.id}/absent`, { counter: 1 });
      expect(r.body).toMatchObject({ misses: miss, status: miss === 3 ? 'cancelled' : 'waiting' });
    }

    const status = await p.request('GET', `/api/v1/queue/tickets/${c2.id}`);
    expect(status.body).toMatchObject({ label: 'A-001', status: 'cancelled' });
    const page = await fetch(`${p.url}/hang-doi/so/${a3.id}`);
    expect(await page.text()).toContain('A-003');

    const calls = CallsSchema.parse((await p.request('GET', `${centre}/calls`)).body).calls;
    expect(calls.slice(0, 4).map((c) => [c.label, c.counter, c.recall])).toEqual([
      ['A-004', 1, false],
      ['A-001', 1, false],
      ['A-001', 1, true],
      ['A-002', 1, false],
    ]);
    const later = CallsSchema.parse((await p.request('GET', `${centre}/calls?after=${calls[1]?.seq ?? 0}`)).body).calls;
    expect(later[0]?.recall).toBe(true);
    // The board's clip words for "Mời số A-004 đến quầy số 1", each served as a WAV the build made.
    expect(calls[0]?.announcement).toEqual(['moi-so', 'chu-a', 'bon', 'den-quay-so', 'mot']);
    for (const id of calls[0]?.announcement ?? []) {
      const clip = await fetch(`${p.url}/hang-doi/am-thanh/${id}.wav`);
      expect(clip.headers.get('content-type'), id).toBe('audio/wav');
      const bytes = Buffer.from(await clip.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('latin1') + bytes.subarray(8, 12).toString('latin1')).toBe('RIFFWAVE');
      expect(bytes.length).toBeGreaterThan(4_000);
    }
    expect((await fetch(`${p.url}/hang-doi/am-thanh/khong-co.wav`)).status).toBe(404);
    expect((await fetch(`${p.url}/hang-doi/am-thanh/..%2Fqueue%2Fcentres.json`)).status).toBe(400);

    const figures = QueueFiguresSchema.parse((await p.request('GET', '/api/v1/officer/queue/figures', { token: officer.token })).body);
    expect(figures).toMatchObject({ issued: 5, noShows: 1 });
    expect(figures.byCounter.find((c) => c.counter === 2)?.serving).toMatchObject({ count: 1, averageMinutes: 7 });
  });

  it('gives a kiosk a block of numbers for when it is offline, reconciled without duplicates', async () => {
    const block = NumberBlockSchema.parse((await p.request('POST', `${centre}/blocks`, { token: kioskB.token, body: { area: 'C', size: 5 } })).body);
    const online = await take(kioskA, 'C');
    expect(online.label).toBe(`C-${String(block.to + 1).padStart(3, '0')}`);
    const offline = { area: 'C', priority: false, number: block.from, issuedAt: new Date(clock.now().getTime() - MINUTE).toISOString() };
    const first = await p.request('POST', `${centre}/offline-tickets`, { token: kioskB.token, body: offline });
    expect(first.status).toBe(201);
    const again = await p.request('POST', `${centre}/offline-tickets`, { token: kioskB.token, body: offline });
    expect(again.body.id).toBe(first.body.id);
    // It joined the line when it was taken, before the online one.
    expect(TicketSchema.parse(first.body).ahead).toBe(0);
    const wrongKiosk = await p.request('POST', `${centre}/offline-tickets`, { token: kioskA.token, body: { ...offline, number: block.from + 1 } });
    expect(wrongKiosk.body.error?.code).toBe('NOT_IN_BLOCK');
  });

  it('does not let two counters call the same ticket at once', async () => {
    for (const counter of [1, 2]) {
      const now = await p.request('GET', `/api/v1/officer/queue/counters/${counter}`, { token: officer.token });
      const serving = (now.body as { serving: Ticket | null }).serving;
      if (serving) await act(`/tickets/${serving.id}/complete`, { counter });
    }
    const one = await take(kioskA, 'B');
    const two = await take(kioskB, 'B');
    const [x, y] = await Promise.all([act('/next', { counter: 1 }), act('/next', { counter: 2 })]);
    expect([x.status, y.status]).toEqual([200, 200]);
    const ids = [x, y].map((r) => TicketSchema.parse(r.body).id);
    expect(new Set(ids).size).toBe(2);
    // Counter 1 also has Hộ tịch tickets waiting; whichever it called, no B ticket went to both.
    expect([one.id, two.id].filter((id) => ids.includes(id)).length).toBeGreaterThan(0);
  });

  it('expires the day’s tickets at closing time and takes none after it', async () => {
    const waiting = await take(kioskA, 'D');
    clock.set(new Date('2026-03-02T10:00:00.000Z')); // 17:00 in Vietnam
    // Read before any write after closing: the public reads derive the expiry themselves.
    expect((await p.request('GET', `/api/v1/queue/tickets/${waiting.id}`)).body).toMatchObject({ status: 'expired', ahead: 0, estimatedWaitMinutes: null });
    const areas = (await p.request('GET', centre)).body as { areas: { letter: string; waiting: number }[] };
    expect(areas.areas.find((a) => a.letter === 'D')?.waiting).toBe(0);
    kioskA = await p.renew(kioskA);
    const closed = await p.request('POST', `${centre}/tickets`, { token: kioskA.token, body: { area: 'D' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error?.message).toMatch(/hết giờ lấy số/);
    expect((await p.request('GET', `/api/v1/queue/tickets/${waiting.id}`)).body).toMatchObject({ status: 'expired' });
    clock.set(new Date('2026-03-03T01:00:00.000Z'));
    kioskA = await p.renew(kioskA);
    expect((await take(kioskA, 'D')).label).toBe('D-001');
  });
});
