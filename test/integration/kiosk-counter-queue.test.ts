import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import type { CounterFigures, CounterNow } from '../../src-shared/kiosk-contract/counter-queue.js';
import { TicketSchema, type Ticket } from '../../src-shared/portal-queue-api.js';
import { signInOfficer } from '../support/host-session.js';
import { testClock } from '../support/portal.js';
import type { TestAccount } from './portal-applications.fixture.js';
import { CAM_THANH, startOfficerPortal, type OfficerPortal } from './portal-officer-fixture.js';

/**
 * The counter's queue buttons through the host's dispatcher, as the counter
 * panel calls them, against the real reference portal: two assisted desks
 * (counters 1 and 2 of Cẩm Thành) and one assisted kiosk with no counter.
 */

type Failure = { code: string; message: string; detail?: string; reason?: string };
type Result<T> = { ok: true; data: T } | { ok: false; error: Failure };

let p: OfficerPortal;
let kiosk: TestAccount;
const clock = testClock(new Date('2026-03-02T01:00:00.000Z')); // a Monday, 08:00 in Vietnam
const hosts: Host[] = [];
const dirs: string[] = [];

async function deskHost(kioskId: string, counter: number | null): Promise<Host> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-counter-'));
  dirs.push(dataDir);
  const host = await createHost(KioskConfigSchema.parse({ portalUrl: p.url, dataDir, kioskId, training: true, mode: 'assisted', counter }), { shell: 'browser' });
  hosts.push(host);
  return host;
}

