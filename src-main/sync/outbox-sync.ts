import type { HostEvents } from '../events.js';
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Reachability } from '../portal/reachability.js';
import type { Applications, Blobs, Outbox, OutboxEntry, SupplementOutboxEntry, Supplements } from '../store/store.js';
import type { OutgoingSubmission } from '../portal/portal-client.js';
import { errorClass, silentLog, type HostLog } from '../log/host-log.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

/** What staff read on an application the kiosk cannot read back (corrupt row, data key that does not match). */
export const PARKED_MESSAGE = 'Không đọc được hồ sơ này trên máy (dữ liệu hỏng hoặc khóa dữ liệu không khớp)';

export interface OutboxSyncOptions {
  kioskId: string;
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Longest sleep between looks at the outbox, even when nothing is due. */
  idleMs?: number;
  log?: HostLog;
  /** "Bổ sung hồ sơ" entries share the outbox; without this store only applications are sent. */
  supplements?: Supplements;
  /**
   * The portal session of an officer whose shift is open at this kiosk, by
   * username: an application they received is sent with it as delegation,
   * so the portal's record names them. Null once their shift has ended (the
   * application then goes with the kiosk's session alone).
   */
  officerSession?: (username: string) => string | null;
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
  /** The portal does not know this kiosk's device key; staff are told, and the application itself stays queued. */
  private deviceRefused = false;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly log: HostLog;

  constructor(
    private readonly apps: Applications,
    private readonly outbox: Outbox,
    private readonly blobs: Blobs,
    private readonly portal: PortalClient,
    private readonly events: HostEvents,
    private readonly reachability: Reachability,
    private readonly opts: OutboxSyncOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.log = opts.log ?? silentLog;
    reachability.whenBack(() => this.wake({ parked: false }));
  }

  state(): { pending: number; parked: number; lastSyncAt: string | null; portalReachable: boolean; deviceRefused: boolean } {
    return {
      pending: this.outbox.pendingCount(),
      parked: this.outbox.parkedCount(),
      lastSyncAt: this.lastSyncAt,
      deviceRefused: this.deviceRefused,
      portalReachable: this.reachability.isReachable,
    };
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
    // drain() handles each entry's failures; this catch is for the pass itself
    // (the store unreadable, a bug): it is logged and the next pass scheduled,
    // so the promise never rejects and nothing reaches unhandledRejection.
    this.draining = this.drain()
      .catch((e: unknown) => {
        this.log.error('outbox.drain-failed', { error: errorClass(e) });
      })
      .then(() => {
        this.draining = null;
        this.afterPass();
      });
  }

  private afterPass(): void {
    try {
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.schedule();
    } catch (e) {
      this.log.error('outbox.schedule-failed', { error: errorClass(e) });
      this.retryLater();
    }
  }

