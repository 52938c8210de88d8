import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { ERROR_CODES } from '../../src-shared/errors.js';
import { DETAIL_MESSAGES, detailVi, type DetailKey } from '../../src-shared/detail-messages.js';
import { checkCitizenId } from '../../src-shared/domain/cccd.js';
import { en } from '../../src-renderer/i18n/en.js';
import { vi } from '../../src-renderer/i18n/vi.js';

const i18n = createI18n({ legacy: false, locale: 'vi', fallbackLocale: 'vi', missingWarn: false, fallbackWarn: false, messages: { vi, en } });
// The host's own refusals' parameters (src-shared/host-detail-messages.ts).
const HOST_PARAMS = { ids: 'x', names: 'x', name: 'x', fileName: 'x.pdf', page: 2, printer: 'x', seconds: 30, reason: 'x', taxCode: '0101234567' };
const codes = [...ERROR_CODES, ...(Object.keys(DETAIL_MESSAGES) as DetailKey[])];
// Letters only Vietnamese writes: an English sentence with one of them is Vietnamese left untranslated.
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('every error code and detail has its words in both languages', () => {
  it.each(codes)('%s', (code) => {
    i18n.global.locale.value = 'vi';
    expect(i18n.global.te(`errors.${code}`)).toBe(true);
    const viText = i18n.global.t(`errors.${code}`, { label: 'Nhãn', n: 3, province: '999', year: 2199, idYear: 1990, date: 'x', max: 5, min: 1, id: 'x', value: 'x', hint: 'Gợi ý', details: 'x', triesLeft: 2, maxTries: 5, attemptsLeft: 4, ...HOST_PARAMS });
    expect(viText).not.toBe('');
    i18n.global.locale.value = 'en';
    expect(i18n.global.te(`errors.${code}`)).toBe(true);
    const enText = i18n.global.t(`errors.${code}`, { label: 'Label', n: 3, province: '999', year: 2199, idYear: 1990, date: 'x', max: 5, min: 1, id: 'x', value: 'x', hint: 'Hint', details: 'x', triesLeft: 2, maxTries: 5, attemptsLeft: 4, ...HOST_PARAMS });
    expect(enText).not.toBe(viText);
    expect(enText).not.toMatch(VIETNAMESE);
    // vue-i18n reads the same {name} placeholders the host fills: nothing is left unfilled.
    expect(enText).not.toMatch(/[{}]/);
  });

  it('words a shared validator the same way on the host (Vietnamese) and in the UI (either language)', () => {
    const id = checkCitizenId('999190001234');
    if (id.ok) throw new Error('accepted');
    i18n.global.locale.value = 'vi';
    expect(i18n.global.t(`errors.${id.key}`, { ...id.params })).toBe(id.message);
    expect(detailVi(id.key, id.params)).toBe('Mã tỉnh 999 ở đầu số CCCD không tồn tại.');
    i18n.global.locale.value = 'en';
    expect(i18n.global.t(`errors.${id.key}`, { ...id.params })).toBe('No province has the code 999 that starts this CCCD number.');
  });
});
