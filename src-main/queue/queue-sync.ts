import { addDaysToKey, vnDateKey } from '../../src-shared/domain/vn-time.js';
import { errorClass, silentLog, type HostLog } from '../log/host-log.js';
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Reachability } from '../portal/reachability.js';
import type { QueueTickets } from '../store/store.js';
import { PeriodicJob } from '../sync/periodic-job.js';
import type { QueueDesk } from './queue-desk.js';

/** Numbers asked for at a time per area, and how few left makes the kiosk ask again. */
export const BLOCK_SIZE = 10;
export const REFILL_BELOW = 4;
const REPORT_BATCH = 50;
/** Days of tickets kept on the kiosk ("In lại", and the support desk's questions). */
const KEEP_DAYS = 7;

/**
 * While the portal answers: tells it of the tickets given out offline (its
 * endpoint is idempotent, so a report whose answer was lost is simply sent
 * again), then tops up each area's reserved block for the day.
 */
export class QueueSync {
  private readonly job = new PeriodicJob(
    () => this.pass(),
    (e) => this.log.error('queue-sync.failed', { error: errorClass(e) }),
  );

  constructor(
    private readonly deps: { portal: PortalClient; store: QueueTickets; desk: QueueDesk; reachability: Reachability; centre: string; now: () => Date; log?: HostLog },
  ) {
    deps.reachability.whenBack(() => void this.runNow());
  }

  private get log(): HostLog {
    return this.deps.log ?? silentLog;
  }

  start(intervalSeconds: number): void {
    this.job.start(intervalSeconds);
    void this.runNow();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One pass; callers meanwhile share it. Never rejects. */
  runNow(): Promise<void> {
    return this.job.runNow();
  }

  private async pass(): Promise<void> {
    this.deps.store.prune(addDaysToKey(vnDateKey(this.deps.now()), -KEEP_DAYS));
    if (!(await this.report())) return;
    await this.refill();
  }

  /** False when the portal went away during the pass. */
  private async report(): Promise<boolean> {
    const { portal, store, centre, now } = this.deps;
    for (const t of store.unreported(REPORT_BATCH)) {
      try {
        const answer = await portal.reportOfflineTicket(t.centre, { area: t.area, priority: t.priority, number: t.number, issuedAt: t.issuedAt });
        store.markReported(t.localId, { portalId: answer.id, statusUrl: answer.statusUrl, ahead: answer.ahead, estimatedWaitMinutes: answer.estimatedWaitMinutes }, now().toISOString());
        this.log.info('queue.offline-reported', { label: t.label, centre });
      } catch (e) {
        if (!(e instanceof PortalCallError)) throw e;
        if (e.kind === 'unreachable' || e.kind === 'server' || e.status === 401 || e.status === 429) return false;
        // Refused for good (not in this kiosk's block, another day): sending it again would be refused again.
        store.markUnreportable(t.localId, e.portalCode ?? `HTTP ${e.status ?? '?'}`, now().toISOString());
        this.log.warn('queue.offline-refused', { label: t.label, reason: e.portalCode });
      }
    }
    return true;
  }

  private async refill(): Promise<void> {
    const { portal, store, desk, centre, now } = this.deps;
    let areas: string[];
    try {
      areas = (await desk.fetchCentre()).areas.map((a) => a.letter);
    } catch (e) {
      // A centre that does not queue (or a portal away) has nothing to reserve.
      this.log.info('queue.refill-skipped', { error: errorClass(e) });
      return;
    }
    const left = store.remaining(centre, vnDateKey(now()));
    for (const area of areas) {
      if ((left.get(area) ?? 0) >= REFILL_BELOW) continue;
      try {
        store.addBlock(centre, await portal.reserveNumbers(centre, { area, size: BLOCK_SIZE }));
      } catch (e) {
        if (!(e instanceof PortalCallError)) throw e;
        this.log.info('queue.refill-stopped', { error: errorClass(e), status: e.status });
        return;
      }
    }
  }
}
