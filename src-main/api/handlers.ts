import { KioskError } from '../../src-shared/errors.js';
import { parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';
import { PortalCallError, type PortalClient } from '../portal/portal-client.js';
import type { CatalogueSync } from '../catalogue/catalogue-sync.js';
import type { KioskConfig } from '../config.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import type { Handlers } from './dispatcher.js';

export interface HandlerDeps {
  config: KioskConfig;
  shell: 'electron' | 'browser';
  version: string;
  catalogue: CatalogueStore;
  catalogueSync: CatalogueSync;
  portal: PortalClient;
  now: () => Date;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { config, catalogue, catalogueSync } = deps;
  return {
    'app.info': () => ({
      name: 'Một cửa kiosk',
      version: deps.version,
      kioskId: config.kioskId,
      mode: config.mode,
      language: config.language,
      shell: deps.shell,
      catalogue: catalogueSync.state(),
    }),
    'catalogue.list': (input) => ({
      ...catalogue.list(input),
      ...catalogue.facets(),
      page: input.page,
      pageSize: input.pageSize,
    }),
    'catalogue.search': (input) => ({
      ...catalogue.search(input.query, input.page, input.pageSize),
      page: input.page,
      pageSize: input.pageSize,
    }),
    'catalogue.get': (input) => {
      const p = catalogue.get(input.code);
      if (!p) throw new KioskError('PROCEDURE_NOT_FOUND');
      return p;
    },
    'applications.lookup': async (input) => {
      const parsed = parseMaHoSo(input.code);
      if (!parsed) throw new KioskError('INVALID_CODE');
      try {
        const v = await deps.portal.lookupApplication(input.code.trim().toUpperCase());
        return {
          code: v.code,
          procedure: { code: v.procedureCode, name: v.procedureName },
          agency: v.agency,
          applicantName: v.applicantName,
          receivedAt: v.receivedAt,
          appointmentAt: v.appointmentAt,
          status: { code: v.status.code, name: v.status.name },
          timeline: [],
          checkedAt: deps.now().toISOString(),
        };
      } catch (e) {
        if (!(e instanceof PortalCallError)) throw e;
        if (e.status === 404) throw new KioskError('APPLICATION_NOT_FOUND');
        if (e.status === 400) throw new KioskError('INVALID_CODE');
        if (e.status === 429) throw new KioskError('PORTAL_UNREACHABLE', e.message);
        throw new KioskError('PORTAL_UNREACHABLE');
      }
    },
  };
}
