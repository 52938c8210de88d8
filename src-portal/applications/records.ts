import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import { isStatusCode, statusByCode } from '../../src-shared/domain/application-status.js';
import {
  ActorRoleSchema,
  ApplicantSchema,
  ChannelSchema,
  FeeLineSchema,
  PaymentStatusSchema,
  type ApplicationFullView,
  type ApplicationListItem,
  type ApplicationPublicView,
  type ApplicationStatusView,
  type AttachmentMeta,
  type PaymentStatus,
  type TimelineEntry,
} from '../../src-shared/portal-applications-api.js';
import { z } from 'zod';
import type { Procedure } from '../../src-shared/catalogue.js';
import type { ApplicationTables } from '../db/application-tables.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';
import { maskApplicantName } from './name-mask.js';

/** Reading applications back from the database and shaping the views the API returns. */

export type ApplicationRow = Selectable<ApplicationTables['applications']>;
type Db = Kysely<PortalDb>;

export function statusView(code: number): ApplicationStatusView {
  if (!isStatusCode(code)) throw new RangeError(`Trạng thái hồ sơ không hợp lệ trong cơ sở dữ liệu: ${code}.`);
  const s = statusByCode(code);
  return { code: s.code, key: s.key, name: s.name };
}

export function paymentStatusOf(row: Pick<ApplicationRow, 'payment_status'>): PaymentStatus {
  return PaymentStatusSchema.parse(row.payment_status);
}

export function feeItemsOf(row: Pick<ApplicationRow, 'fee_items_json'>) {
  return z.array(FeeLineSchema).parse(JSON.parse(row.fee_items_json));
}

export async function findApplication(db: Db, code: string): Promise<ApplicationRow | null> {
  return (await db.selectFrom('applications').selectAll().where('code', '=', code).executeTakeFirst()) ?? null;
}

export async function requireApplication(db: Db, code: string): Promise<ApplicationRow> {
  const row = await findApplication(db, code);
  if (!row) throw new PortalHttpError(404, 'APPLICATION_NOT_FOUND', `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã hồ sơ.`);
  return row;
}

/**
 * The application, locked for the rest of the caller's transaction: of two
 * requests acting on one application (two officers, a payment and a
 * return), the second waits and then reads what the first wrote, on
 * PostgreSQL and across portal processes as on SQLite.
 */
export async function lockApplication(trx: Db, code: string): Promise<ApplicationRow> {
  const row = await trx.selectFrom('applications').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
  if (!row) throw new PortalHttpError(404, 'APPLICATION_NOT_FOUND', `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã hồ sơ.`);
  return row;
}

export async function loadProcedure(db: Db, code: string): Promise<Procedure | null> {
  const row = await db.selectFrom('procedures').select('record').where('code', '=', code).where('removed', '=', 0).executeTakeFirst();
  return row ? (JSON.parse(row.record) as Procedure) : null;
}

export function publicView(row: ApplicationRow, timeline: readonly TimelineEntry[]): ApplicationPublicView {
  return {
    view: 'public',
    code: row.code,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    agency: { code: row.agency_code, name: row.agency_name },
    receivedAt: row.received_at,
    appointmentAt: row.appointment_at,
    status: statusView(row.status),
    applicantName: maskApplicantName(row.applicant_name),
    // Rows that record something else than a move (fees settled, a supplement sent) leave the status as it was.
    progress: timeline.filter((t) => t.from?.code !== t.to.code).map((t) => ({ at: t.at, status: t.to })),
  };
}

/** One page of a filtered list of applications, newest first, with the total (the owner's list and the officer's). */
export async function listPage(
  query: SelectQueryBuilder<PortalDb, 'applications', object>,
  page: number,
  pageSize: number,
): Promise<{ total: number; page: number; pageSize: number; items: ApplicationListItem[] }> {
  const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(counted?.total ?? 0), page, pageSize, items: rows.map(listItem) };
}

export function listItem(row: ApplicationRow): ApplicationListItem {
  return {
    code: row.code,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    agency: { code: row.agency_code, name: row.agency_name },
    applicantName: row.applicant_name,
    channel: ChannelSchema.parse(row.channel),
    status: statusView(row.status),
    paymentStatus: paymentStatusOf(row),
    receivedAt: row.received_at,
    appointmentAt: row.appointment_at,
  };
}

export async function timelineOf(db: Db, applicationId: number): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('application_status_history')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  return rows.map((h) => ({
    at: h.at,
    from: h.from_status === null ? null : statusView(h.from_status),
    to: statusView(h.to_status),
    actorRole: ActorRoleSchema.parse(h.actor_role),
    actorName: h.actor_name,
    note: h.note,
  }));
}

export async function fullView(db: Db, row: ApplicationRow): Promise<ApplicationFullView> {
  const procedure = await db.selectFrom('procedures').select('record').where('code', '=', row.procedure_code).executeTakeFirst();
  const componentNames = new Map<string, string>(
    procedure ? (JSON.parse(procedure.record) as Procedure).documents.map((d) => [d.id, d.name]) : [],
  );
  const attachments = await db
    .selectFrom('application_attachments')
    .selectAll()
    .where('application_id', '=', row.id)
    .orderBy('position')
    .execute();
  const timeline = await timelineOf(db, row.id);
  const { view: _view, applicantName: _name, progress: _progress, ...shared } = publicView(row, timeline);
  return {
    ...shared,
    view: 'full',
    applicant: ApplicantSchema.parse(JSON.parse(row.applicant_json)),
    fields: z.record(z.string(), z.union([z.string(), z.number()])).parse(JSON.parse(row.fields_json)),
    channel: ChannelSchema.parse(row.channel),
    kioskId: row.kiosk_id,
    receivedBy:
      row.received_by_account_id === null ? null : { accountId: row.received_by_account_id, name: row.received_by_name ?? '' },
    queueTicket: row.queue_ticket,
    processingDays: row.processing_days,
    fees: { items: feeItemsOf(row), total: row.fee_total, status: paymentStatusOf(row), paidAt: row.paid_at },
    attachments: attachments.map(
      (a): AttachmentMeta => ({
        componentId: a.component_id,
        componentName: componentNames.get(a.component_id) ?? a.component_id,
        originalName: a.original_name,
        mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']).parse(a.mime),
        size: a.size,
        sha256: a.sha256,
      }),
    ),
    timeline,
  };
}
