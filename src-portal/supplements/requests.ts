import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { SupplementRequestView } from '../../src-shared/portal-officer-api.js';
import type { OfficerTables } from '../db/officer-tables.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';
import { loadProcedure, type ApplicationRow } from '../applications/records.js';

/** Supplement requests ("Yêu cầu bổ sung"): storing them and reading them back as the kiosk and the slip show them. */

export type SupplementRequestRow = Selectable<OfficerTables['supplement_requests']>;
type Db = Kysely<PortalDb>;

const RequestedComponentsSchema = z.array(z.object({ componentId: z.string(), reason: z.string().nullable() }));

export function requestedComponents(row: Pick<SupplementRequestRow, 'components_json'>): { componentId: string; reason: string | null }[] {
  return RequestedComponentsSchema.parse(JSON.parse(row.components_json));
}

/** The newest request of an application, whatever its state. */
export async function latestRequest(db: Db, applicationId: number): Promise<SupplementRequestRow | null> {
  return (
    (await db.selectFrom('supplement_requests').selectAll().where('application_id', '=', applicationId).orderBy('id', 'desc').executeTakeFirst()) ??
    null
  );
}

/** The request an application in status 5 is waiting on (or has been answered for). */
export async function currentRequest(db: Db, app: Pick<ApplicationRow, 'id' | 'code' | 'status'>): Promise<SupplementRequestRow | null> {
  if (app.status !== 5) return null;
  const row = await latestRequest(db, app.id);
  return row && row.state !== 'closed' ? row : null;
}

/** Once the officer decides after a supplement (accept, refuse, go on processing), the request is done. */
export async function closeRequest(db: Db, applicationId: number, at: Date): Promise<void> {
  await db
    .updateTable('supplement_requests')
    .set({ state: 'closed', closed_at: at.toISOString() })
    .where('application_id', '=', applicationId)
    .where('state', '!=', 'closed')
    .execute();
}

export async function requestView(db: Db, app: ApplicationRow, row: SupplementRequestRow): Promise<SupplementRequestView> {
  const procedure = await loadProcedure(db, app.procedure_code);
  const names = new Map<string, string>(procedure ? procedure.documents.map((d) => [d.id, d.name]) : []);
  return {
    id: row.id,
    code: app.code,
    agency: { code: app.agency_code, name: app.agency_name },
    procedureName: app.procedure_name,
    applicantName: app.applicant_name,
    stage: row.stage,
    components: requestedComponents(row).map((c) => ({ componentId: c.componentId, name: names.get(c.componentId) ?? c.componentId, reason: c.reason })),
    note: row.note,
    requestedAt: row.requested_at,
    requestedBy: { accountId: row.requested_by_account_id, name: row.requested_by_name },
    kioskId: row.kiosk_id,
    state: row.state,
    supplementedAt: row.supplemented_at,
  };
}

export function notRequested(code: string): PortalHttpError {
  return new PortalHttpError(404, 'SUPPLEMENT_NOT_REQUESTED', `Hồ sơ ${code} không có yêu cầu bổ sung nào.`);
}
