import type { QueueFigures } from '../../src-shared/portal-queue-api.js';
import { toVnParts } from '../../src-shared/domain/vn-time.js';

/** A ticket missed this many times is cancelled instead of moved back. */
export const MAX_MISSES = 3;

// One format for the portal's numbers and those a kiosk prints from its offline block.
export { ticketLabel } from '../../src-shared/portal-queue-api.js';

export interface WaitingTicket {
  id: string;
  area: string;
  priority: boolean;
  /** Set when the ticket was transferred to one counter: only that counter calls it. */
  counter: number | null;
  /** ISO time it joined (or, after a miss, rejoined) the line. */
  queuedAt: string;
  number: number;
}

function lineOrder(a: WaitingTicket, b: WaitingTicket): number {
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : a.number - b.number;
}

/** Tickets this counter may call: its areas' tickets, and those transferred to it. */
export function callableBy(waiting: readonly WaitingTicket[], counter: { no: number; areas: readonly string[] }): WaitingTicket[] {
  return waiting.filter((t) => (t.counter === null ? counter.areas.includes(t.area) : t.counter === counter.no)).sort(lineOrder);
}

/**
 * The next ticket for a counter. Priority tickets go first, but after one is
 * called `normalsPerPriority` ordinary tickets are called before the next
 * priority one, so a steady stream of priority tickets cannot stop the line.
 * `normalsSincePriority` counts the centre's ordinary calls since its last
 * priority call (Infinity when none was made today).
 */
export function pickNext(
  waiting: readonly WaitingTicket[],
  counter: { no: number; areas: readonly string[] },
  normalsSincePriority: number,
  normalsPerPriority: number,
): WaitingTicket | null {
  const line = callableBy(waiting, counter);
  const priority = line.find((t) => t.priority);
  const normal = line.find((t) => !t.priority);
  if (priority && (!normal || normalsSincePriority >= normalsPerPriority)) return priority;
  return normal ?? priority ?? null;
}

/** How many tickets of the same area are before this one in the line (priority ones count first). */
export function aheadOf(ticket: WaitingTicket, waiting: readonly WaitingTicket[]): number {
  return waiting.filter(
    (t) => t.id !== ticket.id && t.area === ticket.area && ((t.priority && !ticket.priority) || (t.priority === ticket.priority && lineOrder(t, ticket) < 0)),
  ).length;
}

/** Minutes until the ticket is likely called: the people ahead, served at the area's average pace by its counters. */
export function estimatedWaitMinutes(ahead: number, averageServingMinutes: number | null, counters: number): number | null {
  if (averageServingMinutes === null) return null;
  return Math.round(((ahead + 1) * averageServingMinutes) / Math.max(1, counters));
}

/** The facts of one ticket the figures are computed from (ISO times). */
export interface TicketTimes {
  area: string;
  counter: number | null;
  status: string;
  misses: number;
  issuedAt: string;
  firstCalledAt: string | null;
  calledAt: string | null;
  completedAt: string | null;
}

function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 60_000;
}

function durations(values: readonly number[]): { count: number; averageMinutes: number | null; maxMinutes: number | null } {
  if (values.length === 0) return { count: 0, averageMinutes: null, maxMinutes: null };
  const round = (n: number): number => Math.round(n * 10) / 10;
  return { count: values.length, averageMinutes: round(values.reduce((s, v) => s + v, 0) / values.length), maxMinutes: round(Math.max(...values)) };
}

/**
 * Waiting time is from taking the ticket to its first call; serving time is
 * from the last call to "Hoàn thành". A no-show is a ticket cancelled for
 * missing its calls.
 */
export function queueFigures(day: string, tickets: readonly TicketTimes[]): QueueFigures {
  const waits = tickets.filter((t) => t.firstCalledAt !== null).map((t) => ({ t, m: minutesBetween(t.issuedAt, t.firstCalledAt ?? t.issuedAt) }));
  const serves = tickets
    .filter((t) => t.status === 'done' && t.calledAt !== null && t.completedAt !== null)
    .map((t) => ({ t, m: minutesBetween(t.calledAt ?? '', t.completedAt ?? '') }));

  const counters = [...new Set(tickets.map((t) => t.counter).filter((c): c is number => c !== null))].sort((a, b) => a - b);
  const areas = [...new Set(tickets.map((t) => t.area))].sort();
  const perHour = new Map<number, number>();
  for (const t of tickets) {
    const hour = toVnParts(new Date(t.issuedAt)).hour;
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  let busiestHour: number | null = null;
  for (const [hour, n] of perHour) if (busiestHour === null || n > (perHour.get(busiestHour) ?? 0) || (n === perHour.get(busiestHour) && hour < busiestHour)) busiestHour = hour;

  return {
    day,
    issued: tickets.length,
    served: serves.length,
    noShows: tickets.filter((t) => t.status === 'cancelled' && t.misses >= MAX_MISSES).length,
    busiestHour,
    byCounter: counters.map((counter) => ({
      counter,
      waiting: durations(waits.filter((w) => w.t.counter === counter).map((w) => w.m)),
      serving: durations(serves.filter((s) => s.t.counter === counter).map((s) => s.m)),
    })),
    byArea: areas.map((area) => ({
      area,
      waiting: durations(waits.filter((w) => w.t.area === area).map((w) => w.m)),
      serving: durations(serves.filter((s) => s.t.area === area).map((s) => s.m)),
    })),
  };
}
