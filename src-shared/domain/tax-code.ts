/**
 * Mã số thuế (MST): 10 digits, or 10 digits + "-" + 3 digits for a branch
 * (đơn vị phụ thuộc). Shared by the portal (business accounts) and the kiosk
 * (the MST read off a signing certificate).
 */
export const TAX_CODE_PATTERN = /^(\d{10})(?:-(\d{3}))?$/;

const MST_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/**
 * The 10th digit of an MST is a check digit over the first nine
 * (Thông tư 105/2020/TT-BTC numbering): 10 − (Σ dᵢ·wᵢ mod 11). A sum that
 * would need "10" is never issued. Returns null for such prefixes.
 */
export function taxCodeCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (MST_WEIGHTS[i] ?? 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

/** What is wrong with an MST, in Vietnamese, or null when it is well-formed. */
export function taxCodeProblem(taxCode: string): string | null {
  const m = TAX_CODE_PATTERN.exec(taxCode);
  if (!m?.[1]) return 'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc).';
  const ten = m[1];
  if (taxCodeCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return 'Mã số thuế không đúng (sai chữ số kiểm tra).';
  if (m[2] === '000') return 'Mã đơn vị phụ thuộc trong mã số thuế không được là 000.';
  return null;
}

export function isValidTaxCode(taxCode: string): boolean {
  return taxCodeProblem(taxCode) === null;
}
