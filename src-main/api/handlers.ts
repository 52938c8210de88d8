import { KioskError } from '../../src-shared/errors.js';
import { parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';
import type { LookupResult } from '../../src-shared/kiosk-api.js';
import type { CatalogueSync } from '../catalogue/catalogue-sync.js';
import type { KioskConfig } from '../config.js';
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Reachability } from '../portal/reachability.js';
import type { Applications, Catalogue, StoredApplication } from '../store/store.js';
import type { Handlers } from './dispatcher.js';
import { submissionHandlers, type SubmissionDeps } from './submission-handlers.js';
import { sessionHandlers, type SessionDeps } from './session-handlers.js';
import { documentHandlers, type DocumentDeps } from './document-handlers.js';
import { deviceHandlers, type DeviceDeps } from './device-handlers.js';
import { paperHandlers, type PaperDeps } from './paper-handlers.js';
import { officerHandlers, type OfficerDeps } from './officer-handlers.js';
import { adminHandlers, type AdminDeps } from './admin-handlers.js';
import { fleetHandlers, type FleetDeps } from './fleet-handlers.js';
import { queueHandlers, type QueueDeps } from './queue-handlers.js';

import { counterQueueHandlers, type CounterQueueDeps } from './counter-queue-handlers.js';

export interface HandlerDeps extends SubmissionDeps, SessionDeps, DocumentDeps, DeviceDeps, PaperDeps, OfficerDeps, AdminDeps, FleetDeps, QueueDeps, CounterQueueDeps {
  config: KioskConfig;
  shell: 'electron' | 'browser';
  version: string;
  catalogue: Catalogue;
  catalogueSync: CatalogueSync;
  portal: PortalClient;
  reachability: Reachability;
  apps: Applications;
  now: () => Date;
}

/** The lookup answer for an application this kiosk sent, from its own records. */
function fromLocal(a: StoredApplication): LookupResult | null {
  if (!a.officialCode || !a.receivedAt || !a.status) return null;
  return {
    code: a.officialCode,
    procedure: { code: a.procedureCode, name: a.procedureName },
    agency: a.agency,
    applicantName: '',
    receivedAt: a.receivedAt,
    appointmentAt: a.appointmentAt,
    status: { code: a.status.code, name: a.status.name },
    timeline: [],
    checkedAt: a.status.checkedAt,
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { config, catalogue, catalogueSync, apps } = deps;
  return {
    'app.info': () => ({
      name: 'Một cửa kiosk',
      version: deps.version,
      kioskId: config.kioskId,
      mode: config.mode,
      onScreenKeyboard: config.onScreenKeyboard,
      language: config.language,
      shell: deps.shell,
      staffLockSeconds: config.staffLockSeconds,
      receiptLayout: config.receiptLayout,
      catalogue: catalogueSync.state(),
    }),
    'catalogue.list': (input) => ({
      ...catalogue.list(input),
      ...catalogue.facets(),
      page: input.page,
      pageSize: input.pageSize,
    }),
    'catalogue.search': (input) => ({
      ...catalogue.search(input.query, input.page, input.pageSize, { field: input.field, agencyCode: input.agencyCode }),
      page: input.page,
      pageSize: input.pageSize,
    }),
    'catalogue.get': (input) => {
      const p = catalogue.get(input.code);
      if (!p) throw new KioskError('PROCEDURE_NOT_FOUND');
      return p;
    },
    'applications.lookup': async (input) => {
      const code = input.code.trim().toUpperCase();
      if (!parseMaHoSo(code)) throw new KioskError('INVALID_CODE');
      const local = apps.byOfficialCode(code);
      try {
        const v = await deps.portal.lookupApplication(code);
        const checkedAt = deps.now().toISOString();
        if (local) apps.updateStatus(code, { code: v.status.code, name: v.status.name }, checkedAt);
        return {
          code: v.code,
          procedure: { code: v.procedureCode, name: v.procedureName },
          agency: v.agency,
          applicantName: v.applicantName,
          receivedAt: v.receivedAt,
          appointmentAt: v.appointmentAt,
          status: { code: v.status.code, name: v.status.name },
          timeline: v.progress.map((p) => ({ at: p.at, status: { code: p.status.code, name: p.status.name } })),
          checkedAt,
        };
      } catch (e) {
        if (!(e instanceof PortalCallError)) throw e;
        if (e.status === 404) throw new KioskError('APPLICATION_NOT_FOUND');
        if (e.status === 400) throw new KioskError('INVALID_CODE');
        // Offline: applications sent from this kiosk are still answered, with their age.
        const cached = local ? fromLocal(local) : null;
        if (cached) return cached;
        throw new KioskError('PORTAL_UNREACHABLE', e.status === 429 ? e.message : undefined);
      }
    },
    ...submissionHandlers(deps),
    ...sessionHandlers(deps),
    ...documentHandlers(deps),
    ...deviceHandlers(deps),
    ...paperHandlers(deps),
    ...officerHandlers(deps),
    ...adminHandlers(deps),
    ...fleetHandlers(deps),
    ...queueHandlers(deps),
    ...counterQueueHandlers(deps),
  };
}
