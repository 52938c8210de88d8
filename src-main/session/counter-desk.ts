import type { Ticket } from '../../src-shared/portal-queue-api.js';

/**
 * The ticket this counter is calling or serving, as the portal last said.
 * The host, not the UI, names it on an application received meanwhile, as
 * it names the receiving officer; it holds a label and an area, nothing
 * about the person.
 */
export class CounterDesk {
  private ticket: Ticket | null = null;

  constructor(readonly counter: number | null) {}

  serving(): Ticket | null {
    return this.ticket;
  }

  /** What the portal answered: a ticket still called here is served; any other state frees the desk. */
  update(t: Ticket | null): void {
    this.ticket = t && t.status === 'called' && t.counter === this.counter ? t : null;
  }

  /** "Số thứ tự" for an application received now, or null when no ticket is being served. */
  servingLabel(): string | null {
    return this.ticket?.label ?? null;
  }
}
