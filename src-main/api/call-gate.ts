import type { KioskSession } from '../session/kiosk-session.js';
import type { SignIn } from '../session/sign-in.js';
import { BACKGROUND_CALLS, type CallGate } from './authorization.js';

/** The dispatcher's gate at a real kiosk: who is signed in now, and which visit is calling. */
export function visitGate(signIn: SignIn, session: KioskSession): CallGate {
  return {
    caller: () => ({
      citizen: signIn.hasCitizen(),
      officer: signIn.staffUsername() === null ? 'none' : signIn.presentStaffUsername() === null ? 'locked' : 'present',
      owns: (localId) => session.owns(localId),
    }),
    admitted: (name) => {
      if (!BACKGROUND_CALLS.has(name)) session.touch();
    },
  };
}
