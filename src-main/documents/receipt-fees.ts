import type { Agency } from '../../src-shared/catalogue.js';
import type { FeeQuote } from '../../src-shared/domain/fees.js';
import type { FeeLine, PaymentQuote, PaymentStatus } from '../../src-shared/portal-applications-api.js';
import { formatVnd } from './vn-format.js';

/**
 * What the receipt says about fees: the lines and the VietQR. Both come
 * from the one fee computation (src-shared/domain/fees.ts) — the portal's
 * quote when the portal has the application (what a transfer is matched
 * against, with the payment code), the kiosk's own quote otherwise
 * (provisional receipt, portal away), which then owes without a code.
 */

const CHANNEL_TEXT = { truc_tuyen: 'nộp trực tuyến', truc_tiep: 'nộp trực tiếp' } as const;

/** One printed line: name (units × price) (channel); the amount is printed beside it. */
export function feeLineName(line: FeeLine): string {
  const units = line.quantity !== undefined && line.unitAmount !== undefined ? ` (${line.quantity} ${line.unit ?? ''} × ${formatVnd(line.unitAmount)})`.replace(/ {2}/g, ' ') : '';
  const channel = line.channel ? ` (${CHANNEL_TEXT[line.channel]})` : '';
  return `${line.name}${units}${channel}`;
}

export interface ReceiptFeesPart {
  fees: { items: { name: string; amount: number }[]; total: number; status: PaymentStatus } | null;
  payment: { vietQr: string; bankName: string; accountNumber: string; accountName: string } | null;
}

export function receiptFees(local: FeeQuote | null, portal: PaymentQuote | null): ReceiptFeesPart {
  const quote = portal ?? (local ? { ...local, status: local.total > 0 ? ('chua_thanh_toan' as const) : ('mien' as const) } : null);
  if (!quote) return { fees: null, payment: null };
  const fees = { items: quote.items.map((l) => ({ name: feeLineName(l), amount: l.amount })), total: quote.total, status: quote.status };
  const payment =
    portal?.vietQr && portal.payee
      ? // No bank directory ships with the kiosk: the NAPAS code names the bank, as the result screen does.
        { vietQr: portal.vietQr, bankName: `Mã ngân hàng ${portal.payee.bankBin}`, accountNumber: portal.payee.account, accountName: portal.payee.accountName }
      : null;
  return { fees, payment };
}

/**
 * The body printed above the receiving agency in a form's heading: its
 * nearest parent from the agency data (Công an tỉnh over a ward's police,
 * UBND tỉnh over a ward's People's Committee); none when the record does not say.
 */
export function headingParent(agency: Pick<Agency, 'parents'> | null | undefined): string | null {
  return agency?.parents?.[0] ?? null;
}