  /** A timer that needs nothing from the store, for when the store itself failed. */
  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, this.opts.idleMs ?? 60_000);
    this.timer.unref();
  }

  /** "Đồng bộ ngay": every waiting entry becomes due at once, parked ones too (staff may have restored the right data key). */
  syncNow(): void {
    this.wake({ parked: true });
  }

  private wake(opts: { parked: boolean }): void {
    try {
      this.outbox.wakeAll(this.now().getTime(), opts);
    } catch (e) {
      // Called from timers and the reachability probe too: a store fault is logged, not thrown into them.
      this.log.error('outbox.wake-failed', { error: errorClass(e) });
    }
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
      const now = this.now().getTime();
      const due = this.outbox.due(now, 10);
      const supplements = this.opts.supplements ? this.outbox.dueSupplements(now, 10) : [];
      if (due.length === 0 && supplements.length === 0) return;
      for (const entry of due) {
        if (this.stopped) return;
        await this.send(entry);
      }
      for (const entry of supplements) {
        if (this.stopped) return;
        await this.sendSupplement(entry);
      }
    }
  }

  /** One "Bổ sung hồ sơ", with the key it was committed with; retried and refused as an application is. */
  private async sendSupplement(entry: SupplementOutboxEntry): Promise<void> {
    const store = this.opts.supplements;
    if (!store) return;
    const retry = (reason: string, e: PortalCallError | null) => {
      const delay = backoffDelay(entry.attempts + 1, this.backoff, this.random, e?.retryAfterSeconds ?? null);
      this.outbox.reschedule(entry.id, entry.attempts + 1, this.now().getTime() + delay, reason);
      this.log.warn('outbox.supplement-retry', { outboxId: entry.id, reason, retryInMs: delay });
    };
    let out: ReturnType<Supplements['outgoing']>;
    try {
      out = store.outgoing(entry.supplementId);
    } catch (e) {
      // Unreadable: retrying will not help; keep it for staff with the error class only.
      this.outbox.reschedule(entry.id, entry.attempts + 1, Number.MAX_SAFE_INTEGER, `parked:${errorClass(e)}`);
      this.log.error('outbox.supplement-parked', { outboxId: entry.id, error: errorClass(e) });
      return;
    }
    if (!out) return;
    try {
      const received = await this.portal.submitSupplement({
        idempotencyKey: entry.idempotencyKey,
        code: out.code,
        details: out.note ? { note: out.note } : {},
        files: out.files,
      });
      store.markSent(entry.supplementId, entry.id, received.supplementedAt);
      this.lastSyncAt = this.now().toISOString();
      this.log.info('outbox.supplement-sent', { outboxId: entry.id });
    } catch (e) {
      if (!(e instanceof PortalCallError)) {
        this.log.error('outbox.local-fault', { outboxId: entry.id, error: errorClass(e) });
        retry('local', null);
        return;
      }
      if (e.retryable || e.kind === 'invalid-answer') {
        retry(e.portalCode ?? e.kind, e);
        return;
      }
      store.markRefused(entry.supplementId, entry.id, e.message);
      this.log.warn('outbox.supplement-refused', { outboxId: entry.id, reason: e.portalCode ?? e.status ?? 'rejected' });
    }
    this.events.emit({ type: 'sync.state', state: this.state() });
  }

  /**
   * Reads back what was committed for an entry. Null when its application is
   * gone or purged; throws when the row cannot be read (decryption, JSON, a
   * missing or corrupt attachment file).
   */
  private readEntry(entry: OutboxEntry): { localId: string; request: OutgoingSubmission } | null {
    const app = this.apps.get(entry.applicationId);
    const personal = app ? this.apps.personal(entry.applicationId) : null;
    if (!app || !personal) return null;
    const files = app.attachments.map((a, i) => ({
      componentId: a.componentId,
      fileName: personal.fileNames[i] ?? `tep-${i + 1}`,
      mime: a.mime,
      bytes: this.blobs.get(a.sha256),
    }));
    const onBehalfOf = app.receivedBy ? this.opts.officerSession?.(app.receivedBy) : null;
    return {
      localId: app.localId,
      request: {
        ...(onBehalfOf ? { onBehalfOf } : {}),
        idempotencyKey: entry.idempotencyKey,
        application: {
          procedureCode: app.procedureCode,
          applicant: personal.applicant,
          fields: personal.fields,
          channel: personal.channel,
          kioskId: this.opts.kioskId,
          ...(app.queueTicket ? { queueTicket: app.queueTicket } : {}),
          // The portal holds the applicant to whoever signed in at the kiosk, as it does a citizen's own session.
          ...(personal.signedInCitizenId ? { signedInCitizenId: personal.signedInCitizenId } : {}),
          ...(personal.submitter ? { submitter: personal.submitter } : {}),
          declarationAccepted: true,
        },
        files,
      },
    };
  }

  private async send(entry: OutboxEntry): Promise<void> {
    let read: ReturnType<OutboxSync['readEntry']>;
    try {
      read = this.readEntry(entry);
    } catch (e) {
      // Trying again will not make the row readable: set it aside for staff and let the rest drain.
      this.apps.park(entry.applicationId, entry.id, entry.attempts + 1, errorClass(e), PARKED_MESSAGE);
      this.log.error('outbox.parked', { outboxId: entry.id, localId: entry.applicationId, error: errorClass(e) });
      this.emit(entry.applicationId);
      return;
    }
    if (!read) {
      // Its application or personal part is gone (nothing should allow that while it waits):
      // set it aside rather than pick it up again on every pass.
      this.apps.park(entry.applicationId, entry.id, entry.attempts + 1, 'NotFound', PARKED_MESSAGE);
      this.log.error('outbox.parked', { outboxId: entry.id, localId: entry.applicationId, error: 'NotFound' });
      return;
    }
    const { localId, request } = read;
    try {
      const created = await this.portal.submitApplication(request);
      this.deviceRefused = false;
      this.apps.markAccepted(localId, entry.id, {
        code: created.code,
        receivedAt: created.receivedAt,
        appointmentAt: created.appointmentAt,
        status: { code: created.status.code, name: created.status.name },
      });
      this.lastSyncAt = this.now().toISOString();
      this.log.info('outbox.accepted', { outboxId: entry.id, localId, code: created.code });
      this.emit(localId);
    } catch (e) {
      if (!(e instanceof PortalCallError)) {
        // A local fault after reading (the store refused the answer, a bug): keep the entry, try later with the same key.
        this.log.error('outbox.local-fault', { outboxId: entry.id, localId, error: errorClass(e) });
        this.outbox.reschedule(entry.id, entry.attempts + 1, this.now().getTime() + backoffDelay(entry.attempts + 1, this.backoff, this.random), 'local');
        return;
      }
      if (e.portalCode === 'KIOSK_KEY_INVALID' || e.portalCode === 'KIOSK_NOT_ENROLLED') {
        // Not the application's fault: it must not become "cần sửa". It waits, and staff see why.
        this.deviceRefused = true;
        const delay = backoffDelay(entry.attempts + 1, this.backoff, this.random);
        this.outbox.reschedule(entry.id, entry.attempts + 1, this.now().getTime() + delay, e.portalCode);
        this.log.error('outbox.device-refused', { outboxId: entry.id, localId, reason: e.portalCode });
        this.events.emit({ type: 'sync.state', state: this.state() });
        return;
      }
      if (e.retryable || e.kind === 'invalid-answer') {
        const delay = backoffDelay(entry.attempts + 1, this.backoff, this.random, e.retryAfterSeconds);
        this.outbox.reschedule(entry.id, entry.attempts + 1, this.now().getTime() + delay, e.portalCode ?? e.kind);
        this.log.warn('outbox.retry', { outboxId: entry.id, localId, reason: e.portalCode ?? e.kind, retryInMs: delay });
        return;
      }
      this.apps.markNeedsFix(localId, entry.id, e.message);
      this.log.warn('outbox.refused', { outboxId: entry.id, localId, reason: e.portalCode ?? e.status ?? 'rejected' });
      this.emit(localId);
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
