import type { Kysely } from 'kysely';
import type { Procedure } from '../../src-shared/catalogue.js';
import { toVnParts } from '../../src-shared/domain/vn-time.js';
import { addWorkingDays } from '../../src-shared/domain/working-days.js';
import { ApplicantSchema } from '../../src-shared/portal-applications-api.js';
import type {
  AcceptRequest,
  ProcessingStep,
  ReceptionReceipt,
  RejectRequest,
  RejectionSlip,
  SupplementRequestBody,
  SupplementRequestView,
} from '../../src-shared/portal-officer-api.js';
import { normalizeVnMobile } from '../auth/identifiers.js';
import type { PortalContext } from '../context.js';
import type { PortalDb } from '../db/tables.js';
import { loadWorkCalendar } from '../holidays/holiday-table.js';
import { PortalHttpError } from '../http/errors.js';
import { createOutboxSmsProvider } from '../sms/provider.js';
import { feeItemsOf, loadProcedure, paymentStatusOf, type ApplicationRow } from '../applications/records.js';
import { changeStatus } from '../applications/status-change.js';
import { closeRequest, currentRequest, requestView, type SupplementRequestRow } from '../supplements/requests.js';
import type { ActingOfficer } from './acting-officer.js';
import { inAgencyTransaction } from './agency-transaction.js';

/**
 * The reception decisions and the processing steps the reference portal
 * offers, each inside inAgencyTransaction, audited with the officer and
 * the kiosk.
 */

type Db = Kysely<PortalDb>;

function nfc(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text.normalize('NFC');
}

/** In status 5 the next decision waits for the citizen's supplement, asked at the given stage. */
async function requireSupplemented(trx: Db, row: ApplicationRow, stage: SupplementRequestRow['stage']): Promise<void> {
  const request = await currentRequest(trx, row);
  if (!request || request.stage !== stage) {
    throw new PortalHttpError(
      409,
      'ILLEGAL_TRANSITION',
      stage === 'reception'
        ? `Hồ sơ ${row.code} đang chờ bổ sung trong quá trình xử lý, không thuộc bước tiếp nhận.`
        : `Hồ sơ ${row.code} đang chờ bổ sung ở bước tiếp nhận; vui lòng tiếp nhận hoặc từ chối tiếp nhận hồ sơ.`,
    );
  }
  if (request.state !== 'supplemented') {
    throw new PortalHttpError(409, 'SUPPLEMENT_PENDING', `Hồ sơ ${row.code} đang chờ người nộp bổ sung giấy tờ theo yêu cầu.`);
  }
}

function receiptOf(row: ApplicationRow, procedure: Procedure | null, files: Map<string, number>, who: ActingOfficer, acceptedAt: Date, appointmentAt: Date): ReceptionReceipt {
  const applicant = ApplicantSchema.parse(JSON.parse(row.applicant_json));
  const documents = (procedure?.documents ?? [])
    .filter((d) => (files.get(d.id) ?? 0) > 0)
    .map((d) => ({ componentId: d.id, name: d.name, originals: d.originals, copies: d.copies, files: files.get(d.id) ?? 0 }));
  return {
    code: row.code,
    agency: { code: row.agency_code, name: row.agency_name },
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    applicant: { fullName: applicant.fullName, address: applicant.address, phone: applicant.phone, email: applicant.email ?? null },
    documents,
    processingDays: row.processing_days,
    acceptedAt: acceptedAt.toISOString(),
    appointmentAt: appointmentAt.toISOString(),
    receivedBy: { accountId: who.actor.accountId, name: who.actor.name },
    kioskId: who.actor.kioskId,
    channel: row.channel,
    fees: { items: feeItemsOf(row), total: row.fee_total, status: paymentStatusOf(row) },
  };
}

/** "Tiếp nhận": 1 → 2 (or 5 → 2 once the supplement asked at reception is in); the appointment counts from now. */
export async function acceptApplication(ctx: PortalContext, who: ActingOfficer, code: string, body: AcceptRequest): Promise<ReceptionReceipt> {
  return inAgencyTransaction(ctx, who, code, body.expectedStatus, async (trx, row) => {
    if (row.status === 5) await requireSupplemented(trx, row, 'reception');
    const acceptedAt = ctx.now();
    const vn = toVnParts(acceptedAt);
    const calendar = await loadWorkCalendar(trx, vn.year, vn.year + 1 + Math.floor(row.processing_days / 200), acceptedAt);
    const appointmentAt = addWorkingDays(acceptedAt, row.processing_days, calendar);
    await changeStatus(trx, row, 2, who.actor, nfc(body.note), acceptedAt);
    await trx.updateTable('applications').set({ appointment_at: appointmentAt.toISOString() }).where('id', '=', row.id).execute();
    await closeRequest(trx, row.id, acceptedAt);
    const attachments = await trx.selectFrom('application_attachments').select('component_id').where('application_id', '=', row.id).execute();
    const files = new Map<string, number>();
    for (const a of attachments) files.set(a.component_id, (files.get(a.component_id) ?? 0) + 1);
    return receiptOf(row, await loadProcedure(trx, row.procedure_code), files, who, acceptedAt, appointmentAt);
  });
}

