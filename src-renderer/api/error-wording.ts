import { ERROR_MESSAGES } from '../../src-shared/error-messages.js';
import type { FieldIssue, KioskErrorBody } from '../../src-shared/errors.js';
import { i18n } from '../i18n/index.js';

/**
 * The host answers with codes, details and parameters; the UI words them in
 * the language on screen. A host sentence with no key yet is Vietnamese:
 * Vietnamese shows it as it is, English says what its code means.
 */

type ErrorWords = Pick<KioskErrorBody, 'message' | 'detail' | 'params'> & { code: string };

const t = (key: string, params: Readonly<Record<string, string | number>> = {}) => i18n.global.t(key, { ...params });
const vietnamese = () => i18n.global.locale.value === 'vi';

function isStandardSentence(code: string, message: string): boolean {
  return Object.hasOwn(ERROR_MESSAGES, code) && ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES].vi === message;
}

export function wordError(e: ErrorWords): string {
  if (e.detail) return t(`errors.${e.detail}`, e.params);
  if (vietnamese() && e.message && !isStandardSentence(e.code, e.message)) return e.message;
  return i18n.global.te(`errors.${e.code}`) ? t(`errors.${e.code}`) : t('errors.INTERNAL');
}

export function wordIssue(issue: FieldIssue): string {
  if (issue.key) return t(`errors.${issue.key}`, issue.params);
  return vietnamese() ? issue.message : t('errors.INVALID_INPUT');
}
