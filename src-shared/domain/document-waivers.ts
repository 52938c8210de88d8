import type { DocumentComponent, FormField } from '../catalogue.js';
import type { SubmitterKind } from './submitter.js';

/**
 * Papers the law says not to ask for, decided in one place for the wizard,
 * the kiosk host and the portal. Each waiver is a flag on the component in
 * the procedure data, carrying its legal source:
 * - `fromPopulationDatabase`: the data can be drawn from the Cơ sở dữ liệu
 *   quốc gia về dân cư, so the paper is not needed once the citizen's
 *   identity is verified by their own login (Nghị định 104/2022/NĐ-CP);
 * - `replacedByEForm`: the e-form the citizen filled in is the declaration
 *   itself, so its paper copy is not asked for (Nghị định 45/2020/NĐ-CP).
 */
export type DocumentWaiver = 'population_database' | 'e_form';

export interface DocumentContext {
  /** The applicant is the citizen signed in with their own account (not a proxy, not a walk-in at the counter). */
  identityVerified: boolean;
  /** The procedure's e-form was filled in (its mandatory fields all have values). */
  eFormFilled: boolean;
}

/** Nothing waived: what a counter walk-in or a paper submission is asked for. */
export const NO_WAIVERS: DocumentContext = { identityVerified: false, eFormFilled: false };

/**
 * Identity verified by login: the applicant's CCCD is the one the citizen
 * signed in with, and they apply for themself. A proxy's own login says
 * nothing about the applicant; an officer at the counter has not checked a
 * card against the national database, so neither counts.
 */
export function identityVerifiedBySignIn(signedInCitizenId: string | null | undefined, kind: SubmitterKind | undefined, applicantCitizenId: string): boolean {
  return !!signedInCitizenId && kind !== 'proxy' && signedInCitizenId === applicantCitizenId.trim();
}

/** Every mandatory field of the e-form has a value (the field checks judge the values themselves). */
export function eFormFilled(formFields: readonly FormField[], values: Readonly<Record<string, unknown>>): boolean {
  if (formFields.length === 0) return false;
  return formFields.every((f) => !f.required || (values[f.id] !== undefined && values[f.id] !== null && String(values[f.id]).trim() !== ''));
}

/** Why this component need not be handed in, or null when it is asked for as the data says. */
export function waiverOf(doc: DocumentComponent, ctx: DocumentContext): DocumentWaiver | null {
  if (doc.replacedByEForm && ctx.eFormFilled) return 'e_form';
  if (doc.fromPopulationDatabase && ctx.identityVerified) return 'population_database';
  return null;
}

/** Mandatory as the data says, and not waived. */
export function isRequired(doc: DocumentComponent, ctx: DocumentContext): boolean {
  return doc.mandatory && waiverOf(doc, ctx) === null;
}
