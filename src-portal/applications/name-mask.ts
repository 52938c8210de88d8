/**
 * The applicant's name as the public lookup shows it: the family name in
 * full, each middle name cut to its initial followed by "***", and the
 * given name cut to its initial — "Nguyễn Văn An" → "Nguyễn V*** A". Enough
 * for an applicant to recognise their own file, too little to learn a
 * stranger's name. A single-word name shows only its initial and "***".
 */
export function maskApplicantName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const initial = (w: string) => Array.from(w)[0]?.toLocaleUpperCase('vi') ?? '';
  if (words.length === 0) return '***';
  if (words.length === 1) return `${initial(words[0] ?? '')}***`;
  const [family = '', ...rest] = words;
  const given = rest.pop() ?? '';
  return [family, ...rest.map((w) => `${initial(w)}***`), initial(given)].join(' ');
}
