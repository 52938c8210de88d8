import type { Visit } from '../session/visit.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import { BACKGROUND_CALLS, type CallGate } from './authorization.js';

/** The dispatcher's gate at a real kiosk: who is signed in now, and which visit is calling. */
export function visitGate(signIn: PortalSignIn, visit: Visit): CallGate {
  return {
    caller: () => ({
      citizen: signIn.hasCitizen(),
      officer: signIn.staffUsername() === null ? 'none' : signIn.presentStaffUsername() === null ? 'locked' : 'present',
      owns: (localId) => visit.owns(localId),
    }),
    admitted: (name) => {
      if (!BACKGROUND_CALLS.has(name)) visit.touch();
    },
  };
}
