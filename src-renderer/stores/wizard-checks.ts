import type { DocumentComponent, FormField } from '../../src-shared/catalogue.js';
import { checkCitizenId } from '../../src-shared/domain/cccd.js';
import { checkDocumentComponents, checkFormFields, type FieldValue } from '../../src-shared/domain/form-validation.js';
import type { AttachmentRef } from '../../src-shared/kiosk-api.js';
import { ApplicantSchema } from '../../src-shared/kiosk-contract/applications.js';
import { NO_WAIVERS, type DocumentContext } from '../../src-shared/domain/document-waivers.js';
import { fieldIssue, type FieldIssue } from '../../src-shared/detail-messages.js';

/**
 * The wizard's checks, pure: the same rules the host and the portal apply
 * (ApplicantSchema, checkCitizenId, checkFormFields), run early so the
 * citizen sees the message under the field instead of a refusal at the end.
 */

export const APPLICANT_KEYS = ['fullName', 'citizenId', 'phone', 'email', 'address'] as const;
export type ApplicantKey = (typeof APPLICANT_KEYS)[number];
export type ApplicantForm = Record<ApplicantKey, string>;

/** Field path → message, e.g. `applicant.phone`, `fields.childBirthDate`. */
export type Issues = Record<string, string>;

/** Words a shared validator's issue in the language on screen; without one, its Vietnamese sentence. */
export type IssueWording = (issue: FieldIssue) => string;

const inVietnamese: IssueWording = (issue) => issue.message;

export interface ApplicantMessages {
  label(key: ApplicantKey): string;
  required(label: string): string;
  tooLong(label: string, n: number): string;
  emailInvalid: string;
  issue?: IssueWording;
}

const LIMITS: Record<ApplicantKey, number> = { fullName: 100, citizenId: 12, phone: 13, email: 200, address: 300 };

export function emptyApplicant(): ApplicantForm {
  return { fullName: '', citizenId: '', phone: '', email: '', address: '' };
}

export function checkApplicant(a: ApplicantForm, msg: ApplicantMessages, today: Date = new Date()): Issues {
  const issues: Issues = {};
  const word = msg.issue ?? inVietnamese;
  for (const key of APPLICANT_KEYS) {
    const value = a[key].trim();
    const label = msg.label(key);
    if (value === '') {
      if (key !== 'email') issues[`applicant.${key}`] = msg.required(label);
      continue;
    }
    if (key !== 'citizenId' && key !== 'phone' && value.length > LIMITS[key]) {
      issues[`applicant.${key}`] = msg.tooLong(label, LIMITS[key]);
      continue;
    }
    if (key === 'citizenId') {
      // checkCitizenId explains what is wrong (length, province, birth year); the schema is the host's rule.
      const id = checkCitizenId(value, today);
      if (!id.ok) issues['applicant.citizenId'] = word(fieldIssue('applicant.citizenId', id.key, id.params));
      else if (!ApplicantSchema.shape.citizenId.safeParse(value.replace(/\s+/g, '')).success) {
        issues['applicant.citizenId'] = word(fieldIssue('applicant.citizenId', 'CITIZEN_ID_FORMAT'));
      }
    } else if (key === 'phone') {
      // The schema's one rule for a phone is its pattern: a refusal is that sentence.
      if (!ApplicantSchema.shape.phone.safeParse(value.replace(/[\s.]/g, '')).success) issues['applicant.phone'] = word(fieldIssue('applicant.phone', 'PHONE_INVALID'));
    } else if (key === 'email') {
      if (!ApplicantSchema.shape.email.safeParse(value).success) issues['applicant.email'] = msg.emailInvalid;
    }
  }
  return issues;
}

/** The applicant as the submission wants it: trimmed, spaces out of numbers, no empty email. */
export function applicantForSubmission(a: ApplicantForm): {
  fullName: string;
  citizenId: string;
  phone: string;
  address: string;
  email?: string;
} {
  const email = a.email.trim();
  return {
    fullName: a.fullName.trim().normalize('NFC'),
    citizenId: a.citizenId.replace(/\s+/g, ''),
    phone: a.phone.replace(/[\s.]/g, ''),
    address: a.address.trim().normalize('NFC'),
    ...(email ? { email } : {}),
  };
}

function nonEmpty(values: Readonly<Record<string, string>>, formFields: readonly FormField[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of formFields) {
    const v = values[f.id];
    if (v !== undefined && v.trim() !== '') out[f.id] = v;
  }
  return out;
}

/** The procedure's own form, checked by the portal's function; `values` are typed (numbers as numbers). */
export function checkProcedureFields(
  formFields: readonly FormField[],
  values: Readonly<Record<string, string>>,
  todayKey: string,
  word: IssueWording = inVietnamese,
): { values: Record<string, FieldValue>; issues: Issues } {
  const check = checkFormFields(formFields, nonEmpty(values, formFields), todayKey);
  const issues: Issues = {};
  for (const i of check.issues) issues[i.path] ??= word(i);
  // The date field keeps an unfinished or impossible date as typed (dd/mm/yyyy): say so in its terms, not the API's ISO form.
  for (const f of formFields) {
    const v = values[f.id]?.trim() ?? '';
    if (f.type === 'date' && v !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      issues[`fields.${f.id}`] = word(fieldIssue(`fields.${f.id}`, 'FIELD_DATE_UNFINISHED', { label: f.label, value: v }));
    }
  }
  return { values: check.values, issues };
}

/** Mandatory components without a file, leaving out those the law waives here (the host and portal use the same rule). */
export function missingDocuments(documents: readonly DocumentComponent[], attached: readonly AttachmentRef[], ctx: DocumentContext = NO_WAIVERS): DocumentComponent[] {
  return checkDocumentComponents(documents, attached, ctx).missing;
}

/** A copy of `record` without `key` (records here are replaced, not mutated, so watchers see the change). */
export function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
