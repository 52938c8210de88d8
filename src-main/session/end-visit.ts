import type { PortalClient } from '../portal/portal-client.js';
import type { Drafts } from '../store/store.js';
import type { Visit } from './visit.js';
import type { PortalSignIn } from './portal-sign-in.js';

export interface VisitParts {
  drafts: Drafts;
  visit: Visit;
  signIn: PortalSignIn;
  portal: PortalClient;
}

/** Best effort: an unreachable portal lets the session run out on its own (30 minutes). */
export function revokePortalSession(portal: PortalClient, token: string | null): void {
  if (token) void portal.logout(token).catch(() => undefined);
}

/**
 * The visit is over ("Kết thúc", logout, idle in the UI or in the host): its
 * drafts go unless kept, the next visit gets a new id (and none of this
 * one's applications), and the citizen's portal session is revoked. Staff
 * stay signed in for the shift.
 */
export function endVisit(p: VisitParts): { wipedDrafts: number } {
  const wipedDrafts = p.drafts.deleteSession(p.visit.current());
  p.visit.rotate();
  revokePortalSession(p.portal, p.signIn.takeCitizen());
  return { wipedDrafts };
}

/**
 * A citizen or business has just logged in. Nothing of whoever was here
 * before carries over: another person still signed in means their visit
 * ends first; otherwise the visit keeps its drafts (an officer may have
 * started the form for a walk-in) but no longer vouches for applications
 * made before this person arrived.
 */
export function signInCitizen(p: VisitParts, who: Parameters<PortalSignIn['setCitizen']>[0]): void {
  if (p.signIn.hasCitizen()) endVisit(p);
  else p.visit.forgetApplications();
  p.signIn.setCitizen(who);
}
