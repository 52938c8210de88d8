import type { Procedure } from '../../src-shared/catalogue.js';
import { checkApplicantIdentity, checkDocumentComponents, checkFormFields, type FieldIssue, type FieldValue } from '../../src-shared/domain/form-validation.js';
import { vnDateKey } from '../../src-shared/domain/vn-time.js';
import { eFormFilled } from '../../src-shared/domain/document-waivers.js';
import { KioskError } from '../../src-shared/errors.js';
import { fieldIssue } from '../../src-shared/detail-messages.js';
import { applicantMatchesSignIn, type SubmitterKind } from '../../src-shared/domain/submitter.js';

export interface ApplicationContent {
  applicant: { citizenId: string; birthDate?: string | undefined };
  fields: Readonly<Record<string, FieldValue>>;
  attachments: readonly { componentId: string }[];
}

function refuseIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) {
    throw KioskError.detailed('INVALID_INPUT', 'APPLICATION_INVALID', { details: issues.map((i) => i.message).join(' ') }, { issues });
  }
}

/** The applicant's identity alone, for an application whose procedure the catalogue no longer has. */
export function checkIdentity(applicant: ApplicationContent['applicant'], now: Date): void {
  refuseIfAny(checkApplicantIdentity(applicant, now));
}

/**
 * The host is the validator of record: before anything is written, an
 * application meets the same rules the wizard shows under each field and
 * the portal applies on arrival (src-shared/domain). A bad value typed
 * straight through the API is refused here, with a message per field,
 * instead of coming back as "cần sửa" after the citizen has left.
 *
 * Returns the form values as the portal will read them (trimmed, numbers
 * as numbers). `identityVerified`: the applicant is the citizen signed in
 * (document-waivers.ts), so papers the national database replaces are not asked for.
 */
export function checkApplication(procedure: Procedure, content: ApplicationContent, now: Date, identityVerified = false): Record<string, FieldValue> {
  const form = checkFormFields(procedure.formFields, content.fields, vnDateKey(now));
  refuseIfAny([...checkApplicantIdentity(content.applicant, now), ...form.issues]);
  const docs = checkDocumentComponents(procedure.documents, content.attachments, { identityVerified, eFormFilled: eFormFilled(procedure.formFields, form.values) });
  if (docs.unknown.length > 0) {
    const issues = docs.unknown.map((c) => fieldIssue(`attachments.${c}`, 'COMPONENT_UNKNOWN'));
    throw KioskError.detailed('INVALID_INPUT', 'COMPONENTS_UNKNOWN', { ids: docs.unknown.join(', ') }, { issues });
  }
  if (docs.missing.length > 0) {
    const issues = docs.missing.map((d) => fieldIssue(`attachments.${d.id}`, 'COMPONENT_NOT_ATTACHED', { name: d.name }));
    throw KioskError.detailed('MISSING_DOCUMENTS', 'COMPONENTS_MISSING', { names: docs.missing.map((d) => d.name).join('; ') }, { issues });
  }
  return form.values;
}

/**
 * A citizen signed in at the kiosk applies for themself unless they chose
 * "Tôi nộp hộ người khác": refused here, while they are still at the screen,
 * rather than by the portal after they have left.
 */
export function checkSubmitter(signedInCitizenId: string | null | undefined, kind: SubmitterKind | undefined, applicant: { citizenId: string }): void {
  if (!applicantMatchesSignIn(signedInCitizenId, kind, applicant.citizenId)) {
    throw KioskError.detailed('INVALID_INPUT', 'APPLICANT_NOT_SIGNED_IN', undefined, { issues: [fieldIssue('applicant.citizenId', 'APPLICANT_NOT_SIGNED_IN')] });
  }
}
