import type { Statement } from 'better-sqlite3';
import type { StoreDatabase } from './database.js';
import type { Outbox, OutboxEntry, SupplementOutboxEntry, WaitingEntry } from './store.js';

/** Marks an entry the kiosk itself cannot read (last_error), so counts and staff can tell it apart. */
const PARKED = 'parked:';
/** A parked entry waits until staff press "Đồng bộ ngay" (wakeAll), not for a timer. */
const PARKED_UNTIL = 8_640_000_000_000_000;
const NOT_PARKED = `(last_error IS NULL OR last_error NOT LIKE '${PARKED}%')`;

const WAITING_SELECT = 'SELECT id, application_id, supplement_id, attempts, last_error FROM outbox WHERE done_at IS NULL';

interface WaitingRow {
  id: number;
  application_id: string | null;
  supplement_id: string | null;
  attempts: number;
  last_error: string | null;
}

function toWaiting(r: WaitingRow): WaitingEntry {
  return {
    id: r.id,
    applicationId: r.application_id,
    supplementId: r.supplement_id,
    attempts: r.attempts,
    lastError: r.last_error,
    parked: r.last_error?.startsWith(PARKED) ?? false,
  };
}

/**
 * Pending sends: the one owner of the outbox table. An entry is done when the
 * portal accepted or refused for good. An entry whose application cannot be
 * read on this kiosk (a corrupt row, a data key that does not match) is
 * parked: it stays, is counted apart, and the rest of the queue drains past
 * it. Applications and supplements add and close their entries through the
 * methods below, inside their own transactions.
 */
export class OutboxStore implements Outbox {
  private readonly sql: {
    due: Statement;
    dueSupplements: Statement;
    nextDueAt: Statement;
    pendingCount: Statement;
    parkedCount: Statement;
    reschedule: Statement;
    wakeUnparked: Statement;
    wakeAll: Statement;
    addForApplication: Statement;
    addForSupplement: Statement;
    markDone: Statement;
    applicationOfKey: Statement;
    waiting: Statement;
    waitingOne: Statement;
    wakeOne: Statement;
  };

  constructor(db: StoreDatabase) {
    this.sql = {
      due: db.prepare(
        `SELECT id, application_id, idempotency_key, attempts, next_attempt_at FROM outbox
         WHERE done_at IS NULL AND application_id IS NOT NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      ),
      dueSupplements: db.prepare(
        `SELECT id, supplement_id, idempotency_key, attempts FROM outbox
         WHERE done_at IS NULL AND supplement_id IS NOT NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      ),
      nextDueAt: db.prepare('SELECT min(next_attempt_at) AS t FROM outbox WHERE done_at IS NULL'),
      pendingCount: db.prepare(`SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND ${NOT_PARKED}`),
      parkedCount: db.prepare(`SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND last_error LIKE '${PARKED}%'`),
      reschedule: db.prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
      wakeUnparked: db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE done_at IS NULL AND next_attempt_at > ? AND ${NOT_PARKED}`),
      wakeAll: db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE done_at IS NULL AND next_attempt_at > ?'),
      addForApplication: db.prepare('INSERT INTO outbox (application_id, idempotency_key, next_attempt_at) VALUES (?, ?, ?)'),
      addForSupplement: db.prepare('INSERT INTO outbox (supplement_id, idempotency_key, next_attempt_at) VALUES (?, ?, ?)'),
      markDone: db.prepare('UPDATE outbox SET done_at = ?, last_error = coalesce(?, last_error) WHERE id = ?'),
      applicationOfKey: db.prepare('SELECT application_id FROM outbox WHERE idempotency_key = ?'),
      waiting: db.prepare(`${WAITING_SELECT} ORDER BY id`),
      waitingOne: db.prepare(`${WAITING_SELECT} AND id = ?`),
      wakeOne: db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND done_at IS NULL'),
    };
  }

  /** Entries due now, oldest first; one per application (the newest key wins after a resubmit). */
  due(nowMs: number, limit: number): OutboxEntry[] {
    return (
      this.sql.due.all(nowMs, limit) as { id: number; application_id: string; idempotency_key: string; attempts: number; next_attempt_at: number }[]
    ).map((r) => ({ id: r.id, applicationId: r.application_id, idempotencyKey: r.idempotency_key, attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /** Supplement entries due now, oldest first (counted, woken and scheduled with the rest). */
  dueSupplements(nowMs: number, limit: number): SupplementOutboxEntry[] {
    return (this.sql.dueSupplements.all(nowMs, limit) as { id: number; supplement_id: string; idempotency_key: string; attempts: number }[]).map((r) => ({
      id: r.id,
      supplementId: r.supplement_id,
      idempotencyKey: r.idempotency_key,
      attempts: r.attempts,
    }));
  }

  /** When the next pending entry is due, or null when the outbox is empty. */
  nextDueAt(): number | null {
    return (this.sql.nextDueAt.get() as { t: number | null }).t;
  }

  /** Entries waiting to be sent, parked ones not included. */
  pendingCount(): number {
    return (this.sql.pendingCount.get() as { n: number }).n;
  }

  /** Entries the kiosk could not read and set aside for staff. */
  parkedCount(): number {
    return (this.sql.parkedCount.get() as { n: number }).n;
  }

  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void {
    this.sql.reschedule.run(attempts, nextAttemptAt, error, id);
  }

  /**
   * Makes every pending entry due now ("Đồng bộ ngay", or the network came
   * back). Parked entries only when staff ask: the portal coming back does
   * not make an unreadable row readable.
   */
  wakeAll(nowMs: number, opts: { parked?: boolean } = {}): void {
    (opts.parked ? this.sql.wakeAll : this.sql.wakeUnparked).run(nowMs, nowMs);
  }

  /** A new entry sending an application; its key is sent unchanged on every try. */
  addForApplication(applicationId: string, idempotencyKey: string, dueAtMs: number): void {
    this.sql.addForApplication.run(applicationId, idempotencyKey, dueAtMs);
  }

  /** A new entry sending a "Bổ sung hồ sơ". */
  addForSupplement(supplementId: string, idempotencyKey: string, dueAtMs: number): void {
    this.sql.addForSupplement.run(supplementId, idempotencyKey, dueAtMs);
  }

  /** The portal answered for good; a refusal keeps its words in last_error. */
  markDone(id: number, at: string, error: string | null = null): void {
    this.sql.markDone.run(at, error, id);
  }

  /** Sets an entry aside until staff wake it; `errorClass` is what went wrong, never the data. */
  park(id: number, attempts: number, errorClass: string): void {
    this.sql.reschedule.run(attempts, PARKED_UNTIL, `${PARKED}${errorClass}`, id);
  }

  /** Every entry not done yet, oldest first, parked ones included. */
  waiting(): WaitingEntry[] {
    return (this.sql.waiting.all() as WaitingRow[]).map(toWaiting);
  }

  waitingEntry(id: number): WaitingEntry | null {
    const row = this.sql.waitingOne.get(id) as WaitingRow | undefined;
    return row ? toWaiting(row) : null;
  }

  /** "Gửi lại" of one entry: due now, parked or not (its error stays until the next try says otherwise). */
  wakeOne(id: number, nowMs: number): boolean {
    return this.sql.wakeOne.run(nowMs, id).changes > 0;
  }

  /** The application an idempotency key was committed for, if any. */
  applicationOfKey(idempotencyKey: string): string | null {
    const row = this.sql.applicationOfKey.get(idempotencyKey) as { application_id: string | null } | undefined;
    return row?.application_id ?? null;
  }
}
