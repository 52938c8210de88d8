import { z } from 'zod';
import { MA_HO_SO_PATTERN, parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';

/** Field schemas every printed document's data shares, so a receipt and an officer's slip accept and word errors alike. */

export const text = (max: number) => z.string().trim().min(1).max(max);

export const Instant = z.iso.datetime({ offset: true, message: 'Thời điểm phải theo ISO 8601, ví dụ 2026-01-28T07:30:00Z.' });

export const MaHoSo = z
  .string()
  .trim()
  .toUpperCase()
  .regex(MA_HO_SO_PATTERN, 'Mã hồ sơ không đúng định dạng (dạng 000.00.53.H48-220921-0099).')
  .refine((c) => parseMaHoSo(c) !== null, 'Mã hồ sơ có ngày hoặc số thứ tự không hợp lệ.');
