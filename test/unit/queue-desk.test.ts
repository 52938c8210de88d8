import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueCentre, Ticket } from '../../src-shared/portal-queue-api.js';
import { KioskError } from '../../src-shared/errors.js';
import { HostEvents } from '../../src-main/events.js';
import type { PortalClient } from '../../src-main/portal/portal-client.js';
import { PortalCallError } from '../../src-main/portal/portal-error.js';
import { Reachability } from '../../src-main/portal/reachability.js';
import { QueueDesk } from '../../src-main/queue/queue-desk.js';
import { openStore, type StoreDatabase } from '../../src-main/store/database.js';
import { QueueStore } from '../../src-main/store/queue-store.js';

/**
 * What "Lấy số" answers when the portal cannot give a number: each case a
 * clear error of its own, or a number from the block, and nothing taken
 * when it fails. The portal is faked at the network edge.
 */
const CENTRE = '000.00.31.H48';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const CENTRE_VIEW: QueueCentre = { agencyCode: CENTRE, name: 'UBND phường Cẩm Thành', closesAt: '17:00', areas: [{ letter: 'A', name: 'Hộ tịch', counters: [1], waiting: 2 }] };
const unreachable = () => new PortalCallError('unreachable', null, null, 'Không kết nối được với Cổng dịch vụ công.');

const dbs: StoreDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function desk(portalPart: { queueCentre?: () => Promise<QueueCentre>; takeTicket?: () => Promise<Ticket> }, reachable = true, now = NOW) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-desk-'));
  dirs.push(dir);
  const db = openStore(dir);
  dbs.push(db);
  const store = new QueueStore(db);
  const portal = { onReachability: () => () => undefined, health: async () => undefined, ...portalPart } as unknown as PortalClient;
  const reachability = new Reachability(portal, new HostEvents());
  reachability.report(reachable);
  reachability.stop();
  return { store, desk: new QueueDesk({ portal, store, reachability, centre: CENTRE, now: () => now, taken: () => undefined }) };
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (!(e instanceof KioskError)) throw e;
    return { code: e.code, message: e.message };
  }
}

describe('Lấy số when the portal cannot give one', () => {
  it('says the centre does not queue', async () => {
    const { desk: d } = desk({ queueCentre: () => Promise.reject(new PortalCallError('rejected', 404, 'QUEUE_NOT_OFFERED', 'Cơ quan này chưa dùng hàng đợi lấy số thứ tự.')) });
    expect((await codeOf(d.centre()))?.code).toBe('QUEUE_NOT_OFFERED');
    expect((await codeOf(d.take({ area: 'A', priority: false })))?.code).toBe('QUEUE_NOT_OFFERED');
  });

  it('keeps the portal\'s closing sentence', async () => {
    const closed = 'Bộ phận một cửa đã hết giờ lấy số hôm nay (đóng lúc 17:00). Vui lòng quay lại vào ngày làm việc tiếp theo.';
    const { desk: d } = desk({ queueCentre: async () => CENTRE_VIEW, takeTicket: () => Promise.reject(new PortalCallError('rejected', 409, 'QUEUE_CLOSED', closed)) });
    await d.centre();
    expect(await codeOf(d.take({ area: 'A', priority: false }))).toEqual({ code: 'QUEUE_CLOSED', message: closed });
  });

  it('lists the saved centre offline, says so, and tells an empty block apart from a portal never reached', async () => {
    let up = true;
    const { desk: d, store } = desk({ queueCentre: async () => (up ? CENTRE_VIEW : Promise.reject(unreachable())), takeTicket: () => Promise.reject(unreachable()) });
    await d.centre();
    up = false;
    expect(await d.centre()).toMatchObject({ online: false, areas: [{ letter: 'A', waiting: null }] });
    expect((await codeOf(d.take({ area: 'A', priority: false })))?.code).toBe('QUEUE_OFFLINE_EMPTY');

    store.addBlock(CENTRE, { area: 'A', day: '2026-03-02', from: 31, to: 40 });
    const { ticket } = await d.take({ area: 'A', priority: true });
    expect(ticket).toMatchObject({ label: 'A-031', offline: true, priority: true, ahead: null, statusUrl: null });

    const never = desk({ queueCentre: () => Promise.reject(unreachable()) }, false);
    expect((await codeOf(never.desk.centre()))?.code).toBe('PORTAL_UNREACHABLE');
  });

  it('refuses an area the centre does not list, taking no number', async () => {
    const { desk: d, store } = desk({ queueCentre: async () => CENTRE_VIEW }, false);
    await d.centre();
    store.addBlock(CENTRE, { area: 'A', day: '2026-03-02', from: 1, to: 3 });
    expect((await codeOf(d.take({ area: 'Z', priority: false })))?.code).toBe('INVALID_INPUT');
    expect(store.remaining(CENTRE, '2026-03-02').get('A')).toBe(3);
  });

  it('gives no reserve number after the saved closing time, and keeps the block whole', async () => {
    // 10:00 UTC = 17:00 in Vietnam, the saved centre's closing minute; a minute earlier still gives one.
    const closing = new Date('2026-03-02T10:00:00.000Z');
    const { desk: late, store } = desk({ queueCentre: async () => CENTRE_VIEW }, false, closing);
    store.saveCentre(CENTRE, JSON.stringify(CENTRE_VIEW), NOW.toISOString());
    store.addBlock(CENTRE, { area: 'A', day: '2026-03-02', from: 1, to: 3 });
    expect(await codeOf(late.take({ area: 'A', priority: false }))).toEqual({
      code: 'QUEUE_CLOSED',
      message: 'Bộ phận một cửa đã hết giờ lấy số hôm nay (đóng lúc 17:00). Vui lòng quay lại vào ngày làm việc tiếp theo.',
    });
    expect(store.remaining(CENTRE, '2026-03-02').get('A')).toBe(3);

    const { desk: before, store: other } = desk({ queueCentre: async () => CENTRE_VIEW }, false, new Date(closing.getTime() - 60_000));
    other.saveCentre(CENTRE, JSON.stringify(CENTRE_VIEW), NOW.toISOString());
    other.addBlock(CENTRE, { area: 'A', day: '2026-03-02', from: 1, to: 3 });
    expect((await before.take({ area: 'A', priority: false })).ticket).toMatchObject({ label: 'A-001', offline: true });
  });
});
