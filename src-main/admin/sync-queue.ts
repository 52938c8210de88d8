import type { QueueEntry } from '../../src-shared/kiosk-contract/admin.js';
import type { Applications, Outbox, Supplements, WaitingEntry } from '../store/store.js';

/** A waiting entry with what staff may see of it, and what it sends. */
export interface NamedEntry extends QueueEntry {
  applicationId: string | null;
  supplementId: string | null;
}

/**
 * The sync queue as staff and the fleet see it: each waiting outbox entry
 * named by its provisional receipt number (or the mã hồ sơ of a supplement)
 * and its procedure, each from the table's own owner — never the applicant.
 */
export class SyncQueue {
  constructor(
    private readonly outbox: Pick<Outbox, 'waiting' | 'waitingEntry'>,
    private readonly apps: Pick<Applications, 'get'>,
    private readonly supplements: Pick<Supplements, 'get'>,
  ) {}

  entries(): NamedEntry[] {
    return this.outbox.waiting().map((e) => this.named(e));
  }

  entry(id: number): NamedEntry | null {
    const e = this.outbox.waitingEntry(id);
    return e ? this.named(e) : null;
  }

  private named(e: WaitingEntry): NamedEntry {
    const base = { id: e.id, applicationId: e.applicationId, supplementId: e.supplementId, attempts: e.attempts, lastError: e.lastError, parked: e.parked };
    if (e.applicationId) {
      const a = this.apps.get(e.applicationId);
      return { ...base, kind: 'application', reference: a?.provisionalNo ?? '?', procedureName: a?.procedureName ?? '', createdAt: a?.createdAt ?? new Date(0).toISOString() };
    }
    const s = e.supplementId ? this.supplements.get(e.supplementId) : null;
    return { ...base, kind: 'supplement', reference: s?.code ?? '?', procedureName: '', createdAt: s?.createdAt ?? new Date(0).toISOString() };
  }
}

/** The entry as the screen shows it (what it sends stays in the host). */
export function toQueueEntry({ applicationId: _a, supplementId: _s, ...entry }: NamedEntry): QueueEntry {
  return entry;
}
