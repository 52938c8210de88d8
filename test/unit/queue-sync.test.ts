import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NumberBlock, QueueCentre, Ticket } from '../../src-shared/portal-queue-api.js';
import { HostEvents } from '../../src-main/events.js';
import type { PortalClient } from '../../src-main/portal/portal-client.js';
import { PortalCallError } from '../../src-main/portal/portal-error.js';
import { Reachability } from '../../src-main/portal/reachability.js';
import { QueueDesk } from '../../src-main/queue/queue-desk.js';
import { BLOCK_SIZE, QueueSync } from '../../src-main/queue/queue-sync.js';
import { openStore, type StoreDatabase } from '../../src-main/store/database.js';
import { QueueStore } from '../../src-main/store/queue-store.js';

/**
 * The kiosk's queue job against a portal faked at the network edge: offline
 * tickets are reported (and marked so), one the portal refuses for good is
 * not sent again, an outage stops the pass, and blocks are topped up only
 * where few numbers are left.
 */
const CENTRE = '000.00.31.H48';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const DAY = '2026-03-02';
const HO_TICH = { centre: CENTRE, area: 'A', areaName: 'Hộ tịch', counters: [1], priority: false };
const CENTRE_VIEW: QueueCentre = {
  agencyCode: CENTRE,
  name: 'UBND phường Cẩm Thành',
  closesAt: '17:00',
  areas: [
    { letter: 'A', name: 'Hộ tịch', counters: [1], waiting: 0 },
    { letter: 'B', name: 'Chứng thực', counters: [1, 2], waiting: 0 },
  ],
};

function ticket(area: string, number: number): Ticket {
  return {
    id: `p-${area}${number}`,
    label: `${area}-${String(number).padStart(3, '0')}`,
    area,
    areaName: 'Hộ tịch',
    priority: false,
    status: 'waiting',
    counter: null,
    ahead: 3,
    estimatedWaitMinutes: null,
    misses: 0,
    issuedAt: NOW.toISOString(),
    statusUrl: `http://portal/hang-doi/so/p-${area}${number}`,
  };
}

const dbs: StoreDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setUp(answer: (body: { area: string; number: number }) => Promise<Ticket>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-sync-'));
  dirs.push(dir);
  const db = openStore(dir);
  dbs.push(db);
  const store = new QueueStore(db);
  const reserved: { area: string; size: number }[] = [];
  const portal = {
    queueCentre: async () => CENTRE_VIEW,
    reportOfflineTicket: async (_centre: string, body: { area: string; number: number }) => answer(body),
    reserveNumbers: async (_centre: string, body: { area: string; size: number }): Promise<NumberBlock> => {
      reserved.push(body);
      const from = 100 + reserved.length * body.size;
      return { area: body.area, day: DAY, from, to: from + body.size - 1 };
    },
    onReachability: () => () => undefined,
    health: async () => undefined,
  } as unknown as PortalClient;
  const reachability = new Reachability(portal, new HostEvents());
  const now = () => NOW;
  const desk = new QueueDesk({ portal, store, reachability, centre: CENTRE, now, taken: () => undefined });
  const sync = new QueueSync({ portal, store, desk, reachability, centre: CENTRE, now });
  return { store, sync, reserved };
}

describe('the queue job', () => {
  it('reports offline tickets, marks them, does not resend one refused for good, then tops up the blocks', async () => {
    const { store, sync, reserved } = setUp(async (body) => {
      if (body.number === 2) throw new PortalCallError('rejected', 409, 'NOT_IN_BLOCK', 'Số A-002 không thuộc dãy số…');
      return ticket(body.area, body.number);
    });
    store.addBlock(CENTRE, { area: 'A', day: DAY, from: 1, to: 2 });
    const one = store.issueOffline({ ...HO_TICH, day: DAY, issuedAt: NOW.toISOString() });
    const two = store.issueOffline({ ...HO_TICH, day: DAY, issuedAt: NOW.toISOString() });

    await sync.runNow();
    expect(store.unreported(10)).toEqual([]);
    expect(store.get(one?.localId ?? '')).toMatchObject({ portalId: 'p-A1', statusUrl: 'http://portal/hang-doi/so/p-A1', ahead: 3, reportError: null });
    expect(store.get(two?.localId ?? '')?.reportError).toBe('NOT_IN_BLOCK');
    // A had no number left, B none at all: both get a block.
    expect(reserved).toEqual([
      { area: 'A', size: BLOCK_SIZE },
      { area: 'B', size: BLOCK_SIZE },
    ]);

    // Enough left everywhere: nothing more is asked.
    await sync.runNow();
    expect(reserved).toHaveLength(2);
    expect(store.remaining(CENTRE, DAY)).toEqual(new Map([['A', BLOCK_SIZE], ['B', BLOCK_SIZE]]));
  });

  it('stops at an outage: the ticket stays to report and no block is asked for', async () => {
    const { store, sync, reserved } = setUp(async () => {
      throw new PortalCallError('unreachable', null, null, 'Không kết nối được với Cổng dịch vụ công.');
    });
    store.addBlock(CENTRE, { area: 'A', day: DAY, from: 1, to: 5 });
    const held = store.issueOffline({ ...HO_TICH, day: DAY, issuedAt: NOW.toISOString() });
    await sync.runNow();
    expect(store.unreported(10).map((t) => t.localId)).toEqual([held?.localId]);
    expect(reserved).toEqual([]);
  });
});
