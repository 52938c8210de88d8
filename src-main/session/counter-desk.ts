import type { Ticket } from '../../src-shared/portal-queue-api.js';

/**
 * The ticket this counter is calling or serving, as the portal last said.
 * The host, not the UI, names it on an application received meanwhile, as
 * it names the receiving officer; it holds a label and an area, nothing
 * about the person.
 */
export class CounterDesk {
  private ticket: Ticket | null = null;
  private readonly counterOf: () => number | null;

  /** A fixed number, or a reading of the setting ("Quản trị kiosk" changes it without a restart). */
  constructor(counter: number | null | (() => number | null)) {
    this.counterOf = typeof counter === 'function' ? counter : () => counter;
  }

  /** This desk's counter number now; null = no queue buttons. */
  get counter(): number | null {
    return this.counterOf();
  }

  /** A ticket called at the number this desk had before a change of setting is not served here. */
  serving(): Ticket | null {
    return this.ticket && this.ticket.counter === this.counter ? this.ticket : null;
  }

  /** What the portal answered: a ticket still called here is served; any other state frees the desk. */
  update(t: Ticket | null): void {
    this.ticket = t && t.status === 'called' && t.counter === this.counter ? t : null;
  }

  /** "Số thứ tự" for an application received now, or null when no ticket is being served. */
  servingLabel(): string | null {
    return this.serving()?.label ?? null;
  }
}
