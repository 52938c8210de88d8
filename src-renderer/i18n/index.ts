import { createI18n } from 'vue-i18n';
import { vi } from './vi.js';
import { en } from './en.js';
import { officerEn, officerVi } from './officer.js';
import { adminEn, adminVi } from './admin.js';
import { queueEn, queueVi } from './queue.js';
import { counterEn, counterVi } from './counter.js';
import { fleetEn, fleetVi } from './fleet.js';
import { figuresEn, figuresVi } from './figures.js';
import { documentEn, documentVi } from './document.js';

export type Language = 'vi' | 'en';

export const i18n = createI18n({
  legacy: false,
  locale: 'vi',
  fallbackLocale: 'vi',
  // The officer's screens keep their messages apart; they join the tree under `officer`.
  messages: {
    vi: { ...vi, officer: officerVi, admin: adminVi, queue: queueVi, counter: counterVi, fleet: fleetVi, figures: figuresVi, document: documentVi },
    en: { ...en, officer: officerEn, admin: adminEn, queue: queueEn, counter: counterEn, fleet: fleetEn, figures: figuresEn, document: documentEn },
  },
  datetimeFormats: {
    vi: { long: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' } },
    en: { long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' } },
  },
  numberFormats: {
    vi: { vnd: { style: 'currency', currency: 'VND', maximumFractionDigits: 0 } },
    en: { vnd: { style: 'currency', currency: 'VND', maximumFractionDigits: 0 } },
  },
});

export function setLanguage(lang: Language): void {
  i18n.global.locale.value = lang;
  document.documentElement.lang = lang;
}
