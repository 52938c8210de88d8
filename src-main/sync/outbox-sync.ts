import type { HostEvents } from '../events.js';
import { PortalCallError, type PortalClient } from '../portal/portal-client.js';
import type { Reachability } from '../portal/reachability.js';
import type { ApplicationsStore } from '../store/applications-store.js';
import type { BlobStore } from '../store/blob-store.js';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

export interface OutboxSyncOptions {
  kioskId: string;
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Longest sleep between looks at the outbox, even when nothing is due. */
  idleMs?: number;
  log?: (line: string) => void;
}

/**
 * Drains the outbox to the portal. Each entry is sent with the idempotency
 * key it was committed with — on every try, across crashes and restarts —
 * so the portal creates each application once. Failures that may pass
 * (network, timeouts, 5xx, 429, 409 in flight) are retried with backoff;
 * a refusal (4xx) puts the application in "cần sửa" with the portal's words.
 */
export class OutboxSync {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private lastSyncAt: string | null = null;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly log: (line: string) => void;

  constructor(
    private readonly apps: ApplicationsStore,
    private readonly outbox: OutboxStore,
    private readonly blobs: BlobStore,
    private readonly portal: PortalClient,
    private readonly events: HostEvents,
    private readonly reachability: Reachability,
    private readonly opts: OutboxSyncOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.log = opts.log ?? (() => undefined);
    reachability.whenBack(() => this.syncNow());
  }

  state(): { pending: number; lastSyncAt: string | null; portalReachable: boolean } {
    return { pending: this.outbox.pendingCount(), lastSyncAt: this.lastSyncAt, portalReachable: this.reachability.isReachable };
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }

  /** A new submission was committed: tell the UI how many wait, and look now. */
  enqueued(): void {
    this.events.emit({ type: 'sync.state', state: this.state() });
    this.kick();
  }

  /** Look at the outbox now. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.schedule();
    });
  }

  /** "Đồng bộ ngay": every waiting entry becomes due at once. */
  syncNow(): void {
    this.outbox.wakeAll(this.now().getTime());
    this.kick();
  }

  /** Resolves when nothing is due any more (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private schedule(): void {
    if (this.stopped) return;
    const next = this.outbox.nextDueAt();
    const idle = this.opts.idleMs ?? 60_000;
    const wait = next === null ? idle : Math.min(idle, Math.max(0, next - this.now().getTime()));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const due = this.outbox.due(this.now().getTime(), 10);
      if (due.length === 0) return;
      for (const entry of due) {
        if (this.stopped) return;
        await this.send(entry);
      }
    }
  }

  private async send(entry: OutboxEntry): Promise<void> {
    const app = this.apps.get(entry.applicationId);
    const personal = this.apps.personal(entry.applicationId);
    if (!app || !personal) return;
    try {
      const files = app.attachments.map((a, i) => ({
        componentId: a.componentId,
        fileName: personal.fileNames[i] ?? `tep-${i + 1}`,
        mime: a.mime,
        bytes: this.blobs.get(a.sha256),
      }));
      const created = await this.portal.submitApplication({
        idempotencyKey: entry.idempotencyKey,
        application: {
          procedureCode: app.procedureCode,
          applicant: personal.applicant,
          fields: personal.fields,
          channel: personal.channel,
          kioskId: this.opts.kioskId,
          declarationAccepted: true,
        },
        files,
      });
      this.apps.markAccepted(app.localId, entry.id, {
        code: created.code,
        receivedAt: created.receivedAt,
        appointmentAt: created.appointmentAt,
        status: { code: created.status.code, name: created.status.name },
      });
      this.lastSyncAt = this.now().toISOString();
      this.reachability.report(true);
      this.emit(app.localId);
    } catch (e) {
      if (!(e instanceof PortalCallError)) {
        // A local fault (a missing blob, a bug): keep the entry, try later, never lose it.
        this.log(`outbox ${entry.id}: ${e instanceof Error ? e.name : 'error'}`);
        this.outbox.reschedule(entry.id, entry.attempts + 1, this.now().getTime() + backoffDelay(entry.attempts + 1, this.backoff, this.random), 'local');
        return;
      }
      if (e.retryable || e.kind === 'invalid-answer') {
        this.reachability.report(e.kind !== 'unreachable' && e.kind !== 'server');
        const delay = backoffDelay(entry.attempts + 1, this.backoff, this.random, e.retryAfterSeconds);
        this.outbox.reschedule(entry.id, entry.attempts + 1, this.now().getTime() + delay, e.portalCode ?? e.kind);
        this.log(`outbox ${entry.id}: ${e.portalCode ?? e.kind}, retry in ${delay} ms`);
        return;
      }
      this.reachability.report(true);
      this.apps.markNeedsFix(app.localId, entry.id, e.message);
      this.log(`outbox ${entry.id}: refused (${e.portalCode ?? e.status ?? 'rejected'})`);
      this.emit(app.localId);
    }
  }

  private emit(localId: string): void {
    const a = this.apps.get(localId);
    if (!a) return;
    this.events.emit({
      type: 'application.updated',
      application: {
        localId: a.localId,
        provisionalNo: a.provisionalNo,
        state: a.state,
        officialCode: a.officialCode,
        appointmentAt: a.appointmentAt,
        portalMessage: a.portalMessage,
      },
    });
    this.events.emit({ type: 'sync.state', state: this.state() });
  }
}
