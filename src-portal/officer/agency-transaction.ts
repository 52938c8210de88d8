import type { Kysely } from 'kysely';
import type { PortalContext } from '../context.js';
import type { PortalDb } from '../db/tables.js';
import { requireOwnAgency } from '../applications/access.js';
import { lockApplication, type ApplicationRow } from '../applications/records.js';
import { requireExpectedStatus } from '../applications/status-change.js';
import type { ActingOfficer } from './acting-officer.js';

/**
 * The frame of every officer action: one transaction that reads the
 * application, checks it belongs to the officer's agency (403) and is still
 * in the status the officer saw (409), then does the work. The row is
 * locked (SQLite runs the transactions one after another anyway), so of two
 * officers acting at once the second reads the first one's result and gets
 * the 409.
 */
export async function inAgencyTransaction<T>(
  ctx: PortalContext,
  who: ActingOfficer,
  code: string,
  expectedStatus: number,
  work: (trx: Kysely<PortalDb>, row: ApplicationRow) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, code);
    requireOwnAgency(who.principal, row);
    requireExpectedStatus(row, expectedStatus);
    return work(trx, row);
  });
}
