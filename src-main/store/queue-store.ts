import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { ticketLabel } from '../../src-shared/portal-queue-api.js';
import type { StoreDatabase } from './database.js';
import type { NumberBlockGrant, PortalTicketFacts, QueueTickets, StoredTicket, TicketArea } from './store.js';

interface TicketRow {
  local_id: string;
  centre: string;
  area: string;
  area_name: string;
  counters: string;
  day: string;
  number: number;
  priority: number;
  issued_at: string;
  offline: number;
  ahead: number | null;
  estimated_wait: number | null;
  portal_id: string | null;
  status_url: string | null;
  reported_at: string | null;
  report_error: string | null;
}

function countersOf(json: string): number[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : [];
}

function toTicket(r: TicketRow): StoredTicket {
  return {
    localId: r.local_id,
    centre: r.centre,
    area: r.area,
    areaName: r.area_name,
    counters: countersOf(r.counters),
    priority: r.priority === 1,
    day: r.day,
    number: r.number,
    label: ticketLabel(r.area, r.number),
    issuedAt: r.issued_at,
    offline: r.offline === 1,
    ahead: r.ahead,
    estimatedWaitMinutes: r.estimated_wait,
    portalId: r.portal_id,
    statusUrl: r.status_url,
    reportedAt: r.reported_at,
    reportError: r.report_error,
  };
}

/**
 * The kiosk's side of the centre's queue. A number from a block is taken
 * and its ticket written in one transaction, and a block's next number only
 * grows: no number is handed out twice, whatever restarts in between.
 */
export class QueueStore implements QueueTickets {
  private readonly sql: Record<
    'saveCentre' | 'savedCentre' | 'addBlock' | 'remaining' | 'openBlock' | 'advance' | 'held' | 'insert' | 'get' | 'unreported' | 'reported' | 'unreportable' | 'pruneBlocks' | 'pruneTickets',
    Statement
  >;
  private readonly issueTx: (t: TicketArea & { day: string; issuedAt: string }) => StoredTicket | null;

  constructor(private readonly db: StoreDatabase) {
    this.sql = {
      saveCentre: db.prepare(
        'INSERT INTO queue_centres (agency_code, json, fetched_at) VALUES (?, ?, ?) ON CONFLICT(agency_code) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at',
      ),
      savedCentre: db.prepare('SELECT json, fetched_at FROM queue_centres WHERE agency_code = ?'),
      // A block the portal sends twice (an answer lost and the call repeated) is kept once.
      addBlock: db.prepare(
        'INSERT INTO queue_blocks (centre, area, day, first_number, last_number, next_number) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(centre, area, day, first_number) DO NOTHING',
      ),
      remaining: db.prepare('SELECT area, SUM(last_number - next_number + 1) AS left FROM queue_blocks WHERE centre = ? AND day = ? GROUP BY area'),
      openBlock: db.prepare('SELECT id, next_number FROM queue_blocks WHERE centre = ? AND area = ? AND day = ? AND next_number <= last_number ORDER BY first_number LIMIT 1'),
      advance: db.prepare('UPDATE queue_blocks SET next_number = next_number + 1 WHERE id = ? AND next_number = ?'),
      held: db.prepare('SELECT 1 FROM queue_tickets WHERE centre = ? AND day = ? AND area = ? AND number = ?'),
      insert: db.prepare(
        `INSERT INTO queue_tickets (local_id, centre, area, area_name, counters, day, number, priority, issued_at, offline, ahead, estimated_wait, portal_id, status_url, reported_at)
         VALUES (@local_id, @centre, @area, @area_name, @counters, @day, @number, @priority, @issued_at, @offline, @ahead, @estimated_wait, @portal_id, @status_url, @reported_at)`,
      ),
      get: db.prepare('SELECT * FROM queue_tickets WHERE local_id = ?'),
      unreported: db.prepare('SELECT * FROM queue_tickets WHERE offline = 1 AND reported_at IS NULL ORDER BY issued_at, number LIMIT ?'),
      reported: db.prepare('UPDATE queue_tickets SET portal_id = ?, status_url = ?, ahead = ?, estimated_wait = ?, reported_at = ?, report_error = NULL WHERE local_id = ?'),
      unreportable: db.prepare('UPDATE queue_tickets SET reported_at = ?, report_error = ? WHERE local_id = ?'),
      // Numbers count per day: a past day's block can never be used again, so forgetting it reuses nothing.
      pruneBlocks: db.prepare('DELETE FROM queue_blocks WHERE day < ?'),
      pruneTickets: db.prepare('DELETE FROM queue_tickets WHERE day < ? AND reported_at IS NOT NULL'),
    };
    this.issueTx = db.transaction((t: TicketArea & { day: string; issuedAt: string }): StoredTicket | null => {
      for (;;) {
        const block = this.sql.openBlock.get(t.centre, t.area, t.day) as { id: number; next_number: number } | undefined;
        if (!block) return null;
        this.sql.advance.run(block.id, block.next_number);
        // A number this kiosk printed already (a block overlapping one, a portal's fault) is passed over, never given twice.
        if (this.sql.held.get(t.centre, t.day, t.area, block.next_number)) continue;
        return this.insert(t, { day: t.day, number: block.next_number, issuedAt: t.issuedAt, offline: true });
      }
    });
  }

