import type { CallResult, KioskEvent } from '../src-shared/kiosk-api.js';
import { createDispatcher, type DispatchLog } from './api/dispatcher.js';
import { createHandlers } from './api/handlers.js';
import { CatalogueSync } from './catalogue/catalogue-sync.js';
import type { KioskConfig } from './config.js';
import { HostEvents } from './events.js';
import { HttpPortalClient, type PortalClient } from './portal/portal-client.js';
import { CatalogueStore } from './store/catalogue-store.js';
import { openStore } from './store/database.js';

export interface Host {
  dispatch(name: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  close(): Promise<void>;
}

export interface HostOptions {
  shell: 'electron' | 'browser';
  /** Replaces the HTTP portal client (tests at the network edge). */
  portal?: PortalClient;
  log?: DispatchLog;
  version?: string;
}

/**
 * The kiosk host: every side effect of the product lives behind this
 * object, and both shells (Electron IPC, browser HTTP) call only
 * `dispatch` and `onEvent`.
 */
export async function createHost(config: KioskConfig, opts: HostOptions): Promise<Host> {
  if (!config.portalUrl && !opts.portal) throw new Error('Chưa cấu hình địa chỉ Cổng dịch vụ công (portalUrl).');
  const db = openStore(config.dataDir);
  const events = new HostEvents();
  const portal = opts.portal ?? new HttpPortalClient(config.portalUrl as string);
  const catalogue = new CatalogueStore(db);
  const catalogueSync = new CatalogueSync(catalogue, portal, events);
  const dispatcher = createDispatcher(
    createHandlers({ config, shell: opts.shell, version: opts.version ?? '0.0.0', catalogue, catalogueSync, portal, now: () => new Date() }),
    opts.log,
  );
  // The first sync is awaited so a fresh kiosk opens on a full catalogue
  // when the portal is up; when it is down the cache (maybe empty) serves.
  await catalogueSync.syncNow();
  catalogueSync.start(config.catalogueSyncSeconds);

  return {
    dispatch: (name, input) => dispatcher.dispatch(name, input),
    onEvent: (listener) => events.on(listener),
    async close() {
      await catalogueSync.stop();
      db.close();
    },
  };
}
