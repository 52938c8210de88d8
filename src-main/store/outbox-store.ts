import type { StoreDatabase } from './database.js';

export interface OutboxEntry {
  id: number;
  applicationId: string;
  idempotencyKey: string;
  attempts: number;
  nextAttemptAt: number;
}

/** An outbox entry that sends a "Bổ sung hồ sơ" (see SupplementsStore). */
export interface SupplementOutboxEntry {
  id: number;
  supplementId: string;
  idempotencyKey: string;
  attempts: number;
}

/** Marks an entry the kiosk itself cannot read (last_error), so counts and staff can tell it apart. */
const PARKED = 'parked:';
/** A parked entry waits until staff press "Đồng bộ ngay" (wakeAll), not for a timer. */
const PARKED_UNTIL = 8_640_000_000_000_000;

/**
 * Pending sends. An entry is done when the portal accepted or refused for good.
 * An entry whose application cannot be read on this kiosk (a corrupt row, a
 * data key that does not match) is parked: it stays, is counted apart, and
 * the rest of the queue drains past it.
 */
export class OutboxStore {
  constructor(private readonly db: StoreDatabase) {}

  /** Entries due now, oldest first; one per application (the newest key wins after a resubmit). */
  due(nowMs: number, limit: number): OutboxEntry[] {
    return (
      this.db
        .prepare(
          `SELECT id, application_id, idempotency_key, attempts, next_attempt_at FROM outbox
           WHERE done_at IS NULL AND application_id IS NOT NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
        )
        .all(nowMs, limit) as { id: number; application_id: string; idempotency_key: string; attempts: number; next_attempt_at: number }[]
    ).map((r) => ({ id: r.id, applicationId: r.application_id, idempotencyKey: r.idempotency_key, attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /** Supplement entries due now, oldest first (counted, woken and scheduled with the rest). */
  dueSupplements(nowMs: number, limit: number): SupplementOutboxEntry[] {
    return (
      this.db
        .prepare(
          `SELECT id, supplement_id, idempotency_key, attempts FROM outbox
           WHERE done_at IS NULL AND supplement_id IS NOT NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
        )
        .all(nowMs, limit) as { id: number; supplement_id: string; idempotency_key: string; attempts: number }[]
    ).map((r) => ({ id: r.id, supplementId: r.supplement_id, idempotencyKey: r.idempotency_key, attempts: r.attempts }));
  }

  /** When the next pending entry is due, or null when the outbox is empty. */
  nextDueAt(): number | null {
    const row = this.db.prepare('SELECT min(next_attempt_at) AS t FROM outbox WHERE done_at IS NULL').get() as { t: number | null };
    return row.t;
  }

  /** Entries waiting to be sent, parked ones not included. */
  pendingCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND (last_error IS NULL OR last_error NOT LIKE '${PARKED}%')`).get() as { n: number }).n;
  }

  /** Entries the kiosk could not read and set aside for staff. */
  parkedCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND last_error LIKE '${PARKED}%'`).get() as { n: number }).n;
  }

  /**
   * Sets an entry aside: it keeps its key and its application, and the
   * application carries `message` for staff until a later try succeeds.
   * `errorClass` is what went wrong, never the data.
   */
  park(id: number, applicationId: string, attempts: number, errorClass: string, message: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?').run(attempts, PARKED_UNTIL, `${PARKED}${errorClass}`, id);
      this.db.prepare("UPDATE applications SET portal_message = ? WHERE local_id = ? AND state = 'queued'").run(message, applicationId);
    })();
  }

  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void {
    this.db.prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?').run(attempts, nextAttemptAt, error, id);
  }

  /**
   * Makes every pending entry due now ("Đồng bộ ngay", or the network came
   * back). Parked entries only when staff ask: the portal coming back does
   * not make an unreadable row readable.
   */
  wakeAll(nowMs: number, opts: { parked?: boolean } = {}): void {
    const which = opts.parked ? '' : ` AND (last_error IS NULL OR last_error NOT LIKE '${PARKED}%')`;
    this.db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE done_at IS NULL AND next_attempt_at > ?${which}`).run(nowMs, nowMs);
  }
}
