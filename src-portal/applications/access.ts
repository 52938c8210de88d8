import type { Principal } from '../auth/principal.js';
import type { ApplicationSubmission } from '../../src-shared/portal-applications-api.js';
import type { ApplicationRow } from './records.js';
import { PortalHttpError } from '../http/errors.js';
import { applicantMatchesSignIn } from '../../src-shared/domain/submitter.js';
import { detailVi } from '../../src-shared/detail-messages.js';

/**
 * Who may see an application in full: the citizen or business account it
 * belongs to, the citizen it is about (same CCCD, e.g. when an officer or a
 * kiosk sent it for them), the officer who received it, and officers of the
 * receiving agency. Everyone else gets the public view — kiosk devices too:
 * a kiosk serves one stranger after another, and learns what it needs about
 * its own submissions from GET /applications/by-key.
 */
export function maySeeFull(principal: Principal | null, app: Pick<ApplicationRow, 'owner_account_id' | 'applicant_citizen_id' | 'agency_code' | 'received_by_account_id'>): boolean {
  if (!principal || principal.role === 'kiosk') return false;
  if (principal.accountId === app.owner_account_id || principal.accountId === app.received_by_account_id) return true;
  if (principal.role === 'citizen' && principal.citizenId !== undefined && principal.citizenId === app.applicant_citizen_id) return true;
  return principal.role === 'officer' && principal.agencyCode === app.agency_code;
}

/** Officer actions are for the receiving agency's own staff. */
export function requireOwnAgency(principal: Principal, app: Pick<ApplicationRow, 'agency_code' | 'code'>): void {
  if (principal.role !== 'officer' || principal.agencyCode !== app.agency_code) {
    throw new PortalHttpError(403, 'WRONG_AGENCY', `Hồ sơ ${app.code} thuộc cơ quan khác; tài khoản cán bộ này không xử lý được hồ sơ này.`);
  }
}

/**
 * The applicant is the signed-in citizen unless the submission records a
 * proxy (người nộp hộ / ủy quyền). A kiosk device carries the CCCD the
 * citizen signed in with (signedInCitizenId) and is held to it the same way;
 * officers and businesses submit for others by their role.
 */
export function requireApplicantIsSignedIn(principal: Principal, submission: Pick<ApplicationSubmission, 'applicant' | 'submitter' | 'signedInCitizenId'>): void {
  const signedIn = principal.role === 'citizen' ? principal.citizenId : principal.role === 'kiosk' ? submission.signedInCitizenId : undefined;
  if (!applicantMatchesSignIn(signedIn, submission.submitter?.kind, submission.applicant.citizenId)) {
    throw new PortalHttpError(403, 'APPLICANT_NOT_SIGNED_IN', detailVi('APPLICANT_NOT_SIGNED_IN'));
  }
}

/** What the stored applicant record keeps of a proxy submission: the relation as the submitter stated it. */
export function proxyRecord(submission: Pick<ApplicationSubmission, 'submitter'>): { proxy?: { relation: string } } {
  return submission.submitter?.kind === 'proxy' ? { proxy: { relation: submission.submitter.relation } } : {};
}
