import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRatingCriteria, scoreProblems } from '../../src-portal/ratings/criteria.js';
import { feesDue } from '../../src-portal/returns/return-result.js';

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');

describe('rating criteria (resources/ratings)', () => {
  const criteria = loadRatingCriteria(resources);

  it('accepts a complete card on the scale and names every problem otherwise', () => {
    const full = Object.fromEntries(criteria.criteria.map((c) => [c.id, 1]));
    expect(scoreProblems(criteria, full)).toEqual([]);
    const { thai_do_can_bo: _dropped, ...missing } = full;
    expect(scoreProblems(criteria, { ...missing, tong_thoi_gian: 3, la: 2 })).toEqual([
      'Điểm 3 của tiêu chí "Tổng thời gian giải quyết thủ tục hành chính so với thời gian quy định" không thuộc thang điểm.',
      'Chưa chấm tiêu chí "Thái độ, hành vi, tác phong của cán bộ, công chức tiếp nhận và giải quyết hồ sơ".',
      'Tiêu chí "la" không có trong bộ tiêu chí.',
    ]);
  });

  it('answers 503 with a Vietnamese message when the file is missing', () => {
    expect(() => loadRatingCriteria('/khong-co-thu-muc-nay')).toThrow('Chưa cấu hình bộ tiêu chí đánh giá mức độ hài lòng');
  });
});

describe('fees due at the return', () => {
  it('is the total while unpaid or chosen "at the counter" and not collected; nothing once paid or when free', () => {
    expect(feesDue({ payment_status: 'chua_thanh_toan', paid_at: null, fee_total: 20000 })).toBe(20000);
    expect(feesDue({ payment_status: 'thu_tai_quay', paid_at: null, fee_total: 20000 })).toBe(20000);
    expect(feesDue({ payment_status: 'thu_tai_quay', paid_at: '2026-03-02T02:00:00.000Z', fee_total: 20000 })).toBe(0);
    expect(feesDue({ payment_status: 'da_thanh_toan', paid_at: '2026-03-02T02:00:00.000Z', fee_total: 20000 })).toBe(0);
    expect(feesDue({ payment_status: 'mien', paid_at: null, fee_total: 0 })).toBe(0);
  });
});
