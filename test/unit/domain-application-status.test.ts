import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  STATUS_TRANSITIONS,
  canTransition,
  isStatusCode,
  isTerminalStatus,
  statusByCode,
  statusByKey,
  type StatusCode,
} from '../../src-shared/domain/application-status.js';

const ALL: StatusCode[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('application statuses', () => {
  it('lists the ten national statuses in code order with their Vietnamese names', () => {
    expect(APPLICATION_STATUSES.map((s) => [s.code, s.name])).toEqual([
      [1, 'Mới đăng ký'],
      [2, 'Được tiếp nhận'],
      [3, 'Không được tiếp nhận'],
      [4, 'Đang xử lý'],
      [5, 'Yêu cầu bổ sung giấy tờ'],
      [6, 'Yêu cầu thực hiện nghĩa vụ tài chính'],
      [7, 'Công dân yêu cầu rút hồ sơ'],
      [8, 'Dừng xử lý'],
      [9, 'Đã xử lý xong'],
      [10, 'Đã trả kết quả'],
    ]);
    expect(new Set(APPLICATION_STATUSES.map((s) => s.key)).size).toBe(10);
    for (const s of APPLICATION_STATUSES) {
      expect(s.name.normalize('NFC')).toBe(s.name);
      expect(s.nameEn).not.toBe('');
      expect(statusByCode(s.code)).toBe(s);
      expect(statusByKey(s.key)).toBe(s);
    }
  });

  it('allows the one-stop workflow moves', () => {
    const allowed: [StatusCode, StatusCode][] = [
      [1, 2], [1, 3], [1, 5], [1, 7],
      [2, 4], [2, 5], [2, 6], [2, 7], [2, 8],
      [4, 5], [4, 6], [4, 8], [4, 9], [4, 7],
      [5, 2], [5, 3], [5, 4], [5, 8], [5, 7],
      [6, 4], [6, 8], [6, 7],
      [9, 10],
    ];
    const key = (a: number, b: number) => `${a}>${b}`;
    const allowedKeys = new Set(allowed.map(([a, b]) => key(a, b)));
    for (const from of ALL) {
      for (const to of ALL) {
        expect(canTransition(from, to), key(from, to)).toBe(allowedKeys.has(key(from, to)));
      }
    }
  });

  it('makes 3, 7, 8 and 10 terminal and every status reachable from 1', () => {
    expect(ALL.filter(isTerminalStatus)).toEqual([3, 7, 8, 10]);
    const seen = new Set<StatusCode>([1]);
    const queue: StatusCode[] = [1];
    while (queue.length) {
      for (const next of STATUS_TRANSITIONS[queue.shift() as StatusCode]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(ALL);
  });

  it('refuses self-loops, going back to reception and unknown codes', () => {
    for (const s of ALL) expect(canTransition(s, s)).toBe(false);
    expect(canTransition(4, 2)).toBe(false);
    expect(canTransition(10, 9)).toBe(false);
    expect(canTransition(0 as StatusCode, 1)).toBe(false);
    expect(canTransition(1, 11 as StatusCode)).toBe(false);
    expect(isStatusCode(4)).toBe(true);
    expect(isStatusCode('4')).toBe(false);
    expect(() => statusByCode(11 as StatusCode)).toThrow(RangeError);
  });
});
