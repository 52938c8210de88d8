import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type StoreDatabase } from '../../src-main/store/database.js';
import { QueueStore } from '../../src-main/store/queue-store.js';

/**
 * The kiosk's reserved numbers for when the portal is out of reach: each
 * number of a block goes to one ticket only, in order, across restarts;
 * reported tickets leave the list to report.
 */
const CENTRE = '000.00.31.H48';
const DAY = '2026-12-03';
const CHUNG_THUC = { centre: CENTRE, area: 'B', areaName: 'Chứng thực', counters: [1, 2], priority: false };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 2, minute)).toISOString();

const dirs: string[] = [];
const dbs: StoreDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(dir?: string): { dir: string; db: StoreDatabase; queue: QueueStore } {
  const d = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'queue-store-'));
  if (!dir) dirs.push(d);
  const db = openStore(d);
  dbs.push(db);
  return { dir: d, db, queue: new QueueStore(db) };
}

describe('offline number blocks', () => {
  it('hands out each number of a block once, in order, and then nothing', () => {
    const { queue } = open();
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 21, to: 23 });
    const labels = [0, 1, 2].map((n) => queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(n) })?.label);
    expect(labels).toEqual(['B-021', 'B-022', 'B-023']);
    expect(queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(3) })).toBeNull();
    expect(queue.remaining(CENTRE, DAY).get('B')).toBe(0);
  });

  it('uses only the area and day the block was given for', () => {
    const { queue } = open();
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 1, to: 5 });
    expect(queue.issueOffline({ ...CHUNG_THUC, area: 'A', areaName: 'Hộ tịch', day: DAY, issuedAt: at(0) })).toBeNull();
    expect(queue.issueOffline({ ...CHUNG_THUC, day: '2026-12-04', issuedAt: at(0) })).toBeNull();
  });

  it('goes on after the block it used up with the next one, and a block sent twice counts once', () => {
    const { queue } = open();
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 1, to: 1 });
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 41, to: 42 });
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 41, to: 42 });
    expect(queue.remaining(CENTRE, DAY).get('B')).toBe(3);
    const labels = [0, 1, 2, 3].map((n) => queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(n) })?.label ?? null);
    expect(labels).toEqual(['B-001', 'B-041', 'B-042', null]);
  });

  it('never gives a number again after a restart', () => {
    const first = open();
    first.queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 11, to: 20 });
    const before = first.queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(0) });
    first.db.close();

    const again = open(first.dir);
    const after = again.queue.issueOffline({ ...CHUNG_THUC, priority: true, day: DAY, issuedAt: at(1) });
    expect(before?.label).toBe('B-011');
    expect(after?.label).toBe('B-012');
    expect(again.queue.get(before?.localId ?? '')?.label).toBe('B-011');
    expect(again.queue.remaining(CENTRE, DAY).get('B')).toBe(8);
  });

  it('lists offline tickets to report until the portal has them, and an online one never', () => {
    const { queue } = open();
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 1, to: 10 });
    const a = queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(0) });
    const b = queue.issueOffline({ ...CHUNG_THUC, priority: true, day: DAY, issuedAt: at(1) });
    queue.recordOnline({ ...CHUNG_THUC, portalId: 'p-online', number: 11, day: DAY, issuedAt: at(2), ahead: 2, estimatedWaitMinutes: 7, statusUrl: 'http://portal/hang-doi/so/p-online' });
    expect(queue.unreported(10).map((t) => [t.label, t.priority])).toEqual([
      ['B-001', false],
      ['B-002', true],
    ]);

    queue.markReported(a?.localId ?? '', { portalId: 'p-a', statusUrl: 'http://portal/hang-doi/so/p-a', ahead: 1, estimatedWaitMinutes: null }, at(5));
    queue.markUnreportable(b?.localId ?? '', 'NOT_IN_BLOCK', at(5));
    expect(queue.unreported(10)).toEqual([]);
    const reported = queue.get(a?.localId ?? '');
    expect(reported).toMatchObject({ offline: true, portalId: 'p-a', statusUrl: 'http://portal/hang-doi/so/p-a', ahead: 1, reportedAt: at(5), reportError: null });
    expect(queue.get(b?.localId ?? '')?.reportError).toBe('NOT_IN_BLOCK');
  });

  it('passes over a number it already holds (one person per number)', () => {
    const { queue } = open();
    queue.recordOnline({ ...CHUNG_THUC, portalId: 'p-1', number: 1, day: DAY, issuedAt: at(0), ahead: 0, estimatedWaitMinutes: null, statusUrl: 'http://x' });
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 1, to: 2 });
    // A block overlapping a number the kiosk already printed (a portal fault) passes over it rather than hand it out twice.
    expect(queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(1) })?.label).toBe('B-002');
    expect(queue.issueOffline({ ...CHUNG_THUC, day: DAY, issuedAt: at(2) })).toBeNull();
  });

  it('forgets past days, except a ticket the portal has not heard of yet', () => {
    const { queue } = open();
    const before = '2026-11-25';
    queue.addBlock(CENTRE, { area: 'B', day: before, from: 1, to: 3 });
    const reported = queue.issueOffline({ ...CHUNG_THUC, day: before, issuedAt: at(0) });
    const pending = queue.issueOffline({ ...CHUNG_THUC, day: before, issuedAt: at(1) });
    queue.markReported(reported?.localId ?? '', { portalId: 'p', statusUrl: 'http://x', ahead: 0, estimatedWaitMinutes: null }, at(2));
    queue.addBlock(CENTRE, { area: 'B', day: DAY, from: 5, to: 6 });

    queue.prune('2026-11-26');
    expect(queue.get(reported?.localId ?? '')).toBeNull();
    expect(queue.get(pending?.localId ?? '')?.label).toBe('B-002');
    expect(queue.remaining(CENTRE, before).size).toBe(0);
    expect(queue.remaining(CENTRE, DAY).get('B')).toBe(2);
  });
});
