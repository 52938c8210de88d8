import type { FeeItem, Procedure } from '../catalogue.js';
import type { Channel, FeeLine } from '../portal-applications-api.js';

/**
 * The fees an application owes — the one computation the wizard, the kiosk
 * host (receipt), the portal (at submission and for payment) all use, so
 * every screen and paper names the same amount.
 *
 * Channel: fee decisions distinguish only "trực tuyến" from the rest, so
 * postal submission (bưu chính công ích) pays the in-person rate.
 *
 * Alternatives: a procedure's list often holds alternatives for different
 * cases (the reduced rate for students, re-issue after loss) after its
 * ordinary rate. Without a choice from the applicant the quote takes, for
 * each kind (phí, lệ phí), the first flat item that applies to the channel —
 * the ordinary case; `selected` (item names) replaces that choice.
 *
 * Per unit: an item with `perUnit` is priced per unit the applicant asks for
 * on the form (bản sao, người…): the named form field gives the count, and
 * it is added on top of the ordinary case. A unit may itself be priced by
 * its pages, in steps with a cap (chứng thực bản sao). Zero-amount lines
 * are left out.
 */

export type FeeChannel = 'truc_tuyen' | 'truc_tiep';

export function feeChannelOf(channel: Channel): FeeChannel {
  return channel === 'truc_tuyen' ? 'truc_tuyen' : 'truc_tiep';
}

export type KioskMode = 'self-service' | 'assisted';

/**
 * The channel a kiosk submission is made on, by the kiosk's mode: a citizen
 * who submits themself at a self-service kiosk uses the portal's online
 * service (dịch vụ công trực tuyến), so the online rate applies; an officer
 * receiving for a walk-in at the counter takes it in person.
 */
export const KIOSK_CHANNEL: Readonly<Record<KioskMode, Channel>> = {
  'self-service': 'truc_tuyen',
  assisted: 'truc_tiep',
};

export interface FeeQuote {
  items: FeeLine[];
  total: number;
  /** Names in `selected` that are not fee items of this procedure for this channel. */
  unknown: string[];
}

/** A count from the form: a whole number ≥ 0, as typed (string) or checked (number); anything else counts 0. */
export function unitCount(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(',', '.')) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The price of one unit: flat, or by its pages in steps (the first pages at `amount`, the rest cheaper, capped). */
export function unitPrice(f: FeeItem, fields: Readonly<Record<string, unknown>>): number {
  const pages = f.perUnit?.pages;
  if (!pages) return f.amount;
  const n = unitCount(fields[pages.field]);
  const full = Math.min(n, pages.fullRatePages);
  const stepped = full * f.amount + (n - full) * pages.laterPageAmount;
  return pages.maxPerUnit === undefined ? stepped : Math.min(stepped, pages.maxPerUnit);
}

function lineOf(f: FeeItem, quantity: number | null, unitAmount = f.amount): FeeLine {
  return {
    kind: f.kind,
    name: f.name,
    amount: quantity === null ? f.amount : unitAmount * quantity,
    ...(f.channel === 'tat_ca' ? {} : { channel: f.channel }),
    ...(quantity === null || !f.perUnit ? {} : { quantity, unitAmount, unit: f.perUnit.unit }),
  };
}

export function quoteFees(
  procedure: Pick<Procedure, 'fees'>,
  channel: Channel,
  fields: Readonly<Record<string, unknown>> = {},
  selected?: readonly string[],
): FeeQuote {
  const feeChannel = feeChannelOf(channel);
  const applicable = procedure.fees.filter((f) => f.channel === 'tat_ca' || f.channel === feeChannel);
  const flat = applicable.filter((f) => !f.perUnit);
  let chosen: FeeItem[];
  let unknown: string[] = [];
  if (selected) {
    const names = new Set(applicable.map((f) => f.name));
    unknown = selected.filter((n) => !names.has(n));
    chosen = flat.filter((f) => selected.includes(f.name));
  } else {
    const seenKinds = new Set<string>();
    chosen = flat.filter((f) => {
      if (seenKinds.has(f.kind)) return false;
      seenKinds.add(f.kind);
      return true;
    });
  }
  const lines = chosen.map((f) => lineOf(f, null));
  for (const f of applicable) {
    if (f.perUnit) lines.push(lineOf(f, Math.max(0, unitCount(fields[f.perUnit.field]) - f.perUnit.includedUnits), unitPrice(f, fields)));
  }
  const items = lines.filter((l) => l.amount > 0);
  return { items, total: items.reduce((sum, f) => sum + f.amount, 0), unknown };
}

/** Whether the rate depends on how the application is handed in, so the screen should say which one applies. */
export function ratesDifferByChannel(procedure: Pick<Procedure, 'fees'>): boolean {
  return procedure.fees.some((f) => f.channel !== 'tat_ca' && f.amount > 0);
}
