import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src-shared/folding.js';

describe('foldVietnamese', () => {
  it('folds tones, vowel marks, case and đ/Đ', () => {
    expect(foldVietnamese('ĐĂNG KÝ KHAI SINH')).toBe('dang ky khai sinh');
    expect(foldVietnamese('đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldVietnamese('Giỗ Tổ Hùng Vương')).toBe('gio to hung vuong');
    expect(foldVietnamese('Nguyễn Thị Ánh Tuyết, Đức Phổ')).toBe('nguyen thi anh tuyet duc pho');
  });

  it('treats precomposed and decomposed input alike', () => {
    expect(foldVietnamese('Hà Nội'.normalize('NFD'))).toBe(foldVietnamese('Hà Nội'.normalize('NFC')));
  });

  it('turns punctuation into single spaces', () => {
    expect(foldVietnamese('  cấp (đổi), GPLX — hạng B2  ')).toBe('cap doi gplx hang b2');
  });
});
