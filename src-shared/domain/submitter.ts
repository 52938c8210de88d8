/**
 * Who hands an application in (finding 5 of the security issue): the
 * signed-in citizen for themself, whose CCCD must then be the applicant's, or
 * a proxy ("người nộp hộ / ủy quyền") with the relation recorded. The wizard,
 * the host and the portal each hold an application to the same rule.
 */
export type SubmitterKind = 'self' | 'proxy';

/** True when nobody's CCCD is known (a business, the counter), the submission is a proxy, or the applicant is the one signed in. */
export function applicantMatchesSignIn(signedInCitizenId: string | null | undefined, kind: SubmitterKind | undefined, applicantCitizenId: string): boolean {
  if (kind === 'proxy' || !signedInCitizenId) return true;
  return signedInCitizenId === applicantCitizenId.trim();
}
