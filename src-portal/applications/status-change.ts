import type { Kysely } from 'kysely';
import { canTransition, isStatusCode, statusByCode, type StatusCode } from '../../src-shared/domain/application-status.js';
import type { Role } from '../auth/principal.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';
import { feesSettled } from '../payments/fee-quote.js';
import { paymentStatusOf, type ApplicationRow } from './records.js';

/** Who moved an application, for the audit trail. */
export interface Actor {
  accountId: number | null;
  role: Role | 'system';
  name: string;
  /** Kiosk the actor worked through (an officer at a counter kiosk, a kiosk device); audited with the row. */
  kioskId?: string | null;
}

export const RECEIVED: StatusCode = 2;

export async function recordStatus(
  db: Kysely<PortalDb>,
  applicationId: number,
  from: StatusCode | null,
  to: StatusCode,
  actor: Actor,
  note: string | null,
  at: Date,
): Promise<void> {
  await db
    .insertInto('application_status_history')
    .values({
      application_id: applicationId,
      from_status: from,
      to_status: to,
      actor_account_id: actor.accountId,
      actor_role: actor.role,
      actor_name: actor.name,
      note,
      at: at.toISOString(),
      kiosk_id: actor.kioskId ?? null,
    })
    .execute();
}

/**
 * Optimistic concurrency for officer actions: the request says which status
 * the officer saw; if another officer moved the application meanwhile, the
 * second answer is 409 with the status it is in now. Call inside the
 * transaction that changes it (SQLite serialises them, so the check holds).
 */
export function requireExpectedStatus(app: Pick<ApplicationRow, 'code' | 'status'>, expected: number): void {
  if (app.status === expected) return;
  const now = isStatusCode(app.status) ? statusByCode(app.status).name : String(app.status);
  throw new PortalHttpError(
    409,
    'STATUS_CHANGED',
    `Hồ sơ ${app.code} vừa được cập nhật (trạng thái hiện tại: "${now}"), có thể bởi một cán bộ khác. Vui lòng tải lại hồ sơ rồi thao tác lại.`,
    { current: app.status, expected },
  );
}

/**
 * Moves an application along the national status model; call inside a
 * transaction holding the row just read. Reception (→ 2) also needs the
 * fees settled: paid by transfer, or to be collected at the counter.
 */
export async function changeStatus(
  db: Kysely<PortalDb>,
  app: Pick<ApplicationRow, 'id' | 'code' | 'status' | 'payment_status'>,
  to: number,
  actor: Actor,
  note: string | null,
  at: Date,
): Promise<void> {
  const from = app.status;
  if (!isStatusCode(from) || !isStatusCode(to)) {
    throw new PortalHttpError(400, 'INVALID_STATUS', `Mã trạng thái hồ sơ phải từ 1 đến 10 (nhận được ${to}).`);
  }
  if (!canTransition(from, to)) {
    throw new PortalHttpError(
      409,
      'ILLEGAL_TRANSITION',
      `Không thể chuyển hồ sơ ${app.code} từ trạng thái "${statusByCode(from).name}" sang "${statusByCode(to).name}".`,
      { from, to },
    );
  }
  if (to === RECEIVED && !feesSettled(paymentStatusOf(app))) {
    throw new PortalHttpError(
      409,
      'FEES_UNPAID',
      `Hồ sơ ${app.code} chưa nộp phí, lệ phí: chỉ tiếp nhận được khi đã thanh toán hoặc đã ghi nhận nộp tại quầy.`,
    );
  }
  const moved = await db
    .updateTable('applications')
    .set({ status: to, updated_at: at.toISOString() })
    .where('id', '=', app.id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) {
    // The row read by the caller is stale: someone else moved it in between.
    throw new PortalHttpError(
      409,
      'STATUS_CHANGED',
      `Hồ sơ ${app.code} vừa được cập nhật bởi một thao tác khác. Vui lòng tải lại hồ sơ rồi thao tác lại.`,
      { expected: from },
    );
  }
  await recordStatus(db, app.id, from, to, actor, note, at);
}
