import { describe, expect, it } from 'vitest';
import { CatalogueSync } from '../../src-main/catalogue/catalogue-sync.js';
import { HostEvents } from '../../src-main/events.js';
import { toHostLog } from '../../src-main/log/host-log.js';
import type { PortalClient } from '../../src-main/portal/portal-client.js';
import { Reachability } from '../../src-main/portal/reachability.js';
import type { ApplicationsStore } from '../../src-main/store/applications-store.js';
import type { BlobStore } from '../../src-main/store/blob-store.js';
import type { CatalogueStore } from '../../src-main/store/catalogue-store.js';
import type { OutboxStore } from '../../src-main/store/outbox-store.js';
import { OutboxSync } from '../../src-main/sync/outbox-sync.js';
import { StatusRefresh } from '../../src-main/sync/status-refresh.js';

/**
 * Background work (timers, drain loops) against a store that fails: each
 * pass resolves, leaves a line naming the error class, and the next pass
 * still runs. The stores are the fakes here — the host's own SQLite faults
 * are what they stand for.
 */

class DiskError extends Error {
  constructor() {
    super('disk I/O error reading 051085001234');
    this.name = 'SqliteError';
  }
}

function failing<T>(methods: string[]): T {
  const o: Record<string, () => never> = {};
  for (const m of methods)
    o[m] = () => {
      throw new DiskError();
    };
  return o as unknown as T;
}

const portal = {} as PortalClient;

function reachability(): Reachability {
  return new Reachability(portal, new HostEvents(), 60_000);
}

describe('background work against a failing store', () => {
  it('status refresh: the pass resolves and logs the class, never the message', async () => {
    const lines: string[] = [];
    const refresh = new StatusRefresh(failing<ApplicationsStore>(['list']), portal, new HostEvents(), () => new Date(), toHostLog((l) => lines.push(l)));
    await expect(refresh.refreshAll()).resolves.toBeUndefined();
    await expect(refresh.refreshAll()).resolves.toBeUndefined();
    expect(lines).toEqual(['error status-refresh.failed error=SqliteError', 'error status-refresh.failed error=SqliteError']);
  });

  it('catalogue sync: a store that cannot be read is logged, and the next sync still runs', async () => {
    const lines: string[] = [];
    const sync = new CatalogueSync(failing<CatalogueStore>(['mark', 'applySync', 'markSynced']), portal, new HostEvents(), reachability(), () => new Date(), toHostLog((l) => lines.push(l)));
    await expect(sync.syncNow()).resolves.toBeUndefined();
    await expect(sync.syncNow()).resolves.toBeUndefined();
    expect(lines).toEqual(['error catalogue-sync.failed error=SqliteError', 'error catalogue-sync.failed error=SqliteError']);
  });

  it('outbox: a pass whose store fails is logged and the loop keeps its timer', async () => {
    const lines: string[] = [];
    const outbox = failing<OutboxStore>(['due', 'nextDueAt', 'wakeAll', 'pendingCount', 'parkedCount']);
    const sync = new OutboxSync(failing<ApplicationsStore>([]), outbox, failing<BlobStore>([]), portal, new HostEvents(), reachability(), {
      kioskId: 'KIOSK-T',
      idleMs: 20,
      log: toHostLog((l) => lines.push(l)),
    });
    sync.start();
    await sync.idle();
    // the timer that needs nothing from the store brings the next pass
    await new Promise((r) => setTimeout(r, 80));
    sync.syncNow();
    await sync.stop();
    expect(lines.filter((l) => l === 'error outbox.drain-failed error=SqliteError').length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain('error outbox.schedule-failed error=SqliteError');
    expect(lines).toContain('error outbox.wake-failed error=SqliteError');
    expect(lines.join('\n')).not.toContain('051085001234');
  });
});
