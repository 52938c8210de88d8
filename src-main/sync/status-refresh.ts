import { isTerminalStatus, isStatusCode } from '../../src-shared/domain/application-status.js';
import type { HostEvents } from '../events.js';
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Applications } from '../store/store.js';
import { errorClass, silentLog, type HostLog } from '../log/host-log.js';
import { PeriodicJob } from './periodic-job.js';

/**
 * Keeps the status of applications sent from this kiosk fresh, so "Tra cứu
 * hồ sơ" can answer for them offline with a "last updated" time.
 */
export class StatusRefresh {
  private readonly job = new PeriodicJob(
    () => this.pass(),
    (e) => this.log.error('status-refresh.failed', { error: errorClass(e) }),
  );

  constructor(
    private readonly apps: Applications,
    private readonly portal: PortalClient,
    private readonly events: HostEvents,
    private readonly now: () => Date = () => new Date(),
    private readonly log: HostLog = silentLog,
  ) {}

  start(intervalSeconds: number): void {
    this.job.start(intervalSeconds);
  }

  async stop(): Promise<void> {
    await this.job.stop();
  }

  /** One pass over open applications; concurrent callers share it. Never rejects. */
  refreshAll(): Promise<void> {
    return this.job.runNow();
  }

  private async pass(): Promise<void> {
    const open = this.apps
      .list({ states: ['accepted'], limit: 500 })
      .filter((a) => a.officialCode && !(a.status && isStatusCode(a.status.code) && isTerminalStatus(a.status.code)));
    for (const a of open) {
      try {
        const view = await this.portal.lookupApplication(a.officialCode as string, { asKiosk: true });
        this.apps.updateStatus(view.code, { code: view.status.code, name: view.status.name }, this.now().toISOString());
        if (view.status.code !== a.status?.code) {
          this.events.emit({
            type: 'application.updated',
            application: { localId: a.localId, provisionalNo: a.provisionalNo, state: a.state, officialCode: a.officialCode, appointmentAt: a.appointmentAt, portalMessage: a.portalMessage },
          });
        }
      } catch (e) {
        if (!(e instanceof PortalCallError)) {
          // One application's local fault (its row, the store) must not stop the others' refresh.
          this.log.error('status-refresh.local-fault', { localId: a.localId, error: errorClass(e) });
          continue;
        }
        if (e.kind === 'unreachable' || e.kind === 'server') {
          this.log.warn('status-refresh.portal-away', { reason: e.kind });
          return;
        }
      }
    }
  }
}
