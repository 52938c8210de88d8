import { normalizeCitizenId, citizenIdProblem } from '../auth/identifiers.js';
import { randomId, sha256Hex } from '../auth/secrets.js';
import type { ReturnRequest, ReturnSlip } from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { feeItemsOf, paymentStatusOf, type ApplicationRow } from '../applications/records.js';
import { changeStatus, recordStatus } from '../applications/status-change.js';
import type { ActingOfficer } from '../officer/acting-officer.js';
import { inAgencyTransaction } from '../officer/agency-transaction.js';

/**
 * "Trả kết quả" (9 → 10): the officer checks who takes the result, collects
 * what is still owed, and hands out a one-time token with which the citizen
 * can rate the service at the kiosk without signing in.
 */

/** How long the rating token from a return stays valid: the citizen rates at the counter, right after. */
export const RATING_TOKEN_TTL_MS = 60 * 60_000;

export interface ReturnOutcome {
  slip: ReturnSlip;
  ratingToken: string;
  ratingTokenExpiresAt: string;
}

/** Fees not yet in the agency's hands: never paid, or chosen "at the counter" and not collected yet. */
export function feesDue(row: Pick<ApplicationRow, 'payment_status' | 'paid_at' | 'fee_total'>): number {
  const status = paymentStatusOf(row);
  if (status === 'chua_thanh_toan') return row.fee_total;
  if (status === 'thu_tai_quay' && row.paid_at === null) return row.fee_total;
  return 0;
}

function checkRecipient(row: ApplicationRow, recipient: ReturnRequest['recipient'], now: Date): { name: string; citizenId: string; note: string | null } {
  const citizenId = normalizeCitizenId(recipient.citizenId);
  if (recipient.kind === 'applicant') {
    if (citizenId !== row.applicant_citizen_id) {
      throw new PortalHttpError(
        422,
        'CITIZEN_ID_MISMATCH',
        'Số CCCD không khớp với người nộp hồ sơ. Vui lòng kiểm tra lại giấy tờ của người nhận, hoặc ghi nhận người được ủy quyền nhận thay.',
      );
    }
    return { name: row.applicant_name, citizenId, note: null };
  }
  const problem = citizenIdProblem(citizenId, now);
  if (problem) throw new PortalHttpError(400, 'INVALID_CITIZEN_ID', `Số định danh của người được ủy quyền không hợp lệ: ${problem}`);
  return { name: recipient.fullName.normalize('NFC'), citizenId, note: recipient.note.normalize('NFC') };
}

export async function returnResult(ctx: PortalContext, who: ActingOfficer, code: string, body: ReturnRequest): Promise<ReturnOutcome> {
  return inAgencyTransaction(ctx, who, code, body.expectedStatus, async (trx, row) => {
    const at = ctx.now();
    const stamp = at.toISOString();
    // Checked before the recipient, so a result not ready is never mistaken for a wrong person.
    if (row.status !== 9) {
      throw new PortalHttpError(409, 'RESULT_NOT_READY', `Hồ sơ ${row.code} chưa ở trạng thái "Đã xử lý xong", chưa trả kết quả được.`);
    }
    const recipient = checkRecipient(row, body.recipient, at);
    const due = feesDue(row);
    if (due > 0 && body.collectFees !== true) {
      throw new PortalHttpError(
        409,
        'FEES_DUE',
        `Hồ sơ ${row.code} còn phí, lệ phí ${due.toLocaleString('vi-VN')} đồng chưa thu. Vui lòng thu phí, lệ phí trước khi trả kết quả.`,
        { amount: due },
      );
    }
    if (due > 0) {
      await trx.updateTable('applications').set({ payment_status: 'thu_tai_quay', paid_at: stamp, updated_at: stamp }).where('id', '=', row.id).execute();
      await recordStatus(trx, row.id, 9, 9, who.actor, `Đã thu phí, lệ phí ${due.toLocaleString('vi-VN')} đồng tại quầy.`, at);
    }
    const note = body.note?.normalize('NFC');
    const said = body.recipient.kind === 'applicant' ? 'Đã trả kết quả cho người nộp hồ sơ.' : 'Đã trả kết quả cho người được ủy quyền nhận thay.';
    await changeStatus(trx, row, 10, who.actor, note ? `${said} ${note}` : said, at);
    await trx
      .insertInto('application_returns')
      .values({
        application_id: row.id,
        returned_at: stamp,
        returned_by_account_id: who.actor.accountId,
        returned_by_name: who.actor.name,
        kiosk_id: who.actor.kioskId,
        recipient_kind: body.recipient.kind,
        recipient_name: recipient.name,
        recipient_citizen_id: recipient.citizenId,
        recipient_note: recipient.note,
        fees_collected: due,
      })
      .execute();
    const ratingToken = randomId(32);
    const expiresAt = new Date(at.getTime() + RATING_TOKEN_TTL_MS).toISOString();
    await trx.insertInto('rating_tokens').values({ token_hash: sha256Hex(ratingToken), application_id: row.id, expires_at: expiresAt, used_at: null }).execute();
    return {
      slip: {
        code: row.code,
        agency: { code: row.agency_code, name: row.agency_name },
        procedureName: row.procedure_name,
        applicantName: row.applicant_name,
        recipient: { kind: body.recipient.kind, fullName: recipient.name, note: recipient.note },
        returnedAt: stamp,
        returnedBy: { accountId: who.actor.accountId, name: who.actor.name },
        kioskId: who.actor.kioskId,
        appointmentAt: row.appointment_at,
        feesCollected: due,
        fees: { items: feeItemsOf(row), total: row.fee_total },
      },
      ratingToken,
      ratingTokenExpiresAt: expiresAt,
    };
  });
}
