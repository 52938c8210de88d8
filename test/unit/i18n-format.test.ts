import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../../src-renderer/i18n/en.js';
import { vi } from '../../src-renderer/i18n/vi.js';
import { formatDate, formatDateTime, formatWeekdayDate } from '../../src-renderer/i18n/date-format.js';

// The kiosk's messages as src-renderer/i18n/index.ts loads them (that module also touches the DOM).
const i18n = createI18n({ legacy: false, locale: 'vi', fallbackLocale: 'vi', messages: { vi, en } });
const t = (key: string, named: Record<string, unknown>) => i18n.global.t(key, named);

describe('English plurals and one date style', () => {
  it('says "1 working day" and "2 working days", and the same for the other counts', () => {
    i18n.global.locale.value = 'en';
    expect(t('catalogue.days', { n: 1 })).toBe('1 working day');
    expect(t('catalogue.days', { n: 2 })).toBe('2 working days');
    expect(t('catalogue.results', { n: 1 })).toBe('1 procedure');
    expect(t('catalogue.results', { n: 0 })).toBe('0 procedures');
    expect(t('wizard.documents.pages', { n: 1 })).toBe('1 page');
    expect(t('wizard.form.fixErrors', { n: 1 })).toMatch(/^1 entry is not valid yet/);
    expect(t('session.otp.resendIn', { n: 1 })).toBe('Send the code again in 1 second');
    // Vietnamese has one form.
    i18n.global.locale.value = 'vi';
    expect(t('catalogue.days', { n: 1 })).toBe('1 ngày làm việc');
    expect(t('catalogue.days', { n: 2 })).toBe('2 ngày làm việc');
  });

  it('writes every date dd/mm/yyyy with 24-hour time in Vietnam time, in both languages', () => {
    // 06:07 UTC is 13:07 in Vietnam.
    const at = new Date('2026-12-02T06:07:00Z');
    expect(formatDate(at)).toBe('02/12/2026');
    expect(formatDateTime(at)).toBe('02/12/2026 13:07');
    expect(formatWeekdayDate(at, 'vi')).toBe('Thứ Tư, 02/12/2026');
    expect(formatWeekdayDate(at, 'en')).toBe('Wednesday, 02/12/2026');
    // Late evening UTC is already the next day in Vietnam.
    expect(formatDateTime(new Date('2026-12-01T18:30:00Z'))).toBe('02/12/2026 01:30');
  });
});
