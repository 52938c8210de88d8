import { describe, expect, it } from 'vitest';
import { aheadOf, estimatedWaitMinutes, pickNext, queueFigures, ticketLabel, type TicketTimes, type WaitingTicket } from '../../src-portal/queue/queue-rules.js';

const t = (id: string, area: string, priority: boolean, queuedAt: string, counter: number | null = null): WaitingTicket => ({
  id,
  area,
  priority,
  counter,
  queuedAt: `2026-03-02T0${queuedAt}:00.000Z`,
  number: Number(id.slice(1)),
});

describe('queue rules', () => {
  it('labels a ticket with its area letter and three digits', () => {
    expect(ticketLabel('B', 15)).toBe('B-015');
    expect(ticketLabel('A', 1234)).toBe('A-1234');
  });

  const line = [t('n1', 'A', false, '1:00'), t('n2', 'A', false, '1:05'), t('p3', 'A', true, '1:10'), t('n4', 'A', false, '1:15'), t('p5', 'A', true, '1:20'), t('c6', 'C', false, '1:00')];
  const counter1 = { no: 1, areas: ['A'] };

  it('calls priority first, then the interleave of ordinary tickets, and only the counter’s areas', () => {
    expect(pickNext(line, counter1, Number.POSITIVE_INFINITY, 2)?.id).toBe('p3');
    expect(pickNext(line, counter1, 0, 2)?.id).toBe('n1');
    expect(pickNext(line, counter1, 1, 2)?.id).toBe('n1');
    expect(pickNext(line, counter1, 2, 2)?.id).toBe('p3');
    // With no ordinary ticket left, priority ones are called whatever the count.
    expect(pickNext(line.filter((x) => x.priority), counter1, 0, 2)?.id).toBe('p3');
    expect(pickNext(line, { no: 2, areas: ['B'] }, 0, 2)).toBeNull();
  });

  it('gives a transferred ticket to that counter only, in its old place', () => {
    const moved = [...line, t('c7', 'C', false, '0:30', 1)];
    expect(pickNext(moved, counter1, 0, 2)?.id).toBe('c7');
    expect(pickNext(moved, { no: 2, areas: ['C'] }, 0, 2)?.id).toBe('c6');
  });

  it('counts who is ahead in the same area, priority tickets before ordinary ones', () => {
    const n4 = line.find((x) => x.id === 'n4');
    const p5 = line.find((x) => x.id === 'p5');
    expect(n4 && aheadOf(n4, line)).toBe(4);
    expect(p5 && aheadOf(p5, line)).toBe(1);
    expect(estimatedWaitMinutes(4, 6, 2)).toBe(15);
    expect(estimatedWaitMinutes(4, null, 2)).toBeNull();
  });

  it('computes waiting and serving times, no-shows and the busiest hour from fixed timestamps', () => {
    // 08:00 Vietnam time is 01:00Z.
    const rows: TicketTimes[] = [
      { area: 'A', counter: 1, status: 'done', misses: 0, issuedAt: '2026-03-02T01:00:00Z', firstCalledAt: '2026-03-02T01:10:00Z', calledAt: '2026-03-02T01:10:00Z', completedAt: '2026-03-02T01:16:00Z' },
      { area: 'A', counter: 1, status: 'done', misses: 1, issuedAt: '2026-03-02T01:05:00Z', firstCalledAt: '2026-03-02T01:25:00Z', calledAt: '2026-03-02T01:40:00Z', completedAt: '2026-03-02T01:44:00Z' },
      { area: 'B', counter: 2, status: 'done', misses: 0, issuedAt: '2026-03-02T01:30:00Z', firstCalledAt: '2026-03-02T01:33:00Z', calledAt: '2026-03-02T01:33:00Z', completedAt: '2026-03-02T01:45:00Z' },
      { area: 'B', counter: 2, status: 'cancelled', misses: 3, issuedAt: '2026-03-02T02:10:00Z', firstCalledAt: '2026-03-02T02:20:00Z', calledAt: null, completedAt: null },
      { area: 'A', counter: null, status: 'waiting', misses: 0, issuedAt: '2026-03-02T01:50:00Z', firstCalledAt: null, calledAt: null, completedAt: null },
    ];
    const f = queueFigures('2026-03-02', rows);
    expect(f).toMatchObject({ issued: 5, served: 3, noShows: 1, busiestHour: 8 });
    expect(f.byCounter).toEqual([
      { counter: 1, waiting: { count: 2, averageMinutes: 15, maxMinutes: 20 }, serving: { count: 2, averageMinutes: 5, maxMinutes: 6 } },
      { counter: 2, waiting: { count: 2, averageMinutes: 6.5, maxMinutes: 10 }, serving: { count: 1, averageMinutes: 12, maxMinutes: 12 } },
    ]);
    expect(f.byArea.map((a) => [a.area, a.waiting.averageMinutes, a.serving.averageMinutes])).toEqual([
      ['A', 15, 5],
      ['B', 6.5, 12],
    ]);
    expect(queueFigures('2026-03-03', [])).toMatchObject({ issued: 0, served: 0, busiestHour: null, byCounter: [], byArea: [] });
  });
});
