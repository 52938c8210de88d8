import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { fromVnParts, parseDateKey, vnDateKey } from '../../src-shared/domain/vn-time.js';
import type { Call, NumberBlock, QueueCentre, QueueFigures, Ticket } from '../../src-shared/portal-queue-api.js';
import type { PortalContext } from '../context.js';
import type { PortalDb } from '../db/tables.js';
import type { QueueTables } from '../db/queue-tables.js';
import { PortalHttpError } from '../http/errors.js';
import { counterAreas, requireArea, requireCounter, type CentreConfig } from './centres.js';
import { MAX_MISSES, aheadOf, estimatedWaitMinutes, pickNext, queueFigures, ticketLabel, type WaitingTicket } from './queue-rules.js';
import { announcementWords } from './announcement.js';
import { closedSentence, isPastClosing } from '../../src-shared/domain/queue-hours.js';

type Db = Kysely<PortalDb> | Transaction<PortalDb>;
type TicketRow = Selectable<QueueTables['queue_tickets']>;

function dayOf(key: string): { year: number; month: number; day: number } {
  const d = parseDateKey(key);
  if (!d) throw new PortalHttpError(400, 'INVALID_INPUT', `Ngày "${key}" không hợp lệ.`);
  return d;
}

function isClosed(centre: CentreConfig, now: Date): boolean {
  return isPastClosing(centre.closesAt, now);
}

function closedError(centre: CentreConfig): PortalHttpError {
  return new PortalHttpError(409, 'QUEUE_CLOSED', closedSentence(centre.closesAt));
}

/** Tickets of an earlier day, or of today after closing, are no longer called. */
async function expireOld(db: Db, centre: CentreConfig, now: Date): Promise<void> {
  const today = vnDateKey(now);
  await db
    .updateTable('queue_tickets')
    .set({ status: 'expired' })
    .where('agency_code', '=', centre.agencyCode)
    .where('status', 'in', ['waiting', 'called'])
    .where((eb) => (isClosed(centre, now) ? eb('day', '<=', today) : eb('day', '<', today)))
    .execute();
}

/** Hands out `count` numbers of an area's day at once; atomic on SQLite and PostgreSQL alike. */
/**
 * A ticket as readers see it at `now`: one still waiting or called from an
 * earlier day, or from today after closing, reads as expired. Public GETs
 * derive this instead of writing it (expireOld), so a read never takes a
 * write lock, and the rows catch up at the next write.
 */
function asOf(centre: CentreConfig, t: TicketRow, now: Date): TicketRow {
  const open = t.status === 'waiting' || t.status === 'called';
  const today = vnDateKey(now);
  const stale = t.day < today || (t.day === today && isClosed(centre, now));
  return open && stale ? { ...t, status: 'expired' } : t;
}

