import { KioskError } from '../../src-shared/errors.js';
import type { PortalClient } from '../portal/portal-client.js';
import type { Visit } from '../session/visit.js';
import { MAX_PIN_TRIES, type PortalSignIn } from '../session/portal-sign-in.js';
import type { Audit, Drafts } from '../store/store.js';
import type { WizardCaptcha } from '../session/wizard-captcha.js';
import type { Handlers } from './dispatcher.js';
import { toKioskError } from './portal-errors.js';
import { endVisit, revokePortalSession, signInCitizen } from '../session/end-visit.js';

export interface SessionDeps {
  portal: PortalClient;
  signIn: PortalSignIn;
  captcha: WizardCaptcha;
  audit: Audit;
  drafts: Drafts;
  visit: Visit;
}

/** Login at the kiosk: the citizen (captcha, password, SMS OTP) and the counter officer for the shift. */
export function sessionHandlers(deps: SessionDeps): Pick<
  Handlers,
  'session.end' | 'auth.captcha' | 'auth.login' | 'auth.resendOtp' | 'auth.verifyOtp' | 'auth.state' | 'auth.logout' | 'staff.signIn' | 'staff.signOut' | 'staff.lock' | 'staff.unlock' | 'wizard.captcha' | 'wizard.checkCaptcha'
> {
  const { portal, signIn } = deps;
  const viaPortal = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw toKioskError(e);
    }
  };
  const revoke = (token: string | null) => revokePortalSession(portal, token);

  return {
    'session.end': () => endVisit(deps),
    'auth.captcha': () => viaPortal(() => portal.captcha()),
    'auth.login': (input) => viaPortal(() => portal.login(input)),
    'auth.resendOtp': (input) => viaPortal(() => portal.resendOtp(input.challengeId)),
    'auth.verifyOtp': async (input) => {
      const session = await viaPortal(() => portal.verifyOtp(input));
      if (session.account.role !== 'citizen' && session.account.role !== 'business') throw new KioskError('FORBIDDEN');
      signInCitizen(deps, { token: session.token, account: session.account });
      deps.audit.record('citizen', 'login');
      return signIn.state();
    },
    'auth.state': () => signIn.state(),
    'auth.logout': () => {
      // The citizen's drafts and applications leave with them, even when no "Kết thúc" follows.
      if (signIn.hasCitizen()) endVisit(deps);
      return signIn.state();
    },
    'staff.signIn': async ({ pin, ...login }) => {
      // The shift PIN stays at the kiosk: the portal gets only its own login fields.
      const session = await viaPortal(() => portal.officerLogin(login));
      if (session.account.role !== 'officer') {
        revoke(session.token);
        throw new KioskError('FORBIDDEN');
      }
      revoke(signIn.takeStaff());
      await signIn.setStaff(
        { token: session.token, username: login.username, displayName: session.account.displayName, agencyCode: session.account.agencyCode ?? null, isAdmin: session.account.isAdmin === true },
        pin,
      );
      deps.audit.record(`staff:${login.username}`, 'shift.start');
      return signIn.state();
    },
    'staff.signOut': () => {
      const who = signIn.staffUsername();
      revoke(signIn.takeStaff());
      if (who) deps.audit.record(`staff:${who}`, 'shift.end');
      return signIn.state();
    },
    'staff.lock': () => {
      const who = signIn.staffUsername();
      if (!who || !signIn.lock()) throw KioskError.detailed('SIGN_IN_REQUIRED', 'NO_SHIFT');
      deps.audit.record(`staff:${who}`, 'shift.lock');
      return signIn.state();
    },
    'staff.unlock': async ({ pin }) => {
      const who = signIn.staffUsername();
      const result = await signIn.unlock(pin);
      switch (result.outcome) {
        case 'unlocked':
          deps.audit.record(`staff:${who}`, 'shift.unlock');
          return signIn.state();
        case 'wrong':
          throw KioskError.detailed('STAFF_PIN_WRONG', 'STAFF_PIN_WRONG_TRIES', { triesLeft: result.triesLeft, maxTries: MAX_PIN_TRIES });
        case 'shiftEnded':
          revoke(result.token);
          deps.audit.record(`staff:${who}`, 'shift.end.pin');
          throw new KioskError('STAFF_PIN_LOCKED');
        case 'noShift':
          throw KioskError.detailed('SIGN_IN_REQUIRED', 'NO_SHIFT_SIGN_IN');
      }
    },
    'wizard.captcha': () => deps.captcha.issue(),
    'wizard.checkCaptcha': (input) => {
      if (!deps.captcha.check(input.captchaId, input.captchaAnswer)) throw new KioskError('CAPTCHA_WRONG');
      return { ok: true as const };
    },
  };
}
