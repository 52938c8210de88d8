import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallOutput, CatalogueState, SyncState } from '../../src-shared/kiosk-api.js';
import { kiosk } from '../api/client.js';
import { setLanguage, type Language } from '../i18n/index.js';

type AppInfo = CallOutput<'app.info'>;

/** Kiosk-wide state: who we are, the language, and whether the portal answers. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const catalogue = ref<CatalogueState | null>(null);
  const portalReachable = ref(true);
  /** The shell is starting the host process again after it died (the screen says so instead of going dead). */
  const hostRestarting = ref(false);
  const language = ref<Language>('vi');
  /** Applications waiting to be sent to the portal (kiosk-wide, not the citizen's). */
  const sync = ref<SyncState | null>(null);

  async function load(): Promise<void> {
    info.value = await kiosk().call('app.info', {});
    catalogue.value = info.value.catalogue;
    portalReachable.value = info.value.catalogue.portalReachable;
    changeLanguage(info.value.language);
    sync.value = await kiosk().call('sync.state', {});
    kiosk().onEvent((e) => {
      if (e.type === 'sync.state') {
        sync.value = e.state;
        portalReachable.value = e.state.portalReachable;
      }
      if (e.type === 'catalogue.changed') {
        catalogue.value = e.state;
        portalReachable.value = e.state.portalReachable;
      } else if (e.type === 'portal.reachability') {
        portalReachable.value = e.reachable;
      } else if (e.type === 'host.process') {
        hostRestarting.value = e.state === 'restarting';
      }
    });
  }

  /** "Đồng bộ ngay": every waiting application is tried at once. */
  async function syncNow(): Promise<void> {
    sync.value = await kiosk().call('sync.now', {});
  }

  function changeLanguage(lang: Language): void {
    language.value = lang;
    setLanguage(lang);
  }

  return { info, catalogue, portalReachable, hostRestarting, language, sync, load, syncNow, changeLanguage };
}, { keepOnReset: ['info', 'catalogue', 'portalReachable', 'hostRestarting', 'sync'] });
