import type { DocumentComponent, FormField } from '../catalogue.js';
import { checkCitizenId } from './cccd.js';
import { parseDateKey, vnDateKey } from './vn-time.js';
import { isRequired, NO_WAIVERS, type DocumentContext } from './document-waivers.js';
import { fieldIssue, type DetailKey, type FieldIssue, type MessageParams } from '../detail-messages.js';

/**
 * Checks the values of a procedure's online form (kiosk wizard and portal alike) ("thông tin tờ khai")
 * against its typed field definitions. Pure: the caller passes today's
 * Vietnam date so 'notAfterToday' does not depend on the host clock.
 */

/** `path` is `fields.<id>` so the kiosk can put the message under the right input. */
export type { FieldIssue };

export type FieldValue = string | number;

export interface FieldCheck {
  values: Record<string, FieldValue>;
  issues: FieldIssue[];
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function isEmpty(v: FieldValue | undefined): boolean {
  return v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Compiles a catalogue pattern anchored, so 'abc' cannot match inside
 * 'xabcx'; in Unicode mode (Vietnamese letters are single code points after
 * NFC), else as the browser's plain mode would read it.
 */
function fullMatch(pattern: string, value: string): boolean {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags).test(value);
    } catch {
      // try the next reading
    }
  }
  // A pattern no engine reads is a catalogue bug; it must not lock citizens out of the procedure.
  return true;
}

type Problem = { key: DetailKey; params?: MessageParams };

function checkOne(field: FormField, raw: FieldValue, today: string): { value?: FieldValue; problem?: Problem } {
  const label = field.label;
  switch (field.type) {
    case 'text': {
      const text = String(raw).normalize('NFC').trim();
      if (text.length > field.maxLength) return { problem: { key: 'FIELD_TOO_LONG', params: { label, max: field.maxLength } } };
      if (field.pattern && !fullMatch(field.pattern, text)) {
        return { problem: field.patternMessage ? { key: 'FIELD_PATTERN_HINT', params: { label, hint: field.patternMessage } } : { key: 'FIELD_PATTERN', params: { label } } };
      }
      return { value: text };
    }
    case 'date': {
      const text = String(raw).trim();
      if (!parseDateKey(text)) return { problem: { key: 'FIELD_DATE_INVALID', params: { label } } };
      if (field.notAfterToday && text > today) return { problem: { key: 'FIELD_DATE_AFTER_TODAY', params: { label } } };
      return { value: text };
    }
    case 'number': {
      const text = typeof raw === 'number' ? String(raw) : raw.trim().replace(',', '.');
      if (typeof raw === 'number' ? !Number.isFinite(raw) : !NUMERIC.test(text)) return { problem: { key: 'FIELD_NUMBER', params: { label } } };
      const n = Number(text);
      if (field.integer && !Number.isInteger(n)) return { problem: { key: 'FIELD_INTEGER', params: { label } } };
      if (field.min !== undefined && n < field.min) return { problem: { key: 'FIELD_MIN', params: { label, min: field.min } } };
      if (field.max !== undefined && n > field.max) return { problem: { key: 'FIELD_MAX', params: { label, max: field.max } } };
      return { value: n };
    }
    case 'select': {
      const text = String(raw).trim();
      if (!field.options.some((o) => o.value === text)) return { problem: { key: 'FIELD_SELECT', params: { label } } };
      return { value: text };
    }
  }
}

export function checkFormFields(fields: readonly FormField[], input: Readonly<Record<string, FieldValue>>, today: string): FieldCheck {
  const issues: FieldIssue[] = [];
  const values: Record<string, FieldValue> = {};
  const known = new Set(fields.map((f) => f.id));
  for (const id of Object.keys(input)) {
    if (!known.has(id)) issues.push(fieldIssue(`fields.${id}`, 'FIELD_UNKNOWN', { id }));
  }
  for (const field of fields) {
    const raw = Object.hasOwn(input, field.id) ? input[field.id] : undefined;
    if (raw === undefined || isEmpty(raw)) {
      if (field.required) issues.push(fieldIssue(`fields.${field.id}`, 'FIELD_REQUIRED', { label: field.label }));
      continue;
    }
    const r = checkOne(field, raw, today);
    if (r.problem !== undefined) issues.push(fieldIssue(`fields.${field.id}`, r.problem.key, r.problem.params));
    else if (r.value !== undefined) values[field.id] = r.value;
  }
  return { values, issues };
}

/**
 * The applicant's identity, beyond its format: a CCCD that can exist
 * (province, birth year) and a birth date, when given, that is real, not in
 * the future and agrees with the CCCD.
 */
export function checkApplicantIdentity(applicant: { citizenId: string; birthDate?: string | undefined }, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const id = checkCitizenId(applicant.citizenId, now);
  if (!id.ok) issues.push(fieldIssue('applicant.citizenId', id.key, id.params));
  const birth = applicant.birthDate;
  if (birth !== undefined) {
    const d = parseDateKey(birth);
    if (!d) issues.push(fieldIssue('applicant.birthDate', 'BIRTH_DATE_NOT_EXIST', { date: birth }));
    else if (birth > vnDateKey(now)) issues.push(fieldIssue('applicant.birthDate', 'BIRTH_DATE_FUTURE'));
    else if (id.ok && id.birthYear !== undefined && id.birthYear !== d.year) {
      issues.push(fieldIssue('applicant.birthDate', 'BIRTH_YEAR_MISMATCH', { year: d.year, idYear: id.birthYear }));
    }
  }
  return issues;
}

export interface DocumentCheck {
  /** Component ids sent that the procedure does not have. */
  unknown: string[];
  /** Mandatory components with no file. */
  missing: DocumentComponent[];
}

/**
 * Every mandatory component has a file, unless the law waives it here
 * (document-waivers.ts), and no file is for a component the procedure lacks.
 */
export function checkDocumentComponents(
  documents: readonly DocumentComponent[],
  attached: readonly { componentId: string }[],
  ctx: DocumentContext = NO_WAIVERS,
): DocumentCheck {
  const known = new Set(documents.map((d) => d.id));
  const sent = new Set(attached.map((a) => a.componentId));
  return {
    unknown: [...sent].filter((c) => !known.has(c)),
    missing: documents.filter((d) => isRequired(d, ctx) && !sent.has(d.id)),
  };
}
