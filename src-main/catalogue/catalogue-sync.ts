import type { Procedure } from '../../src-shared/catalogue.js';
import type { CatalogueState } from '../../src-shared/kiosk-api.js';
import type { HostEvents } from '../events.js';
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Reachability } from '../portal/reachability.js';
import type { Catalogue } from '../store/store.js';
import { errorClass, silentLog, type HostLog } from '../log/host-log.js';
import { PeriodicJob } from '../sync/periodic-job.js';

const PAGE_SIZE = 200;

/**
 * Keeps the local catalogue cache in step with the portal: pulls what
 * changed since the cached version, applies it in one transaction, and
 * keeps serving the cache when the portal cannot be reached.
 */
export class CatalogueSync {
  private readonly job = new PeriodicJob(
    () => this.pull(),
    (e) => this.log.error('catalogue-sync.failed', { error: errorClass(e) }),
  );

  constructor(
    private readonly store: Catalogue,
    private readonly portal: PortalClient,
    private readonly events: HostEvents,
    private readonly reachability: Reachability,
    private readonly now: () => Date = () => new Date(),
    private readonly log: HostLog = silentLog,
  ) {
    reachability.whenBack(() => void this.syncNow());
  }

  state(): CatalogueState {
    const mark = this.store.mark();
    return { procedures: this.store.count(), version: mark.version, syncedAt: mark.syncedAt, portalReachable: this.reachability.isReachable };
  }

  /** Starts periodic refresh (the caller runs the first sync). */
  start(intervalSeconds: number): void {
    this.job.start(intervalSeconds);
  }

  async stop(): Promise<void> {
    await this.job.stop();
  }

  /** One sync; concurrent callers share the one in flight. Never throws. */
  syncNow(): Promise<void> {
    // A failure to apply what was pulled (the store, a bug) is logged; the cache keeps serving what it had.
    return this.job.runNow();
  }

  private async pull(): Promise<void> {
    const since = this.store.mark().version;
    const upserts: Procedure[] = [];
    const removed: string[] = [];
    let version = since;
    try {
      for (let page = 1; ; page++) {
        const res = await this.portal.fetchProcedures({ since, page, pageSize: PAGE_SIZE });
        if (page === 1) version = res.version;
        upserts.push(...res.items);
        removed.push(...res.removed);
        if (page * PAGE_SIZE >= res.total) break;
      }
    } catch (e) {
      if (!(e instanceof PortalCallError)) throw e;
      this.log.warn('catalogue-sync.portal-error', { reason: e.portalCode ?? e.kind });
      return;
    }
    const syncedAt = this.now().toISOString();
    if (upserts.length > 0 || removed.length > 0 || version !== since) {
      this.store.applySync({ upserts, removed, version, syncedAt });
    } else {
      this.store.markSynced(syncedAt);
    }
    this.log.info('catalogue-sync.done', { version, upserts: upserts.length, removed: removed.length });
    this.events.emit({ type: 'catalogue.changed', state: this.state() });
  }
}
