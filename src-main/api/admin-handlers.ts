import { KioskError } from '../../src-shared/errors.js';
import type { AdminOverview } from '../../src-shared/kiosk-contract/admin.js';
import type { AdminAccess } from '../admin/admin-access.js';
import type { KioskSettingsStore } from '../admin/kiosk-settings.js';
import { saveSupportBundle, supportBundleJson } from '../admin/support-bundle.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import type { Applications, Audit, Outbox, Supplements } from '../store/store.js';
import { toQueueEntry, type NamedEntry, type SyncQueue } from '../admin/sync-queue.js';
import type { OutboxSync } from '../sync/outbox-sync.js';
import type { Handlers } from './dispatcher.js';

export interface AdminDeps {
  adminAccess: AdminAccess;
  kioskSettings: KioskSettingsStore;
  signIn: PortalSignIn;
  audit: Audit;
  apps: Applications;
  supplements: Supplements;
  outbox: Pick<Outbox, 'wakeOne'>;
  syncQueue: SyncQueue;
  outboxSync: OutboxSync;
  /** Points the gateway at another portal and probes it; resolves to whether it answered. */
  repointPortal: (url: string) => Promise<boolean>;
  portalReachable: () => boolean;
  /** What a support bundle says about the kiosk besides its log (no personal data). */
  bundleState: () => Record<string, unknown>;
  logDir: string;
  /** Where support bundles are saved on the kiosk (`<dataDir>/support`). */
  supportDir: string;
  kioskId: string;
  now: () => Date;
}

type AdminCalls = 'admin.open' | 'admin.overview' | 'admin.saveSettings' | 'admin.setPortalUrl' | 'admin.queue' | 'admin.retry' | 'admin.discard' | 'admin.supportBundle';

/** "Quản trị kiosk": every call but `admin.open` needs the screen opened by an administrator of this shift. */
export function adminHandlers(deps: AdminDeps): Pick<Handlers, AdminCalls> {
  const { adminAccess, kioskSettings, outbox, syncQueue } = deps;
  const overview = (): AdminOverview => ({
    kioskId: deps.kioskId,
    agencyCode: deps.signIn.presentStaffAgency(),
    portalUrl: kioskSettings.portalUrl() ?? '',
    portalReachable: deps.portalReachable(),
    settings: kioskSettings.current(),
  });
  const queue = () => ({ entries: syncQueue.entries().map(toQueueEntry) });
  const entry = (id: number): NamedEntry => {
    const found = syncQueue.entry(id);
    if (!found) throw new KioskError('NOT_FOUND', 'Mục này không còn trong hàng đợi gửi (có thể vừa được gửi xong).');
    return found;
  };

  return {
    'admin.open': async ({ pin }) => {
      await adminAccess.open(pin);
      return overview();
    },
    'admin.overview': () => {
      adminAccess.require();
      return overview();
    },
    'admin.saveSettings': ({ settings }) => {
      const who = adminAccess.require();
      kioskSettings.save(settings);
      deps.audit.record(`staff:${who}`, 'admin.settings', Object.entries(settings).map(([k, v]) => `${k}=${String(v)}`).join(' '));
      return overview();
    },
    'admin.setPortalUrl': async ({ portalUrl }) => {
      const who = adminAccess.require();
      kioskSettings.savePortalUrl(portalUrl);
      deps.audit.record(`staff:${who}`, 'admin.portalUrl', portalUrl);
      await deps.repointPortal(portalUrl);
      return overview();
    },
    'admin.queue': () => {
      adminAccess.require();
      return queue();
    },
    'admin.retry': ({ id }) => {
      const who = adminAccess.require();
      const e = entry(id);
      outbox.wakeOne(id, deps.now().getTime());
      deps.audit.record(`staff:${who}`, 'outbox.retry', e.reference);
      deps.outboxSync.kick();
      return queue();
    },
    'admin.discard': ({ id, reason }) => {
      const who = adminAccess.require();
      const e = entry(id);
      // Nothing is deleted: the application goes to "Hồ sơ cần sửa" with the reason, to be fixed and sent again or left.
      const message = `Cán bộ đã hủy gửi: ${reason}`;
      if (e.applicationId) deps.apps.markNeedsFix(e.applicationId, id, message);
      else if (e.supplementId) deps.supplements.markRefused(e.supplementId, id, message);
      // The reason is the officer's own words about the send; the subject is the receipt number, never the applicant.
      deps.audit.record(`staff:${who}`, 'outbox.discard', `${e.reference}: ${reason}`);
      return queue();
    },
    'admin.supportBundle': () => {
      const who = adminAccess.require();
      const at = deps.now();
      deps.audit.record(`staff:${who}`, 'admin.supportBundle');
      const state = { ...deps.bundleState(), settings: kioskSettings.current(), portalUrl: kioskSettings.portalUrl(), queue: queue().entries };
      const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
      const fileName = `ho-tro-${deps.kioskId}-${stamp}.json`;
      const json = supportBundleJson(state, deps.logDir, at);
      return { fileName, json, savedPath: saveSupportBundle(deps.supportDir, fileName, json) };
    },
  };
}
