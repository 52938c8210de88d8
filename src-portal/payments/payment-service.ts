import type { Kysely } from 'kysely';
import { buildVietQr } from '../../src-shared/domain/vietqr.js';
import type { PaymentQuote } from '../../src-shared/portal-applications-api.js';
import type { PortalConfig } from '../config.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';
import { feeItemsOf, paymentStatusOf, lockApplication, type ApplicationRow } from '../applications/records.js';
import { recordStatus, type Actor } from '../applications/status-change.js';
import { isStatusCode } from '../../src-shared/domain/application-status.js';

/**
 * Fee payment of an application: the quote with a VietQR payload for bank
 * transfer, and the two ways a debt is settled (transfer confirmed by the
 * bank — the sandbox in training — or collection at the counter). Each
 * settlement is written to the application's timeline.
 */

export function paymentQuote(row: ApplicationRow, payee: PortalConfig['payments']): PaymentQuote {
  const status = paymentStatusOf(row);
  const owes = status === 'chua_thanh_toan' && row.fee_total > 0;
  return {
    code: row.code,
    items: feeItemsOf(row),
    total: row.fee_total,
    status,
    // The mã hồ sơ (25 characters, the VietQR maximum) is the transfer message, so the payment matches itself to the file.
    vietQr: owes ? buildVietQr({ bankBin: payee.bankBin, account: payee.account, amount: row.fee_total, purpose: row.code, billNumber: row.code }) : null,
    payee: owes ? { bankBin: payee.bankBin, account: payee.account, accountName: payee.accountName } : null,
    paidAt: row.paid_at,
  };
}

export type Settlement = 'transfer' | 'counter';

/**
 * Settles the fees; repeating the same settlement is harmless (a bank may
 * call back twice). A transfer may still arrive after "pay at counter" was
 * chosen; the counter cannot take money already transferred.
 */
export async function settleFees(
  db: Kysely<PortalDb>,
  code: string,
  how: Settlement,
  actor: Actor,
  at: Date,
  guard?: (row: ApplicationRow) => void,
): Promise<ApplicationRow> {
  return db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, code);
    guard?.(row);
    const status = paymentStatusOf(row);
    if (status === 'mien') {
      throw new PortalHttpError(409, 'NOTHING_TO_PAY', `Hồ sơ ${code} không phải nộp phí, lệ phí.`);
    }
    if (how === 'transfer' && status === 'da_thanh_toan') return row;
    if (how === 'counter' && status === 'thu_tai_quay') return row;
    if (how === 'counter' && status === 'da_thanh_toan') {
      throw new PortalHttpError(409, 'ALREADY_PAID', `Hồ sơ ${code} đã được thanh toán phí, lệ phí qua chuyển khoản.`);
    }
    const stamp = at.toISOString();
    const next = how === 'transfer' ? 'da_thanh_toan' : 'thu_tai_quay';
    await trx
      .updateTable('applications')
      .set({ payment_status: next, paid_at: how === 'transfer' ? stamp : null, updated_at: stamp })
      .where('id', '=', row.id)
      .execute();
    if (!isStatusCode(row.status)) throw new RangeError(`Trạng thái hồ sơ không hợp lệ: ${row.status}.`);
    const total = row.fee_total.toLocaleString('vi-VN');
    await recordStatus(
      trx,
      row.id,
      row.status,
      row.status,
      actor,
      how === 'transfer' ? `Đã nhận chuyển khoản phí, lệ phí ${total} đồng.` : `Người nộp sẽ nộp phí, lệ phí ${total} đồng tại quầy.`,
      at,
    );
    return { ...row, payment_status: next, paid_at: how === 'transfer' ? stamp : null };
  });
}