async function claimNumbers(db: Db, agencyCode: string, day: string, area: string, count: number): Promise<number> {
  const row = await db
    .insertInto('queue_counters')
    .values({ agency_code: agencyCode, day, area, last_number: count })
    .onConflict((oc) => oc.columns(['agency_code', 'day', 'area']).doUpdateSet((eb) => ({ last_number: eb('queue_counters.last_number', '+', count) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

function asWaiting(t: TicketRow): WaitingTicket {
  return { id: t.id, area: t.area, priority: t.priority === 1, counter: t.counter, queuedAt: t.queued_at, number: t.number };
}

async function waitingOf(db: Db, agencyCode: string, day: string): Promise<TicketRow[]> {
  return db.selectFrom('queue_tickets').selectAll().where('agency_code', '=', agencyCode).where('day', '=', day).where('status', '=', 'waiting').execute();
}

async function averageServingMinutes(db: Db, agencyCode: string, day: string, area: string): Promise<number | null> {
  const done = await db
    .selectFrom('queue_tickets')
    .select(['called_at', 'completed_at'])
    .where('agency_code', '=', agencyCode)
    .where('day', '=', day)
    .where('area', '=', area)
    .where('status', '=', 'done')
    .execute();
  const minutes = done.flatMap((d) => (d.called_at && d.completed_at ? [(Date.parse(d.completed_at) - Date.parse(d.called_at)) / 60_000] : []));
  return minutes.length === 0 ? null : minutes.reduce((s, m) => s + m, 0) / minutes.length;
}

async function view(db: Db, centre: CentreConfig, t: TicketRow, statusUrl: (id: string) => string): Promise<Ticket> {
  const area = requireArea(centre, t.area);
  const waiting = t.status === 'waiting' ? (await waitingOf(db, t.agency_code, t.day)).map(asWaiting) : [];
  const ahead = t.status === 'waiting' ? aheadOf(asWaiting(t), waiting) : 0;
  const estimate = t.status === 'waiting' ? estimatedWaitMinutes(ahead, await averageServingMinutes(db, t.agency_code, t.day, t.area), area.counters.length) : null;
  return {
    id: t.id,
    label: ticketLabel(t.area, t.number),
    area: t.area,
    areaName: area.field,
    priority: t.priority === 1,
    status: t.status as Ticket['status'],
    counter: t.counter,
    ahead,
    estimatedWaitMinutes: estimate,
    misses: t.misses,
    issuedAt: t.issued_at,
    statusUrl: statusUrl(t.id),
  };
}

export interface QueueDeps {
  ctx: PortalContext;
  /** The public page of a ticket, for its QR. */
  statusUrl: (id: string) => string;
}

export async function describeCentre(deps: QueueDeps, centre: CentreConfig): Promise<QueueCentre> {
  const { db, now } = deps.ctx;
  const agency = await db.selectFrom('agencies').select('name').where('code', '=', centre.agencyCode).executeTakeFirst();
  const at = now();
  // After closing nobody of today is still in line (asOf); earlier days are never read here.
  const waiting = isClosed(centre, at) ? [] : await waitingOf(db, centre.agencyCode, vnDateKey(at));
  return {
    agencyCode: centre.agencyCode,
    name: agency?.name ?? centre.agencyCode,
    closesAt: centre.closesAt,
    areas: centre.areas.map((a) => ({ letter: a.letter, name: a.field, counters: a.counters, waiting: waiting.filter((t) => t.area === a.letter).length })),
  };
}

/** A ticket as it is taken: in the line from the moment it was issued, not yet called. */
function newTicket(
  centre: CentreConfig,
  t: { day: string; area: string; number: number; priority: boolean; issuedAt: Date; kioskId: string | null; source: 'portal' | 'offline'; status: 'waiting' | 'expired' },
): TicketRow {
  return {
    id: randomUUID(),
    agency_code: centre.agencyCode,
    day: t.day,
    area: t.area,
    number: t.number,
    priority: t.priority ? 1 : 0,
    status: t.status,
    counter: null,
    queued_at: t.issuedAt.toISOString(),
    issued_at: t.issuedAt.toISOString(),
    first_called_at: null,
    called_at: null,
    completed_at: null,
    misses: 0,
    kiosk_id: t.kioskId,
    source: t.source,
  };
}

export async function takeTicket(deps: QueueDeps, centre: CentreConfig, input: { area: string; priority: boolean }, kioskId: string | null): Promise<Ticket> {
  requireArea(centre, input.area);
  const at = deps.ctx.now();
  if (isClosed(centre, at)) throw closedError(centre);
  return deps.ctx.db.transaction().execute(async (trx) => {
    await expireOld(trx, centre, at);
    const day = vnDateKey(at);
    const number = await claimNumbers(trx, centre.agencyCode, day, input.area, 1);
    const row = newTicket(centre, { day, area: input.area, number, priority: input.priority, issuedAt: at, kioskId, source: 'portal', status: 'waiting' });
    await trx.insertInto('queue_tickets').values(row).execute();
    return view(trx, centre, row, deps.statusUrl);
  });
}

/** Numbers a kiosk may give out on its own while the portal is out of reach; no one else gets them. */
export async function reserveBlock(deps: QueueDeps, centre: CentreConfig, input: { area: string; size: number }, kioskId: string): Promise<NumberBlock> {
  requireArea(centre, input.area);
  const day = vnDateKey(deps.ctx.now());
  return deps.ctx.db.transaction().execute(async (trx) => {
    const last = await claimNumbers(trx, centre.agencyCode, day, input.area, input.size);
    const first = last - input.size + 1;
    await trx.insertInto('queue_blocks').values({ agency_code: centre.agencyCode, day, area: input.area, kiosk_id: kioskId, first_number: first, last_number: last }).execute();
    return { area: input.area, day, from: first, to: last };
  });
}

/**
 * A ticket the kiosk printed from its block while offline. It joins the line
 * at the time it was taken; sending it twice gives the same ticket back.
 */
export async function reconcileOfflineTicket(
  deps: QueueDeps,
  centre: CentreConfig,
  input: { area: string; priority: boolean; number: number; issuedAt: string },
  kioskId: string,
): Promise<Ticket> {
  requireArea(centre, input.area);
  const issued = new Date(input.issuedAt);
  const now = deps.ctx.now();
  if (issued > new Date(now.getTime() + 5 * 60_000)) throw new PortalHttpError(400, 'INVALID_INPUT', 'Thời điểm lấy số ở tương lai.');
  const day = vnDateKey(issued);
  return deps.ctx.db.transaction().execute(async (trx) => {
    const block = await trx
      .selectFrom('queue_blocks')
      .select('id')
      .where('agency_code', '=', centre.agencyCode)
      .where('day', '=', day)
      .where('area', '=', input.area)
      .where('kiosk_id', '=', kioskId)
      .where('first_number', '<=', input.number)
      .where('last_number', '>=', input.number)
      .executeTakeFirst();
    if (!block) {
      throw new PortalHttpError(409, 'NOT_IN_BLOCK', `Số ${ticketLabel(input.area, input.number)} không thuộc dãy số Cổng đã dành cho kiosk này trong ngày ${day}.`);
    }
    const existing = await trx
      .selectFrom('queue_tickets')
      .selectAll()
      .where('agency_code', '=', centre.agencyCode)
      .where('day', '=', day)
      .where('area', '=', input.area)
      .where('number', '=', input.number)
      .executeTakeFirst();
    if (existing) {
      if (existing.kiosk_id === kioskId && existing.source === 'offline') return view(trx, centre, existing, deps.statusUrl);
      throw new PortalHttpError(409, 'NUMBER_TAKEN', `Số ${ticketLabel(input.area, input.number)} đã được cấp cho người khác.`);
    }
    const stale = day !== vnDateKey(now) || isClosed(centre, now);
    const row = newTicket(centre, { day, area: input.area, number: input.number, priority: input.priority, issuedAt: issued, kioskId, source: 'offline', status: stale ? 'expired' : 'waiting' });
    await trx.insertInto('queue_tickets').values(row).execute();
    return view(trx, centre, row, deps.statusUrl);
  });
}

export async function ticketStatus(deps: QueueDeps, centreOf: (agencyCode: string) => CentreConfig, id: string): Promise<Ticket> {
  const { db, now } = deps.ctx;
  const row = await db.selectFrom('queue_tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new PortalHttpError(404, 'TICKET_NOT_FOUND', 'Không tìm thấy số thứ tự này.');
  const centre = centreOf(row.agency_code);
  return view(db, centre, asOf(centre, row, now()), deps.statusUrl);
}

async function servingAt(db: Db, centre: CentreConfig, counter: number, day: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('agency_code', '=', centre.agencyCode)
    .where('day', '=', day)
    .where('status', '=', 'called')
    .where('counter', '=', counter)
    .executeTakeFirst();
}

/** What the counter is calling or serving now, for a counter screen opened again. */
export async function counterNow(deps: QueueDeps, centre: CentreConfig, counter: number): Promise<Ticket | null> {
  requireCounter(centre, counter);
  const at = deps.ctx.now();
  const row = await servingAt(deps.ctx.db, centre, counter, vnDateKey(at));
  return row && asOf(centre, row, at).status === 'called' ? view(deps.ctx.db, centre, row, deps.statusUrl) : null;
}

/** Ordinary calls since the centre's last priority call today (first calls only). */
async function normalsSincePriority(db: Db, centre: CentreConfig, day: string): Promise<number> {
  const called = await db
    .selectFrom('queue_tickets')
    .select(['priority', 'first_called_at'])
    .where('agency_code', '=', centre.agencyCode)
    .where('day', '=', day)
    .where('first_called_at', 'is not', null)
    .orderBy('first_called_at', 'desc')
    .execute();
  const last = called.findIndex((c) => c.priority === 1);
  return last === -1 ? Number.POSITIVE_INFINITY : last;
}

async function announce(db: Db, centre: CentreConfig, t: TicketRow, counter: number, recall: boolean, at: Date): Promise<void> {
  await db
    .insertInto('queue_calls')
    .values({ agency_code: centre.agencyCode, ticket_id: t.id, label: ticketLabel(t.area, t.number), counter, recall: recall ? 1 : 0, at: at.toISOString() })
    .execute();
}

/** "Gọi số tiếp theo": the next ticket of the counter's areas, priority first per the centre's interleave. */
export async function callNext(deps: QueueDeps, centre: CentreConfig, counter: number): Promise<Ticket> {
  requireCounter(centre, counter);
  const at = deps.ctx.now();
  const day = vnDateKey(at);
  return deps.ctx.db.transaction().execute(async (trx) => {
    await expireOld(trx, centre, at);
    const busy = await servingAt(trx, centre, counter, day);
    if (busy) {
      throw new PortalHttpError(
        409,
        'COUNTER_BUSY',
        `Quầy số ${counter} đang gọi số ${ticketLabel(busy.area, busy.number)}. Bấm “Hoàn thành”, “Vắng mặt” hoặc “Chuyển quầy” trước khi gọi số tiếp theo.`,
      );
    }
    // A row another counter took between the read and the write is skipped: the update names its status.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const waiting = await waitingOf(trx, centre.agencyCode, day);
      const next = pickNext(waiting.map(asWaiting), { no: counter, areas: counterAreas(centre, counter) }, await normalsSincePriority(trx, centre, day), centre.normalsPerPriority);
      if (!next) throw new PortalHttpError(404, 'QUEUE_EMPTY', `Không còn ai chờ ở các lĩnh vực của quầy số ${counter}.`);
      const row = waiting.find((w) => w.id === next.id);
      if (!row) break;
      const updated = await trx
        .updateTable('queue_tickets')
        .set({ status: 'called', counter, called_at: at.toISOString(), first_called_at: row.first_called_at ?? at.toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (updated.numUpdatedRows === 1n) {
        const called = { ...row, status: 'called', counter, called_at: at.toISOString(), first_called_at: row.first_called_at ?? at.toISOString() };
        await announce(trx, centre, called, counter, false, at);
        return view(trx, centre, called, deps.statusUrl);
      }
    }
    throw new PortalHttpError(409, 'QUEUE_BUSY', 'Nhiều quầy gọi số cùng lúc. Vui lòng bấm “Gọi số tiếp theo” lại.');
  });
}

async function calledHere(db: Db, centre: CentreConfig, id: string, counter: number): Promise<TicketRow> {
  const t = await db.selectFrom('queue_tickets').selectAll().where('id', '=', id).where('agency_code', '=', centre.agencyCode).executeTakeFirst();
  if (!t) throw new PortalHttpError(404, 'TICKET_NOT_FOUND', 'Không tìm thấy số thứ tự này.');
  if (t.status !== 'called' || t.counter !== counter) {
    throw new PortalHttpError(409, 'TICKET_NOT_CALLED_HERE', `Số ${ticketLabel(t.area, t.number)} không phải số quầy số ${counter} đang gọi.`);
  }
  return t;
}

type CounterAction = 'recall' | 'absent' | 'complete';

/** "Gọi lại", "Vắng mặt" (back in the line; cancelled at the third miss), "Hoàn thành". */
export async function actOnTicket(deps: QueueDeps, centre: CentreConfig, id: string, counter: number, action: CounterAction): Promise<Ticket> {
  requireCounter(centre, counter);
  const at = deps.ctx.now().toISOString();
  return deps.ctx.db.transaction().execute(async (trx) => {
    const t = await calledHere(trx, centre, id, counter);
    let next: TicketRow;
    if (action === 'recall') {
      next = { ...t, called_at: at };
      await announce(trx, centre, t, counter, true, new Date(at));
    } else if (action === 'complete') {
      next = { ...t, status: 'done', completed_at: at };
    } else {
      const misses = t.misses + 1;
      // A ticket transferred to this counter stays with it; one of the area's own goes back to all its counters.
      const keep = requireArea(centre, t.area).counters.includes(counter) ? null : counter;
      next = misses >= MAX_MISSES ? { ...t, status: 'cancelled', misses } : { ...t, status: 'waiting', misses, counter: keep, queued_at: at, called_at: null };
    }
    await trx
      .updateTable('queue_tickets')
      .set({ status: next.status, called_at: next.called_at, completed_at: next.completed_at, misses: next.misses, counter: next.counter, queued_at: next.queued_at })
      .where('id', '=', id)
      .execute();
    return view(trx, centre, next, deps.statusUrl);
  });
}

/** "Chuyển quầy": the ticket waits for the other counter, keeping its place in the line. */
export async function transferTicket(deps: QueueDeps, centre: CentreConfig, id: string, counter: number, toCounter: number): Promise<Ticket> {
  requireCounter(centre, counter);
  requireCounter(centre, toCounter);
  if (toCounter === counter) throw new PortalHttpError(400, 'SAME_COUNTER', 'Chọn một quầy khác để chuyển.');
  return deps.ctx.db.transaction().execute(async (trx) => {
    const t = await calledHere(trx, centre, id, counter);
    const next: TicketRow = { ...t, status: 'waiting', counter: toCounter, called_at: null };
    await trx.updateTable('queue_tickets').set({ status: 'waiting', counter: toCounter, called_at: null }).where('id', '=', id).execute();
    return view(trx, centre, next, deps.statusUrl);
  });
}

/** The board's calls after `after` (its last seen seq), oldest first. */
export async function callsAfter(db: Db, agencyCode: string, after: number, today: string): Promise<Call[]> {
  const rows = await db
    .selectFrom('queue_calls')
    .selectAll()
    .where('agency_code', '=', agencyCode)
    .where('seq', '>', after)
    .where('at', '>=', fromVnParts(dayOf(today)).toISOString())
    .orderBy('seq', 'asc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ seq: r.seq, label: r.label, counter: r.counter, recall: r.recall === 1, at: r.at, announcement: announcementWords(r.label, r.counter) }));
}

export async function figuresOf(db: Db, agencyCode: string, day: string): Promise<QueueFigures> {
  const rows = await db.selectFrom('queue_tickets').selectAll().where('agency_code', '=', agencyCode).where('day', '=', day).execute();
  return queueFigures(
    day,
    rows.map((r) => ({
      area: r.area,
      counter: r.counter,
      status: r.status,
      misses: r.misses,
      issuedAt: r.issued_at,
      firstCalledAt: r.first_called_at,
      calledAt: r.called_at,
      completedAt: r.completed_at,
    })),
  );
}
