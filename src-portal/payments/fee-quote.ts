import type { Procedure } from '../../src-shared/catalogue.js';
import type { Channel, FeeLine, PaymentStatus } from '../../src-shared/portal-applications-api.js';

/**
 * The fees an application owes, from the procedure's fee items for its
 * channel. Postal submission (bưu chính công ích) is not online submission:
 * it pays the in-person rate, as fee decisions distinguish only "trực
 * tuyến" from the rest.
 *
 * A procedure's list often holds alternatives for different cases (the
 * reduced rate for students, re-issue after loss, registration by list)
 * after its ordinary rate. Without a choice from the applicant the quote
 * takes, for each kind (phí, lệ phí), the first item that applies to the
 * channel — the ordinary case; `selected` (item names) replaces that choice.
 * Zero-amount items ("miễn") are left out of the lines.
 */
export interface FeeQuote {
  items: FeeLine[];
  total: number;
  /** Names in `selected` that are not fee items of this procedure for this channel. */
  unknown: string[];
}

export function quoteFees(procedure: Pick<Procedure, 'fees'>, channel: Channel, selected?: readonly string[]): FeeQuote {
  const feeChannel = channel === 'truc_tuyen' ? 'truc_tuyen' : 'truc_tiep';
  const applicable = procedure.fees.filter((f) => f.channel === 'tat_ca' || f.channel === feeChannel);
  let chosen: typeof applicable;
  let unknown: string[] = [];
  if (selected) {
    const names = new Set(applicable.map((f) => f.name));
    unknown = selected.filter((n) => !names.has(n));
    chosen = applicable.filter((f) => selected.includes(f.name));
  } else {
    const seenKinds = new Set<string>();
    chosen = applicable.filter((f) => {
      if (seenKinds.has(f.kind)) return false;
      seenKinds.add(f.kind);
      return true;
    });
  }
  const items = chosen.filter((f) => f.amount > 0).map((f) => ({ kind: f.kind, name: f.name, amount: f.amount }));
  return { items, total: items.reduce((sum, f) => sum + f.amount, 0), unknown };
}

export function initialPaymentStatus(total: number): PaymentStatus {
  return total > 0 ? 'chua_thanh_toan' : 'mien';
}

/** Fees no longer stand in the way of reception. */
export function feesSettled(status: PaymentStatus): boolean {
  return status !== 'chua_thanh_toan';
}
