/**
 * Vietnamese alphabetical order for every list a person reads: Đ right after
 * D and before E, Ă/Â after A, tones after the bare letter. A byte or
 * SQLite order puts "Đất đai" after "Việc làm" (U+0110 > "V"). Numbers inside
 * names compare as numbers ("cấp 2" before "cấp 10").
 */
const collator = new Intl.Collator('vi', { numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}