  private insert(
    t: TicketArea,
    f: { day: string; number: number; issuedAt: string; offline: boolean; ahead?: number; wait?: number | null; portalId?: string; statusUrl?: string; reportedAt?: string },
  ): StoredTicket {
    const row: Omit<TicketRow, 'report_error'> = {
      local_id: randomUUID(),
      centre: t.centre,
      area: t.area,
      area_name: t.areaName,
      counters: JSON.stringify(t.counters),
      day: f.day,
      number: f.number,
      priority: t.priority ? 1 : 0,
      issued_at: f.issuedAt,
      offline: f.offline ? 1 : 0,
      ahead: f.ahead ?? null,
      estimated_wait: f.wait ?? null,
      portal_id: f.portalId ?? null,
      status_url: f.statusUrl ?? null,
      reported_at: f.reportedAt ?? null,
    };
    this.sql.insert.run(row);
    return toTicket({ ...row, report_error: null });
  }

  saveCentre(agencyCode: string, json: string, fetchedAt: string): void {
    this.sql.saveCentre.run(agencyCode, json, fetchedAt);
  }

  savedCentre(agencyCode: string): { json: string; fetchedAt: string } | null {
    const row = this.sql.savedCentre.get(agencyCode) as { json: string; fetched_at: string } | undefined;
    return row ? { json: row.json, fetchedAt: row.fetched_at } : null;
  }

  addBlock(centre: string, block: NumberBlockGrant): void {
    this.sql.addBlock.run(centre, block.area, block.day, block.from, block.to, block.from);
  }

  remaining(centre: string, day: string): Map<string, number> {
    const rows = this.sql.remaining.all(centre, day) as { area: string; left: number }[];
    return new Map(rows.map((r) => [r.area, r.left]));
  }

  issueOffline(t: TicketArea & { day: string; issuedAt: string }): StoredTicket | null {
    return this.issueTx(t);
  }

  recordOnline(t: TicketArea & PortalTicketFacts): StoredTicket {
    return this.insert(t, {
      day: t.day,
      number: t.number,
      issuedAt: t.issuedAt,
      offline: false,
      ahead: t.ahead,
      wait: t.estimatedWaitMinutes,
      portalId: t.portalId,
      statusUrl: t.statusUrl,
      reportedAt: t.issuedAt,
    });
  }

  get(localId: string): StoredTicket | null {
    const row = this.sql.get.get(localId) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  unreported(limit: number): StoredTicket[] {
    return (this.sql.unreported.all(limit) as TicketRow[]).map(toTicket);
  }

  markReported(localId: string, facts: Omit<PortalTicketFacts, 'number' | 'day' | 'issuedAt'>, at: string): void {
    this.sql.reported.run(facts.portalId, facts.statusUrl, facts.ahead, facts.estimatedWaitMinutes, at, localId);
  }

  markUnreportable(localId: string, reason: string, at: string): void {
    this.sql.unreportable.run(at, reason, localId);
  }

  prune(day: string): void {
    this.db.transaction(() => {
      this.sql.pruneBlocks.run(day);
      this.sql.pruneTickets.run(day);
    })();
  }
}
