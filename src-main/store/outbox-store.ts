import type { StoreDatabase } from './database.js';

export interface OutboxEntry {
  id: number;
  applicationId: string;
  idempotencyKey: string;
  attempts: number;
  nextAttemptAt: number;
}

/** Pending sends. An entry is done when the portal accepted or refused for good. */
export class OutboxStore {
  constructor(private readonly db: StoreDatabase) {}

  /** Entries due now, oldest first; one per application (the newest key wins after a resubmit). */
  due(nowMs: number, limit: number): OutboxEntry[] {
    return (
      this.db
        .prepare(
          `SELECT id, application_id, idempotency_key, attempts, next_attempt_at FROM outbox
           WHERE done_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
        )
        .all(nowMs, limit) as { id: number; application_id: string; idempotency_key: string; attempts: number; next_attempt_at: number }[]
    ).map((r) => ({ id: r.id, applicationId: r.application_id, idempotencyKey: r.idempotency_key, attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /** When the next pending entry is due, or null when the outbox is empty. */
  nextDueAt(): number | null {
    const row = this.db.prepare('SELECT min(next_attempt_at) AS t FROM outbox WHERE done_at IS NULL').get() as { t: number | null };
    return row.t;
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE done_at IS NULL').get() as { n: number }).n;
  }

  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void {
    this.db.prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?').run(attempts, nextAttemptAt, error, id);
  }

  /** Makes every pending entry due now ("Đồng bộ ngay", or the network came back). */
  wakeAll(nowMs: number): void {
    this.db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE done_at IS NULL AND next_attempt_at > ?').run(nowMs, nowMs);
  }
}
