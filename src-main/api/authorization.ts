import { KioskError } from '../../src-shared/errors.js';
import type { CallName, ParsedInput } from '../../src-shared/kiosk-api.js';

/**
 * Who may make each kiosk call. The host never relies on the UI not
 * offering a screen: anything holding the launch secret can call anything,
 * so every call is checked here, once, before its handler runs.
 *
 * - `anyone`: public or harmless (catalogue, lookup, login steps, app info).
 * - `visit`: the person being served now — a signed-in citizen, or the
 *   officer of the shift while present (not locked).
 * - `ownApplication`: one application by its localId — the present officer,
 *   or the signed-in citizen of the visit that made it.
 * - `shift`: the officer whose shift is open, present or locked (to unlock
 *   or end it).
 * - `officer`: the present officer only (staff views and actions).
 */
export type Audience = 'anyone' | 'visit' | 'ownApplication' | 'shift' | 'officer';

/** `ownApplication` is only possible for calls that name an application. */
type AudienceOf<N extends CallName> = ParsedInput<N> extends { localId: string } ? Audience : Exclude<Audience, 'ownApplication'>;

/** Adding a call to the contract without a row here is a type error. */
export const CALL_POLICY: { readonly [N in CallName]: AudienceOf<N> } = {
  'app.info': 'anyone',
  'catalogue.list': 'anyone',
  'catalogue.search': 'anyone',
  'catalogue.get': 'anyone',
  'applications.lookup': 'anyone',
  'attachments.add': 'visit',
  'attachments.fromImages': 'visit',
  'drafts.save': 'visit',
  'drafts.current': 'visit',
  'drafts.discard': 'visit',
  // Ending a visit only ever wipes; whoever is at the screen may do it.
  'session.end': 'anyone',
  'submissions.submit': 'visit',
  'submissions.get': 'ownApplication',
  'submissions.list': 'officer',
  'submissions.resubmit': 'officer',
  'submissions.forFix': 'officer',
  'auth.captcha': 'anyone',
  'auth.login': 'anyone',
  'auth.resendOtp': 'anyone',
  'auth.verifyOtp': 'anyone',
  'auth.state': 'anyone',
  'auth.logout': 'anyone',
  'staff.signIn': 'anyone',
  'staff.signOut': 'shift',
  'staff.lock': 'officer',
  'staff.unlock': 'shift',
  'wizard.captcha': 'visit',
  'wizard.checkCaptcha': 'visit',
  'payments.quote': 'ownApplication',
  'receipts.print': 'ownApplication',
  // Counts only, no personal data: the home screen shows them.
  'sync.state': 'anyone',
  'sync.now': 'officer',
  'devices.state': 'anyone',
  // A business picks its certificate before it has logged in.
  'business.certificates': 'anyone',
  'business.login': 'anyone',
  'business.signDeclaration': 'visit',
  'officer.worklist': 'officer',
  'officer.application': 'officer',
  'officer.attachment': 'officer',
  'officer.accept': 'officer',
  'officer.requestSupplement': 'officer',
  'officer.reject': 'officer',
  'officer.processing': 'officer',
  'officer.returnResult': 'officer',
  // The citizen's own application: the handlers also need the citizen's portal session.
  'supplements.request': 'visit',
  'supplements.submit': 'visit',
  'ratings.criteria': 'anyone',
  // Right after the return at the counter, or the signed-in owner from Tra cứu hồ sơ.
  'ratings.submit': 'visit',
  // "Quản trị kiosk": the present officer; the handlers also require the admin role and the PIN (admin/admin-access.ts).
  'admin.open': 'officer',
  'admin.overview': 'officer',
  'admin.saveSettings': 'officer',
  'admin.setPortalUrl': 'officer',
  'admin.queue': 'officer',
  'admin.retry': 'officer',
  'admin.discard': 'officer',
  'admin.supportBundle': 'officer',
  'admin.fleet': 'officer',
  // A queue ticket names nobody: whoever stands at the kiosk takes one, signed in or not.
  'queue.centre': 'anyone',
  'queue.take': 'anyone',
  'queue.print': 'anyone',
  // The counter's queue buttons and the centre's figures: staff only, with the officer's own portal session.
  'counterQueue.now': 'officer',
  'counterQueue.next': 'officer',
  'counterQueue.recall': 'officer',
  'counterQueue.absent': 'officer',
  'counterQueue.complete': 'officer',
  'counterQueue.transfer': 'officer',
  'counterQueue.figures': 'officer',
};

/**
 * Calls the UI makes on its own (live counters, status polls): they say
 * nothing about whether a person is still at the kiosk, so they do not keep
 * a visit alive.
 */
export const BACKGROUND_CALLS: ReadonlySet<CallName> = new Set<CallName>(['app.info', 'sync.state', 'devices.state', 'submissions.get']);

/** Who is making a call, as the host knows it. */
export interface Caller {
  citizen: boolean;
  officer: 'none' | 'present' | 'locked';
  /** Whether the current visit made this application. */
  owns(localId: string): boolean;
}

export const NOBODY: Caller = { citizen: false, officer: 'none', owns: () => false };

/** Refuses a call its caller may not make; checks the audience only (ownership needs the parsed input). */
export function checkAudience(audience: Audience, caller: Caller): void {
  if (audience === 'anyone') return;
  if (audience === 'shift') {
    if (caller.officer !== 'none') return;
    throw KioskError.detailed('SIGN_IN_REQUIRED', 'CALL_OFFICER_ONLY');
  }
  // A locked counter serves nobody, whoever is still signed in: the officer stepped away.
  if (caller.officer === 'locked') throw KioskError.detailed('SIGN_IN_REQUIRED', 'CALL_SCREEN_LOCKED');
  if (caller.officer === 'present') return;
  if (audience === 'officer') throw KioskError.detailed(caller.citizen ? 'FORBIDDEN' : 'SIGN_IN_REQUIRED', 'CALL_OFFICER_ONLY');
  if (!caller.citizen) throw KioskError.detailed('SIGN_IN_REQUIRED', 'CALL_SIGN_IN');
}

/** Where the dispatcher learns who is calling, and tells the visit it is still in use. */
export interface CallGate {
  caller(): Caller;
  /** A call passed the gate; background calls included, the gate decides what counts. */
  admitted(name: CallName): void;
}

/** The default gate: nobody is signed in, so only `anyone` calls get through. */
export const CLOSED_GATE: CallGate = { caller: () => NOBODY, admitted: () => undefined };

/** The second half of `ownApplication`: the present officer, or the visit that made it. */
export function checkOwnership(caller: Caller, localId: string): void {
  if (caller.officer === 'present' || caller.owns(localId)) return;
  throw KioskError.detailed('FORBIDDEN', 'CALL_NOT_YOUR_APPLICATION');
}

/** The localId of a call whose audience is `ownApplication` (the type of CALL_POLICY guarantees it has one). */
export function applicationOf(input: unknown): string {
  return (input as { localId: string }).localId;
}
