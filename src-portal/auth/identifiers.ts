import { checkCitizenId } from '../../src-shared/domain/cccd.js';

/**
 * Identifier checks the accounts need: CCCD/CMND (through the shared domain
 * rule), mã số thuế (MST) and Vietnamese mobile numbers. Each returns a
 * Vietnamese reason or a normalised value; none of them logs what it checks.
 */

/** Citizen ids are stored without the spaces people type inside them. */
export function normalizeCitizenId(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** Why a CCCD (12 digits, structure checked) or CMND (9 digits) is refused; null when acceptable. */
export function citizenIdProblem(citizenId: string, today: Date = new Date()): string | null {
  const check = checkCitizenId(citizenId, today);
  return check.ok ? null : check.message;
}

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

/** MST: 10 digits, or 10 digits + "-" + 3 digits for a branch (đơn vị phụ thuộc). */
export const TAX_CODE_PATTERN = /^(\d{10})(?:-(\d{3}))?$/;

export function taxCodeProblem(taxCode: string): string | null {
  const m = TAX_CODE_PATTERN.exec(taxCode);
  if (!m?.[1]) return 'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc).';
  const ten = m[1];
  if (taxCodeCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return 'Mã số thuế không đúng (sai chữ số kiểm tra).';
  if (m[2] === '000') return 'Mã đơn vị phụ thuộc trong mã số thuế không được là 000.';
  return null;
}

/**
 * Normalises a Vietnamese mobile number to 10 digits starting with 0
 * ("+84 912 345 689" → "0912345689"); null when it is not one.
 */
export function normalizeVnMobile(raw: string): string | null {
  const digits = raw.replace(/[\s.()-]/g, '');
  let local: string;
  if (/^\+84\d{9}$/.test(digits)) local = `0${digits.slice(3)}`;
  else if (/^84\d{9}$/.test(digits)) local = `0${digits.slice(2)}`;
  else local = digits;
  return /^0[35789]\d{8}$/.test(local) ? local : null;
}

/** "0912345689" → "09******89": enough for the owner to recognise, not to dial. */
export function maskPhone(phone: string): string {
  if (phone.length < 5) return '*'.repeat(phone.length);
  return `${phone.slice(0, 2)}${'*'.repeat(phone.length - 4)}${phone.slice(-2)}`;
}
