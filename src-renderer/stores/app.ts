import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallOutput, CatalogueState } from '../../src-shared/kiosk-api.js';
import { kiosk } from '../api/client.js';
import { setLanguage, type Language } from '../i18n/index.js';

type AppInfo = CallOutput<'app.info'>;

/** Kiosk-wide state: who we are, the language, and whether the portal answers. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const catalogue = ref<CatalogueState | null>(null);
  const portalReachable = ref(true);
  const language = ref<Language>('vi');

  async function load(): Promise<void> {
    info.value = await kiosk().call('app.info', {});
    catalogue.value = info.value.catalogue;
    portalReachable.value = info.value.catalogue.portalReachable;
    changeLanguage(info.value.language);
    kiosk().onEvent((e) => {
      if (e.type === 'catalogue.changed') {
        catalogue.value = e.state;
        portalReachable.value = e.state.portalReachable;
      } else if (e.type === 'portal.reachability') {
        portalReachable.value = e.reachable;
      }
    });
  }

  function changeLanguage(lang: Language): void {
    language.value = lang;
    setLanguage(lang);
  }

  return { info, catalogue, portalReachable, language, load, changeLanguage };
}, { keepOnReset: ['info', 'catalogue', 'portalReachable'] });
