import path from 'node:path';
import type { CallResult, KioskEvent } from '../src-shared/kiosk-api.js';
import { createDispatcher } from './api/dispatcher.js';
import { errorClass, toHostLog, type HostLog, type LineSink } from './log/host-log.js';
import { followLevel } from './log/log-level.js';
import type { LogLevel } from '../src-shared/kiosk-contract/admin.js';
import { createHandlers } from './api/handlers.js';
import { CatalogueSync } from './catalogue/catalogue-sync.js';
import type { KioskConfig } from './config.js';
import { HostEvents } from './events.js';
import { HttpPortalClient, type PortalClient } from './portal/portal-client.js';
import { Reachability } from './portal/reachability.js';
import { loadOrCreateDeviceKey } from './session/device-key.js';
import { Visit } from './session/visit.js';
import { VisitExpiry } from './session/visit-expiry.js';
import { visitGate } from './api/call-gate.js';
import { PortalSignIn } from './session/portal-sign-in.js';
import { WizardCaptcha } from './session/wizard-captcha.js';
import { LpPrinter } from './printing/lp-printer.js';
import { loadTokenTableOrEmpty, TokenService } from './devices/token-service.js';
import { HidScannerService } from './devices/hid-scanner-service.js';
import { loadAbbreviationsOrNone } from './catalogue/abbreviations.js';
import { openKioskStore } from './store/kiosk-store.js';
import { OutboxSync } from './sync/outbox-sync.js';
import { StatusRefresh } from './sync/status-refresh.js';
import { KioskSettingsStore, liveConfig, settingsFromConfig } from './admin/kiosk-settings.js';
import { AdminAccess } from './admin/admin-access.js';
import { SyncQueue } from './admin/sync-queue.js';
import { logDirOf, type KioskConfig as Config } from './config.js';
import { Heartbeat } from './fleet/heartbeat.js';
import { QueueDesk } from './queue/queue-desk.js';
import { QueueSync } from './queue/queue-sync.js';
import { CounterDesk } from './session/counter-desk.js';

export interface Host {
  dispatch(name: unknown, input: unknown): Promise<CallResult>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  /** Training mode only: the answer of a wizard captcha, as a trainer reads it off the screen (async: the host may run in another process). */
  trainingCaptchaAnswer: ((id: string) => Promise<string | null>) | null;
  close(): Promise<void>;
}

export interface HostOptions {
  shell: 'electron' | 'browser';
  /** Replaces the HTTP portal client (tests at the network edge). */
  portal?: PortalClient;
  /** Where the host logs (the shells' pino file logger); a line sink is accepted for tests that capture lines. */
  log?: HostLog | LineSink;
  version?: string;
  now?: () => Date;
  /** Outbox tuning (tests make retries quick). */
  outbox?: { idleMs?: number; backoff?: { baseMs: number; capMs: number; floorMs: number } };
  /** Health-probe period while the portal is away. */
  probeMs?: number;
  /** Replaces the signing-token service (tests without USB or PKCS#11). */
  tokens?: TokenService;
}

const HOUR = 3_600_000;
/** How often offline tickets are reported and the reserved numbers topped up (and at once when the portal is back). */
const QUEUE_SYNC_SECONDS = 30;

/**
 * The kiosk host: every side effect of the product lives behind this
 * object, and both shells (Electron IPC, browser HTTP) call only
 * `dispatch` and `onEvent`.
 */