/** "Từ chối tiếp nhận": 1 → 3, or 5 → 3 when the supplement asked at reception does not make the file acceptable. */
export async function rejectApplication(ctx: PortalContext, who: ActingOfficer, code: string, body: RejectRequest): Promise<RejectionSlip> {
  return inAgencyTransaction(ctx, who, code, body.expectedStatus, async (trx, row) => {
    if (row.status === 5) {
      const request = await currentRequest(trx, row);
      if (request?.stage !== 'reception') {
        throw new PortalHttpError(409, 'ILLEGAL_TRANSITION', `Hồ sơ ${row.code} đã được tiếp nhận; không thể từ chối tiếp nhận.`);
      }
    }
    const at = ctx.now();
    const reason = body.reason.normalize('NFC');
    await changeStatus(trx, row, 3, who.actor, reason, at);
    await closeRequest(trx, row.id, at);
    return {
      code: row.code,
      agency: { code: row.agency_code, name: row.agency_name },
      procedureName: row.procedure_name,
      applicantName: row.applicant_name,
      reason,
      rejectedAt: at.toISOString(),
      rejectedBy: { accountId: who.actor.accountId, name: who.actor.name },
      kioskId: who.actor.kioskId,
    };
  });
}

function supplementSms(code: string, count: number): string {
  return (
    `Cổng DVC Quảng Ngãi: hồ sơ ${code} cần bổ sung ${count} thành phần. ` +
    'Vui lòng xem Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ và gửi bổ sung tại kiosk một cửa hoặc Cổng dịch vụ công.'
  );
}

/** "Yêu cầu bổ sung": 1, 2 or 4 → 5 with the components to send again; the citizen is told by SMS. */
export async function requestSupplement(
  ctx: PortalContext,
  who: ActingOfficer,
  code: string,
  body: SupplementRequestBody,
): Promise<SupplementRequestView> {
  const { view, phone } = await inAgencyTransaction(ctx, who, code, body.expectedStatus, async (trx, row) => {
    if (row.status !== 1 && row.status !== 2 && row.status !== 4) {
      throw new PortalHttpError(409, 'ILLEGAL_TRANSITION', `Không thể yêu cầu bổ sung hồ sơ ${row.code} ở trạng thái hiện tại.`);
    }
    const procedure = await loadProcedure(trx, row.procedure_code);
    const known = new Set((procedure?.documents ?? []).map((d) => d.id));
    const unknown = body.components.filter((c) => !known.has(c.componentId)).map((c) => c.componentId);
    if (unknown.length > 0) {
      throw new PortalHttpError(400, 'UNKNOWN_DOCUMENT_COMPONENT', `Thành phần hồ sơ không thuộc thủ tục này: ${unknown.join(', ')}.`, unknown.map((componentId) => ({ componentId })));
    }
    const ids = body.components.map((c) => c.componentId);
    if (new Set(ids).size !== ids.length) {
      throw new PortalHttpError(400, 'DUPLICATE_COMPONENT', 'Mỗi thành phần hồ sơ chỉ được chọn một lần trong yêu cầu bổ sung.');
    }
    const at = ctx.now();
    const note = body.note.normalize('NFC');
    await changeStatus(trx, row, 5, who.actor, note, at);
    const inserted = await trx
      .insertInto('supplement_requests')
      .values({
        application_id: row.id,
        stage: row.status === 1 ? 'reception' : 'processing',
        components_json: JSON.stringify(body.components.map((c) => ({ componentId: c.componentId, reason: nfc(c.reason) }))),
        note,
        requested_at: at.toISOString(),
        requested_by_account_id: who.actor.accountId,
        requested_by_name: who.actor.name,
        kiosk_id: who.actor.kioskId,
        state: 'open',
        supplemented_at: null,
        closed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const applicant = ApplicantSchema.parse(JSON.parse(row.applicant_json));
    return { view: await requestView(trx, { ...row, status: 5 }, inserted), phone: normalizeVnMobile(applicant.phone) };
  });
  // After the commit: the outbox is written through the main connection, which the transaction held.
  if (phone) await createOutboxSmsProvider(ctx.db, ctx.now).send({ to: phone, body: supplementSms(view.code, view.components.length) });
  return view;
}

/** 2 → 4 "Đang xử lý" (or 5 → 4 once a supplement asked during processing is in). */
export async function startProcessing(ctx: PortalContext, who: ActingOfficer, code: string, body: ProcessingStep): Promise<void> {
  await inAgencyTransaction(ctx, who, code, body.expectedStatus, async (trx, row) => {
    if (row.status === 5) await requireSupplemented(trx, row, 'processing');
    const at = ctx.now();
    await changeStatus(trx, row, 4, who.actor, nfc(body.note), at);
    await closeRequest(trx, row.id, at);
  });
}

/** 4 → 9 "Đã xử lý xong": the result is ready to hand back. */
export async function finishProcessing(ctx: PortalContext, who: ActingOfficer, code: string, body: ProcessingStep): Promise<void> {
  await inAgencyTransaction(ctx, who, code, body.expectedStatus, async (trx, row) => {
    await changeStatus(trx, row, 9, who.actor, nfc(body.note), ctx.now());
  });
}
