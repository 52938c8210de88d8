import type { FastifyRequest } from 'fastify';
import type { Procedure } from '../../src-shared/catalogue.js';
import { formatMaHoSo, MA_HO_SO_MAX_SEQ } from '../../src-shared/domain/ma-ho-so.js';
import { dateKeyOf, toVnParts, vnDateKey } from '../../src-shared/domain/vn-time.js';
import { addWorkingDays } from '../../src-shared/domain/working-days.js';
import {
  ApplicationSubmissionSchema,
  type ApplicationCreated,
  type ApplicationSubmission,
  type FeeLine,
} from '../../src-shared/portal-applications-api.js';
import type { Principal } from '../auth/principal.js';
import type { PortalContext } from '../context.js';
import type { PortalDb } from '../db/tables.js';
import type { Kysely } from 'kysely';
import { loadWorkCalendar } from '../holidays/holiday-table.js';
import { PortalHttpError } from '../http/errors.js';
import { initialPaymentStatus } from '../payments/fee-quote.js';
import { quoteFees } from '../../src-shared/domain/fees.js';
import type { AttachmentStore } from './attachment-store.js';
import { insertAttachmentRows } from './attachment-rows.js';
import { checkApplicantIdentity, checkDocumentComponents, checkFormFields, type FieldIssue } from '../../src-shared/domain/form-validation.js';
import { eFormFilled, identityVerifiedBySignIn } from '../../src-shared/domain/document-waivers.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from './idempotency.js';
import { readSubmission, type UploadedDocument, type UploadLimits } from './multipart-reader.js';
import { loadProcedure, statusView } from './records.js';
import { receiverOf } from '../officer/delegation.js';
import { changeStatus, recordStatus, type Actor } from './status-change.js';
import { proxyRecord, requireApplicantIsSignedIn } from './access.js';

/**
 * POST /api/v1/applications from request to stored application: read and
 * hash the upload, settle the idempotency key, validate against the
 * procedure, then issue the mã hồ sơ and store everything in one
 * transaction.
 */

export interface SubmitResult {
  status: number;
  body: ApplicationCreated;
  replayed: boolean;
}

interface Validated {
  submission: ApplicationSubmission;
  procedure: Procedure;
  fields: Record<string, string | number>;
  fees: { items: FeeLine[]; total: number };
}

function invalidApplication(issues: FieldIssue[]): PortalHttpError {
  return new PortalHttpError(
    400,
    'INVALID_APPLICATION',
    `Thông tin hồ sơ không hợp lệ: ${issues.map((i) => `${i.path} — ${i.message}`).join('; ')}`,
    issues,
  );
}

