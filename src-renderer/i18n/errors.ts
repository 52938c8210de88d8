import { ERROR_MESSAGES, type ErrorCode } from '../../src-shared/error-messages.js';
import { DETAIL_MESSAGES, type DetailKey } from '../../src-shared/detail-messages.js';

/**
 * The words for the host's error codes and details, under `errors.<CODE>`.
 * The sentences live once in src-shared (the host and the portal log the
 * Vietnamese one); here they become vue-i18n messages in both languages.
 */
export type ErrorTexts = Record<ErrorCode | DetailKey, string>;

function texts(lang: 'vi' | 'en'): ErrorTexts {
  const out: Partial<ErrorTexts> = {};
  for (const [code, text] of Object.entries({ ...ERROR_MESSAGES, ...DETAIL_MESSAGES })) out[code as ErrorCode | DetailKey] = text[lang];
  return out as ErrorTexts;
}

export const errorsVi: ErrorTexts = texts('vi');
export const errorsEn: ErrorTexts = texts('en');