const dispatch = async <T>(host: Host, name: string, input: unknown) => (await host.dispatch(name, input)) as Result<T>;
async function call<T>(host: Host, name: string, input: unknown = {}): Promise<T> {
  const r = await dispatch<T>(host, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.detail ?? ''} ${r.error.message}`);
  return r.data;
}
async function refused(host: Host, name: string, input: unknown = {}): Promise<Failure> {
  const r = await dispatch(host, name, input);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error;
}

async function take(area: string, priority = false): Promise<Ticket> {
  const r = await p.request('POST', `/api/v1/queue/centres/${CAM_THANH.code}/tickets`, { token: kiosk.token, body: { area, priority } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return TicketSchema.parse(r.body);
}

const servingLabel = (now: CounterNow) => now.serving?.label ?? null;

describe('counterQueue.* through the host against the reference portal', () => {
  let one: Host;
  let two: Host;
  let none: Host;

  beforeAll(async () => {
    p = await startOfficerPortal({ now: clock.now });
    kiosk = await p.kiosk('KIOSK-LAY-SO');
    [one, two, none] = await Promise.all([deskHost('KIOSK-QUAY-1', 1), deskHost('KIOSK-QUAY-2', 2), deskHost('KIOSK-KHONG-QUAY', null)]);
    await Promise.all([signInOfficer(one, p.url), signInOfficer(two, p.url), signInOfficer(none, p.url)]);
  });

  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.close()));
    await p?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('calls priority first per the interleave, recalls, and completes; the desk is picked up again by counterQueue.now', async () => {
    const idle = await call<CounterNow>(one, 'counterQueue.now');
    expect(idle).toEqual({ counter: 1, serving: null, otherCounters: [2] });

    const empty = await refused(one, 'counterQueue.next');
    expect(empty).toMatchObject({ code: 'PORTAL_REFUSED', detail: 'PORTAL_QUEUE_EMPTY' });

    // The hosts reserved blocks of numbers for offline use: the labels are whatever the portal gave.
    const b1 = await take('B');
    const b2 = await take('B');
    const a1 = await take('A', true);
    clock.advance(60_000);

    // No priority call yet today: the priority ticket goes first though it came last.
    const first = await call<CounterNow>(one, 'counterQueue.next');
    expect(first.serving).toMatchObject({ id: a1.id, label: a1.label, priority: true, status: 'called', counter: 1, misses: 0, areaName: 'Hộ tịch' });
    // Still serving: the portal will not let this desk call another.
    expect(await refused(one, 'counterQueue.next')).toMatchObject({ code: 'PORTAL_REFUSED', detail: 'PORTAL_COUNTER_BUSY' });

    const again = await call<CounterNow>(one, 'counterQueue.recall', { ticketId: a1.id });
    expect(servingLabel(again)).toBe(a1.label);
    const calls = await p.request('GET', `/api/v1/queue/centres/${CAM_THANH.code}/calls?after=0`);
    expect((calls.body as unknown as { calls: { label: string; recall: boolean; counter: number }[] }).calls.map((c) => [c.label, c.counter, c.recall])).toEqual([
      [a1.label, 1, false],
      [a1.label, 1, true],
    ]);

    clock.advance(120_000);
    const done = await call<CounterNow>(one, 'counterQueue.complete', { ticketId: a1.id });
    expect(done).toEqual({ counter: 1, serving: null, otherCounters: [2], released: expect.objectContaining({ id: a1.id, status: 'done' }) });

    // Then ordinary ones; a second priority ticket waits for two ordinary calls since the last priority one.
    expect(servingLabel(await call<CounterNow>(one, 'counterQueue.next'))).toBe(b1.label);
    const a2 = await take('A', true);
    // A screen opened again picks up the ticket being served.
    expect((await call<CounterNow>(one, 'counterQueue.now')).serving?.id).toBe(b1.id);
    await call(one, 'counterQueue.complete', { ticketId: b1.id });
    expect(servingLabel(await call<CounterNow>(one, 'counterQueue.next'))).toBe(b2.label);
    await call(one, 'counterQueue.complete', { ticketId: b2.id });
    expect(servingLabel(await call<CounterNow>(one, 'counterQueue.next'))).toBe(a2.label);
    await call(one, 'counterQueue.complete', { ticketId: a2.id });
  });

  it('"Vắng mặt" sends the ticket back to the line; the third miss cancels it', async () => {
    const t = await take('C');
    for (const miss of [1, 2]) {
      const called = await call<CounterNow>(two, 'counterQueue.next');
      expect(called.serving).toMatchObject({ id: t.id, misses: miss - 1 });
      const after = await call<CounterNow>(two, 'counterQueue.absent', { ticketId: t.id });
      expect(after.serving).toBeNull();
      const status = TicketSchema.parse((await p.request('GET', `/api/v1/queue/tickets/${t.id}`)).body);
      expect(status).toMatchObject({ status: 'waiting', misses: miss });
    }
    await call(two, 'counterQueue.next');
    expect((await call<CounterNow>(two, 'counterQueue.absent', { ticketId: t.id })).released).toMatchObject({ id: t.id, status: 'cancelled', misses: 3 });
    const status = TicketSchema.parse((await p.request('GET', `/api/v1/queue/tickets/${t.id}`)).body);
    expect(status).toMatchObject({ status: 'cancelled', misses: 3 });
    expect(await refused(two, 'counterQueue.next')).toMatchObject({ detail: 'PORTAL_QUEUE_EMPTY' });
  });

  it('"Chuyển quầy" hands the ticket to the other counter, which calls it next', async () => {
    // C is counter 2's alone, so counter 1 calls it only once it is sent there.
    const t = await take('C');
    const called = await call<CounterNow>(two, 'counterQueue.next');
    expect(called).toMatchObject({ counter: 2, otherCounters: [1], serving: { id: t.id } });
    expect(await refused(two, 'counterQueue.transfer', { ticketId: t.id, toCounter: 2 })).toMatchObject({ code: 'INVALID_INPUT', detail: 'QUEUE_SAME_COUNTER' });
    const sent = await call<CounterNow>(two, 'counterQueue.transfer', { ticketId: t.id, toCounter: 1 });
    expect(sent.serving).toBeNull();
    expect(sent.released).toMatchObject({ id: t.id, status: 'waiting', counter: 1 });
    const status = TicketSchema.parse((await p.request('GET', `/api/v1/queue/tickets/${t.id}`)).body);
    expect(status).toMatchObject({ status: 'waiting', counter: 1 });

    const atOne = await call<CounterNow>(one, 'counterQueue.next');
    expect(atOne.serving).toMatchObject({ id: t.id, label: t.label, counter: 1 });
    await call(one, 'counterQueue.complete', { ticketId: t.id });
  });

  it('refuses a desk with no counter, and a ticket that is not the one this desk serves', async () => {
    expect(await call<CounterNow>(none, 'counterQueue.now')).toEqual({ counter: null, serving: null, otherCounters: [] });
    const noCounter = await refused(none, 'counterQueue.next');
    expect(noCounter).toMatchObject({ code: 'FORBIDDEN', detail: 'QUEUE_NO_COUNTER' });
    expect(noCounter.message).toContain('chưa được cấu hình số quầy');

    const theirs = await take('C');
    const mine = await take('B');
    const atTwo = await call<CounterNow>(two, 'counterQueue.next');
    expect(atTwo.serving?.id).toBe(theirs.id);
    // Counter 1 serves nothing; counter 2's ticket is not its to close.
    const notHere = await refused(one, 'counterQueue.complete', { ticketId: theirs.id });
    expect(notHere).toMatchObject({ code: 'PORTAL_REFUSED', detail: 'QUEUE_NOT_SERVING' });
    expect(TicketSchema.parse((await p.request('GET', `/api/v1/queue/tickets/${theirs.id}`)).body).status).toBe('called');
    expect(await refused(one, 'counterQueue.transfer', { ticketId: 'khong-phai-uuid', toCounter: 2 })).toMatchObject({ code: 'INVALID_INPUT' });

    await call(one, 'counterQueue.next');
    expect(await refused(two, 'counterQueue.recall', { ticketId: mine.id })).toMatchObject({ detail: 'QUEUE_NOT_SERVING' });
    await call(one, 'counterQueue.complete', { ticketId: mine.id });
    await call(two, 'counterQueue.complete', { ticketId: theirs.id });
  });

  it('a desk whose host restarted acts on the ticket the portal says it is calling', async () => {
    const t = await take('B');
    expect((await call<CounterNow>(one, 'counterQueue.next')).serving?.id).toBe(t.id);
    // Another host for counter 1 (the kiosk restarted): it has no memory of the ticket, the portal has.
    const again = await deskHost('KIOSK-QUAY-1-LAI', 1);
    await signInOfficer(again, p.url);
    const done = await call<CounterNow>(again, 'counterQueue.complete', { ticketId: t.id });
    expect(done.released).toMatchObject({ id: t.id, status: 'done' });
    // The first host's picture is stale: the portal says no, in words the counter understands.
    expect(await refused(one, 'counterQueue.recall', { ticketId: t.id })).toMatchObject({ code: 'PORTAL_REFUSED', detail: 'PORTAL_TICKET_NOT_CALLED_HERE' });
    expect((await call<CounterNow>(one, 'counterQueue.now')).serving).toBeNull();
  });

  it('the day in figures: served and no-shows, waiting and serving times from the portal clock', async () => {
    const f = await call<CounterFigures>(one, 'counterQueue.figures');
    // Two A and two B in the first test, one C cancelled after three misses, the transferred C, one B and one C, the one completed after a restart.
    expect(f).toMatchObject({ issued: 9, served: 8, noShows: 1 });
    const c1 = f.byCounter.find((c) => c.counter === 1);
    expect(c1?.serving.count).toBeGreaterThan(0);
    // The first priority ticket waited one minute and was served for two; the clock stood still for the others.
    expect(f.byArea.find((a) => a.area === 'A')).toMatchObject({ areaName: 'Hộ tịch' });
    expect(c1?.serving.maxMinutes).toBe(2);
    expect(c1?.waiting.maxMinutes).toBeGreaterThanOrEqual(1);
  });
});