async function validate(db: Kysely<PortalDb>, raw: unknown, documents: readonly UploadedDocument[], now: Date, principal: Principal): Promise<Validated> {
  const parsed = ApplicationSubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidApplication(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
  const submission = parsed.data;
  const procedure = await loadProcedure(db, submission.procedureCode);
  if (!procedure) {
    throw new PortalHttpError(404, 'PROCEDURE_NOT_FOUND', 'Không tìm thấy thủ tục hành chính với mã này.', { procedureCode: submission.procedureCode });
  }

  const today = vnDateKey(now);
  // The same rules as the kiosk wizard and the kiosk host (src-shared/domain/form-validation.ts).
  const issues: FieldIssue[] = checkApplicantIdentity(submission.applicant, now);
  const fields = checkFormFields(procedure.formFields, submission.fields, today);
  issues.push(...fields.issues);
  const fees = quoteFees(procedure, submission.channel, fields.values, submission.feeItems);
  for (const name of fees.unknown) {
    issues.push({ path: 'feeItems', message: `Khoản phí, lệ phí "${name}" không áp dụng cho thủ tục này theo kênh nộp đã chọn.` });
  }
  if (issues.length > 0) {
    throw new PortalHttpError(
      400,
      'INVALID_FIELDS',
      `Thông tin hồ sơ chưa hợp lệ: ${issues.map((i) => i.message).join(' ')}`,
      // The portal's API speaks Vietnamese sentences; the kiosk's message keys are not part of it.
      issues.map((i) => ({ path: i.path, message: i.message })),
    );
  }

  // The citizen's own login (or, for a kiosk device, the login at the kiosk) verifies who applies.
  const signedIn = principal.role === 'citizen' ? principal.citizenId : principal.role === 'kiosk' ? submission.signedInCitizenId : undefined;
  const { unknown, missing } = checkDocumentComponents(procedure.documents, documents, {
    identityVerified: identityVerifiedBySignIn(signedIn, submission.submitter?.kind, submission.applicant.citizenId),
    eFormFilled: eFormFilled(procedure.formFields, fields.values),
  });
  if (unknown.length > 0) {
    throw new PortalHttpError(
      400,
      'UNKNOWN_DOCUMENT_COMPONENT',
      `Thành phần hồ sơ không thuộc thủ tục này: ${unknown.join(', ')}.`,
      unknown.map((componentId) => ({ componentId })),
    );
  }
  if (missing.length > 0) {
    throw new PortalHttpError(
      400,
      'MISSING_DOCUMENTS',
      `Còn thiếu thành phần hồ sơ bắt buộc: ${missing.map((d) => d.name).join('; ')}.`,
      missing.map((d) => ({ componentId: d.id, name: d.name })),
    );
  }
  return { submission, procedure, fields: fields.values, fees: { items: fees.items, total: fees.total } };
}

/** Next number in the agency's daily series; inside the insert's transaction, so a rollback leaves no gap. */
async function allocateSeq(trx: Kysely<PortalDb>, agencyCode: string, day: string): Promise<number> {
  const row = await trx
    .insertInto('application_counters')
    .values({ agency_code: agencyCode, day, last_seq: 1 })
    .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet((eb) => ({ last_seq: eb('application_counters.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  if (row.last_seq > MA_HO_SO_MAX_SEQ) {
    throw new PortalHttpError(
      503,
      'DAILY_SEQUENCE_EXHAUSTED',
      `Cơ quan đã tiếp nhận ${MA_HO_SO_MAX_SEQ} hồ sơ trong ngày, không cấp thêm được mã hồ sơ. Vui lòng nộp lại vào ngày làm việc tiếp theo.`,
    );
  }
  return row.last_seq;
}

function actorOf(principal: Principal): Actor {
  return { accountId: principal.accountId, role: principal.role, name: principal.displayName };
}

export async function submitApplication(
  ctx: PortalContext,
  store: AttachmentStore,
  limits: UploadLimits,
  req: FastifyRequest,
  principal: Principal,
  idempotencyKey: string,
): Promise<SubmitResult> {
  const { db } = ctx;
  const read = await readSubmission(req, store, limits);
  const files = read.documents.map((d) => d.file);
  let claimedAt: string | null = null;
  try {
    const fingerprint = requestFingerprint(
      principal.accountId,
      read.application,
      read.documents.map((d) => ({ part: d.componentId, sha256: d.file.sha256 })),
    );
    const claim = await claimIdempotencyKey(db, idempotencyKey, fingerprint, principal.accountId, ctx.now());
    if (claim.kind === 'replay') {
      await store.discard(files);
      return { status: claim.answer.status, body: claim.answer.body as ApplicationCreated, replayed: true };
    }
    claimedAt = claim.startedAt;

    // Refuse a forged or stale delegation before anything is stored (see officer/delegation.ts).
    const receiver = await receiverOf(ctx, req, principal);
    const receivedAt = ctx.now();
    const { submission, procedure, fields, fees } = await validate(db, read.application, read.documents, receivedAt, principal);
    requireApplicantIsSignedIn(principal, submission);
    // A queue ticket names a walk-in at the centre: it comes from a counter officer or a kiosk device
    // (which may send after the officer's session has gone, as a counter that was offline does).
    if (submission.queueTicket !== undefined && receiver === null && principal.role !== 'kiosk') {
      throw new PortalHttpError(
        400,
        'QUEUE_TICKET_NOT_AT_COUNTER',
        'Số thứ tự chỉ đi kèm hồ sơ tiếp nhận tại quầy một cửa; hồ sơ nộp trực tuyến không có số thứ tự.',
        [{ path: 'queueTicket', message: 'Chỉ hồ sơ nhận tại quầy mới có số thứ tự.' }],
      );
    }
    const owner = await ownerOf(db, principal, submission);
    const vn = toVnParts(receivedAt);
    // A year and a bit of holidays covers any processing time in the catalogue (the longest are a few months).
    const calendar = await loadWorkCalendar(db, vn.year, vn.year + 1 + Math.floor(procedure.processingDays / 200), receivedAt);
    const appointmentAt = addWorkingDays(receivedAt, procedure.processingDays, calendar);
    const paymentStatus = initialPaymentStatus(fees.total);
    const onBehalf = receiver !== null;
    // Assisted counter: the officer of the receiving agency receives at once when nothing is owed.
    const receiveNow = receiver !== null && receiver.officer.agencyCode === procedure.agency.code && paymentStatus === 'mien';

    for (const f of files) await store.promote(f);

    const body = await db.transaction().execute(async (trx) => {
      const day = dateKeyOf(vn);
      const seq = await allocateSeq(trx, procedure.agency.code, day);
      const code = formatMaHoSo(procedure.agency.code, vn, seq);
      const stamp = receivedAt.toISOString();
      const inserted = await trx
        .insertInto('applications')
        .values({
          code,
          agency_code: procedure.agency.code,
          agency_name: procedure.agency.name,
          seq_day: day,
          seq,
          procedure_code: procedure.code,
          procedure_name: procedure.name,
          processing_days: procedure.processingDays,
          channel: submission.channel,
          status: 1,
          applicant_name: submission.applicant.fullName.normalize('NFC'),
          applicant_citizen_id: submission.applicant.citizenId,
          // A proxy is kept with the applicant it acted for; the submitter is submitted_by_account_id.
          applicant_json: JSON.stringify({ ...submission.applicant, fullName: submission.applicant.fullName.normalize('NFC'), ...proxyRecord(submission) }),
          fields_json: JSON.stringify(fields),
          submitted_by_account_id: principal.accountId,
          owner_account_id: owner,
          received_by_account_id: receiver?.officer.accountId ?? null,
          received_by_name: receiver?.officer.displayName ?? null,
          kiosk_id: submission.kioskId ?? receiver?.kioskId ?? null,
          queue_ticket: submission.queueTicket ?? null,
          idempotency_key: idempotencyKey,
          received_at: stamp,
          appointment_at: appointmentAt.toISOString(),
          fee_items_json: JSON.stringify(fees.items),
          fee_total: fees.total,
          payment_status: paymentStatus,
          paid_at: null,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertAttachmentRows(trx, inserted.id, read.documents, 0);
      // The audit names the receiving officer (and the kiosk) rather than the kiosk device that carried it.
      const actor: Actor = receiver ? { ...actorOf(receiver.officer), kioskId: receiver.kioskId ?? submission.kioskId ?? null } : actorOf(principal);
      await recordStatus(trx, inserted.id, null, 1, actor, onBehalf ? 'Cán bộ một cửa nhận hồ sơ trực tiếp tại quầy.' : null, receivedAt);
      if (receiveNow) {
        await changeStatus(trx, { id: inserted.id, code, status: 1, payment_status: paymentStatus }, 2, actor, 'Tiếp nhận ngay khi nhận hồ sơ tại quầy.', receivedAt);
      }
      const created: ApplicationCreated = {
        code,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        agency: { code: procedure.agency.code, name: procedure.agency.name },
        channel: submission.channel,
        status: statusView(receiveNow ? 2 : 1),
        receivedAt: stamp,
        appointmentAt: appointmentAt.toISOString(),
        processingDays: procedure.processingDays,
        fees: { items: fees.items, total: fees.total, status: paymentStatus },
        attachments: read.documents.length,
      };
      await completeIdempotencyKey(trx, idempotencyKey, inserted.id, { status: 201, body: created });
      return created;
    });
    return { status: 201, body, replayed: false };
  } catch (e) {
    await store.discard(files);
    if (claimedAt !== null) await releaseIdempotencyKey(db, idempotencyKey, claimedAt);
    throw e;
  }
}

/**
 * The account an application belongs to: the citizen or business that sent
 * it, or, for a kiosk device, the citizen who signed in at the kiosk. So a
 * proxy sees in full what they handed in for someone else, as the applicant does.
 */
async function ownerOf(db: Kysely<PortalDb>, principal: Principal, submission: Pick<ApplicationSubmission, 'signedInCitizenId'>): Promise<number | null> {
  if (principal.role === 'citizen' || principal.role === 'business') return principal.accountId;
  if (principal.role !== 'kiosk' || !submission.signedInCitizenId) return null;
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'citizen')
    .where('citizen_id', '=', submission.signedInCitizenId)
    .executeTakeFirst();
  return row?.id ?? null;
}
