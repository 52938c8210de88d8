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

export { TAX_CODE_PATTERN, taxCodeCheckDigit, taxCodeProblem } from '../../src-shared/domain/tax-code.js';

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
