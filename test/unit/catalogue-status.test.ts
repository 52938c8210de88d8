import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../../src-renderer/i18n/en.js';
import { vi } from '../../src-renderer/i18n/vi.js';
import { catalogueStatus, type CatalogueStatusInput } from '../../src-renderer/stores/catalogue-status.js';

const i18n = createI18n({ legacy: false, locale: 'vi', messages: { vi, en } });
const say = (s: CatalogueStatusInput, locale: 'vi' | 'en' = 'vi') => {
  i18n.global.locale.value = locale;
  return catalogueStatus(s, (key, params) => (params ? i18n.global.t(key, params) : i18n.global.t(key)));
};
const none = { query: 'khai sinh', total: 0, field: '', agencyName: '' };

describe('the catalogue line above the results', () => {
  it('says which filter found nothing and offers to clear just that one', () => {
    expect(say({ ...none, field: 'Hộ tịch' })).toEqual({
      text: 'Không tìm thấy thủ tục “khai sinh” trong lĩnh vực Hộ tịch.',
      clear: ['field'],
    });
    expect(say({ ...none, agencyName: 'Công an phường Cẩm Thành' })).toEqual({
      text: 'Không tìm thấy thủ tục “khai sinh” tại Công an phường Cẩm Thành.',
      clear: ['agencyCode'],
    });
    expect(say({ ...none, field: 'Hộ tịch', agencyName: 'Công an phường Cẩm Thành' })).toEqual({
      text: 'Không tìm thấy thủ tục “khai sinh” trong lĩnh vực Hộ tịch tại Công an phường Cẩm Thành.',
      clear: ['field', 'agencyCode'],
    });
    expect(say({ ...none, field: 'Hộ tịch' }, 'en').text).toBe('No procedure matches “khai sinh” in the field Hộ tịch.');
  });

  it('keeps the general advice when no filter is chosen, and no button', () => {
    expect(say(none)).toEqual({ text: 'Không tìm thấy thủ tục phù hợp với “khai sinh”. Hãy thử từ khóa ngắn hơn, hoặc chọn lĩnh vực.', clear: [] });
  });

  it('says an empty filter is empty, and an empty kiosk is not synced yet', () => {
    expect(say({ ...none, query: '', field: 'Hộ tịch', agencyName: 'Sở Xây dựng' })).toEqual({
      text: 'Không có thủ tục nào trong lĩnh vực Hộ tịch tại Sở Xây dựng.',
      clear: ['field', 'agencyCode'],
    });
    expect(say({ ...none, query: '' }).text).toMatch(/^Danh mục thủ tục chưa có trên kiosk/);
  });

  it('counts within the filter when something is found', () => {
    expect(say({ ...none, total: 3, field: 'Hộ tịch' })).toEqual({ text: '3 thủ tục phù hợp với “khai sinh” trong lĩnh vực Hộ tịch', clear: [] });
    expect(say({ ...none, query: ' ', total: 12, field: 'Đất đai' }).text).toBe('12 thủ tục trong lĩnh vực Đất đai');
    expect(say({ ...none, total: 5 }).text).toBe('5 thủ tục phù hợp với “khai sinh”');
  });
});