export async function createHost(fileConfig: KioskConfig, opts: HostOptions): Promise<Host> {
  if (!fileConfig.portalUrl && !opts.portal) throw new Error('Chưa cấu hình địa chỉ Cổng dịch vụ công (portalUrl).');
  const now = opts.now ?? (() => new Date());
  // The level staff set in "Quản trị kiosk" applies from the next line on; 'info' until the settings are read.
  let logLevel: () => LogLevel = () => 'info';
  const log = followLevel(toHostLog(opts.log), () => logLevel());
  const keyDir = fileConfig.keyDir ?? path.join(fileConfig.dataDir, 'keys');
  // A fixed sentence about the shipped data file, no personal data.
  const abbreviations = loadAbbreviationsOrNone((line) => log.warn('catalogue', { detail: line }));
  const store = openKioskStore(
    { dataDir: fileConfig.dataDir, keyDir },
    // Read at every run: "Quản trị kiosk" may change it.
    { kioskId: fileConfig.kioskId, retentionDays: () => kioskSettings.current().retentionDays, now, abbreviations },
  );
  // What staff saved in "Quản trị kiosk" wins over the config file, read live by every module below.
  const kioskSettings = new KioskSettingsStore(store.settings, settingsFromConfig(fileConfig), fileConfig.portalUrl);
  const config: Config = liveConfig(fileConfig, kioskSettings);
  logLevel = () => kioskSettings.current().logLevel;
  const { catalogue, applications: apps, drafts, outbox, supplements, audit, blobs } = store;
  const events = new HostEvents();
  const httpPortal = opts.portal
    ? null
    : new HttpPortalClient(config.portalUrl as string, {
        kioskId: config.kioskId,
        kioskKey: loadOrCreateDeviceKey(keyDir),
        ...(config.enrolmentCode ? { enrolmentCode: config.enrolmentCode } : {}),
      });
  const portal: PortalClient = opts.portal ?? (httpPortal as HttpPortalClient);
  const reachability = new Reachability(portal, events, opts.probeMs);
  // Reported by the gateway after every call, whichever module made it.
  portal.onReachability((reachable) => reachability.report(reachable));

  const visit = new Visit(store.settings, now);
  const signIn = new PortalSignIn();
  // Read at each call: "Quản trị kiosk" may change the mode or the counter number during the day.
  const counterDesk = new CounterDesk(() => (config.mode === 'assisted' ? config.counter : null));
  const captcha = new WizardCaptcha(now);

  const catalogueSync = new CatalogueSync(catalogue, portal, events, reachability, now, log);
  const outboxSync = new OutboxSync(apps, outbox, blobs, portal, events, reachability, {
    kioskId: config.kioskId,
    now,
    log,
    supplements,
    officerSession: (username) => signIn.staffTokenOf(username),
    ...(opts.outbox?.idleMs !== undefined ? { idleMs: opts.outbox.idleMs } : {}),
    ...(opts.outbox?.backoff ? { backoff: opts.outbox.backoff } : {}),
  });
  const statusRefresh = new StatusRefresh(apps, portal, events, now, log);
  // The device layer reports in fixed sentences (a missing PKCS#11 library, an unreadable token table), no data.
  const deviceLog = (line: string): void => log.warn('devices', { detail: line });
  const tokens =
    opts.tokens ?? (await TokenService.start({ library: config.pkcs11Library, table: loadTokenTableOrEmpty(deviceLog), log: deviceLog }));
  tokens.onChange((s) => events.emit({ type: 'device.token', present: s.present, model: s.model }));
  const scanner =
    config.scanner === 'hid' && config.scannerVendorId !== null && config.scannerProductId !== null
      ? HidScannerService.start(
          { vendorId: config.scannerVendorId, productId: config.scannerProductId },
          // What was scanned goes to the UI only; the log gets the device's fixed sentences.
          { onScan: (text) => events.emit({ type: 'device.scan', text }), log: (line) => log.info('devices', { detail: line }) },
        )
      : null;

  const printers = new Map<string, LpPrinter>();
  const printerFor = (queue: string | null): LpPrinter | null => {
    if (!queue) return null;
    const known = printers.get(queue) ?? new LpPrinter({ queue, ...(config.printerServer ? { server: config.printerServer } : {}) });
    printers.set(queue, known);
    return known;
  };
  const syncQueue = new SyncQueue(outbox, apps, supplements);
  const heartbeat = new Heartbeat({
    portal,
    version: opts.version ?? '0.0.0',
    place: config.place,
    queue: syncQueue,
    lastSyncAt: () => outboxSync.state().lastSyncAt,
    devices: () => ({ printer: config.printerQueue ? 'configured' : 'none', tokenReader: tokens.state().present ? 'present' : 'absent', scanner: config.scanner }),
    dataDir: config.dataDir,
    now,
    log,
  });
  const adminAccess = new AdminAccess(signIn, audit, now);
  // Taking a ticket online wakes the sync, which tops the offline blocks up (queueSync exists by the first call).
  const queueDesk = new QueueDesk({ portal, store: store.queue, reachability, centre: config.queueCentre, now, taken: () => void queueSync.runNow() });
  const queueSync = new QueueSync({ portal, store: store.queue, desk: queueDesk, reachability, centre: config.queueCentre, now, log });

  const dispatcher = createDispatcher(
    createHandlers({
      config,
      shell: opts.shell,
      version: opts.version ?? '0.0.0',
      catalogue,
      catalogueSync,
      portal,
      reachability,
      apps,
      blobs,
      drafts,
      visit,
      audit,
      outboxSync,
      signIn,
      captcha,
      counterDesk,
      supplements,
      // Read per call: "Quản trị kiosk" may name another printer.
      get printer() {
        return printerFor(config.printerQueue);
      },
      tokens,
      now,
      adminAccess,
      kioskSettings,
      outbox,
      syncQueue,
      repointPortal: async (url) => {
        httpPortal?.repoint(url);
        return reachability.probeNow();
      },
      portalReachable: () => reachability.isReachable,
      bundleState: () => ({
        version: opts.version ?? '0.0.0',
        shell: opts.shell,
        kioskId: config.kioskId,
        sync: outboxSync.state(),
        catalogue: catalogueSync.state(),
        devices: heartbeat.devicesNow(),
      }),
      logDir: logDirOf(config),
      supportDir: path.join(config.dataDir, 'support'),
      kioskId: config.kioskId,
      queueDesk,
      queueTickets: store.queue,
    }),
    // The dispatcher reports call names and error classes as sentences.
    (line) => log.error('kiosk-api', { detail: line }),
    visitGate(signIn, visit),
  );
  // The visit ends in the host too when left alone, whether or not a window is open.
  const visitExpiry = new VisitExpiry({
    drafts,
    visit,
    signIn,
    portal,
    audit,
    // Read at every check: "Quản trị kiosk" may change it.
    get idleSeconds() {
      return config.visitIdleSeconds;
    },
    log: (line) => log.info('visit.expired', { detail: line }),
  });

  // Retention failing (a locked file, a bug) must not stop the start or end the process from a timer.
  const runRetention = (): void => {
    try {
      store.retention.run();
    } catch (e) {
      log.error('retention.failed', { error: errorClass(e) });
    }
  };
  runRetention();
  const retentionTimer = setInterval(runRetention, HOUR);
  retentionTimer.unref();
  // The first catalogue sync is awaited so a fresh kiosk opens on a full
  // catalogue when the portal is up; when it is down the cache serves.
  await catalogueSync.syncNow();
  catalogueSync.start(config.catalogueSyncSeconds);
  outboxSync.start();
  statusRefresh.start(config.statusRefreshSeconds);
  visitExpiry.start();
  heartbeat.start(config.heartbeatSeconds);
  // A portal back from an outage, or a new address that answers, lists this kiosk at once.
  reachability.whenBack(() => heartbeat.nudge());
  queueSync.start(QUEUE_SYNC_SECONDS);
  log.info('host.started', { shell: opts.shell, version: opts.version ?? '0.0.0', kioskId: config.kioskId, mode: config.mode, training: config.training });

  return {
    dispatch: (name, input) => dispatcher.dispatch(name, input),
    onEvent: (listener) => events.on(listener),
    trainingCaptchaAnswer: config.training ? async (id) => captcha.answerOf(id) : null,
    async close() {
      clearInterval(retentionTimer);
      visitExpiry.stop();
      await heartbeat.stop();
      reachability.stop();
      tokens.close();
      scanner?.close();
      await Promise.all([catalogueSync.stop(), outboxSync.stop(), statusRefresh.stop(), queueSync.stop()]);
      store.close();
      log.info('host.stopped', { shell: opts.shell });
    },
  };
}
