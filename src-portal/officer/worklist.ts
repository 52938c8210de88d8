import { toVnParts, vnDateKey } from '../../src-shared/domain/vn-time.js';
import { addWorkingDays } from '../../src-shared/domain/working-days.js';
import { RECEPTION_DUE_WORKING_DAYS, type Worklist, type WorklistQuerySchema } from '../../src-shared/portal-officer-api.js';
import type { z } from 'zod';
import type { PortalContext } from '../context.js';
import { loadWorkCalendar } from '../holidays/holiday-table.js';
import { listItem } from '../applications/records.js';

/**
 * "Hồ sơ chờ tiếp nhận": what waits for a reception decision at the
 * agency — new applications (status 1, from kiosks and online alike) and
 * those back from the citizen with the supplement asked at reception
 * (status 5, request 'supplemented'). Oldest first, as a counter works.
 * Overdue: more than RECEPTION_DUE_WORKING_DAYS working days in the list.
 * The list is small (one agency's pending files), so the overdue test and
 * the paging run over it in memory.
 */
export async function readWorklist(ctx: PortalContext, agencyCode: string, query: z.infer<typeof WorklistQuerySchema>): Promise<Worklist> {
  const { db } = ctx;
  const now = ctx.now();
  let q = db
    .selectFrom('applications')
    .leftJoin('supplement_requests as sr', (join) =>
      join.onRef('sr.application_id', '=', 'applications.id').on('sr.state', '=', 'supplemented').on('sr.stage', '=', 'reception'),
    )
    .selectAll('applications')
    .select(['sr.supplemented_at as supplementedAt'])
    .where('applications.agency_code', '=', agencyCode)
    .where((eb) => eb.or([eb('applications.status', '=', 1), eb.and([eb('applications.status', '=', 5), eb('sr.id', 'is not', null)])]));
  if (query.procedureCode) q = q.where('applications.procedure_code', '=', query.procedureCode);
  const rows = await q.execute();

  const year = toVnParts(now).year;
  const calendar = await loadWorkCalendar(db, year - 1, year + 1, now);
  const items = rows
    .map((row) => {
      const waitingSince = row.status === 5 && row.supplementedAt ? row.supplementedAt : row.received_at;
      const dueAt = addWorkingDays(new Date(waitingSince), RECEPTION_DUE_WORKING_DAYS, calendar);
      return {
        ...listItem(row),
        kioskId: row.kiosk_id,
        receivedBy: row.received_by_account_id === null ? null : { accountId: row.received_by_account_id, name: row.received_by_name ?? '' },
        supplemented: row.status === 5,
        waitingSince,
        dueAt: dueAt.toISOString(),
        overdue: now.getTime() > dueAt.getTime(),
        id: row.id,
      };
    })
    .filter((i) => (query.from === undefined || vnDateKey(new Date(i.waitingSince)) >= query.from) && (query.to === undefined || vnDateKey(new Date(i.waitingSince)) <= query.to))
    .filter((i) => query.overdue !== '1' || i.overdue)
    .sort((a, b) => (a.waitingSince < b.waitingSince ? -1 : a.waitingSince > b.waitingSince ? 1 : a.id - b.id));
  const start = (query.page - 1) * query.pageSize;
  return {
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
    dueWorkingDays: RECEPTION_DUE_WORKING_DAYS,
    items: items.slice(start, start + query.pageSize).map(({ id: _id, ...item }) => item),
  };
}
