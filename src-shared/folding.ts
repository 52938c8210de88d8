/**
 * Vietnamese search folding: "ĐĂNG KÝ Khai Sinh" → "dang ky khai sinh".
 * NFD strips the tone and vowel marks, but đ/Đ (U+0111/U+0110) have no
 * decomposition, so they are mapped by hand — SQLite's unicode61
 * remove_diacritics leaves them alone too, which is why the store indexes
 * folded text rather than relying on the tokenizer.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
