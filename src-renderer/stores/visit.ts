import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useRouter } from 'vue-router';
import type { CallInput, CallOutput, SignedIn } from '../../src-shared/kiosk-api.js';
import { kiosk } from '../api/client.js';
import { useAppStore } from './app.js';
import { resetAllStores } from './store-reset.js';
import { IDLE_SECONDS, VISIT_HEARTBEAT_SECONDS, WARNING_SECONDS } from '../../src-shared/visit-limits.js';

export { IDLE_SECONDS, WARNING_SECONDS };
/** Until app.info has answered (the host's default of the setting staffLockSeconds). */
const DEFAULT_STAFF_LOCK_SECONDS = 300;
/** The browser shell's launch secret: the one thing the wipe keeps. */
const LAUNCH_SECRET_KEY = 'kiosk.launchSecret';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export type OtpChallenge = CallOutput<'auth.login'>;
export type Captcha = CallOutput<'auth.captcha'>;
type Citizen = SignedIn['citizen'];
type Staff = SignedIn['staff'];

/** A route path the login may send the citizen back to (never another origin). */
export function safeNextPath(next: unknown): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

/**
 * Who is signed in at the kiosk, the visit's end (the wipe) and the idle
 * watch of self-service mode. The portal session itself lives in the host;
 * the UI only knows the account summary.
 */
export const useVisitStore = defineStore('session', () => {
  const app = useAppStore();
  const router = useRouter();

  const citizen = ref<Citizen>(null);
  const staff = ref<Staff>(null);
  /** auth.state has answered at least once. */
  const loaded = ref(false);
  /** A wipe is running: screens must not save drafts or block leaving. */
  const ending = ref(false);
  const idleWarning = ref(false);
  const idleSecondsLeft = ref(WARNING_SECONDS);

  const assisted = computed(() => app.info?.mode === 'assisted');
  const signedIn = computed(() => citizen.value !== null);
  /** Who may submit: the citizen, or at an assisted counter the officer on their behalf. */
  const canSubmit = computed(() => signedIn.value || (assisted.value && staff.value !== null));

  function apply(s: SignedIn): void {
    citizen.value = s.citizen;
    staff.value = s.staff;
    loaded.value = true;
  }

  async function refresh(): Promise<void> {
    apply(await kiosk().call('auth.state', {}));
  }

  function captcha(): Promise<Captcha> {
    return kiosk().call('auth.captcha', {});
  }

  /** Step 1: CCCD/CMND + password + captcha; the portal texts an OTP. */
  function login(input: CallInput<'auth.login'>): Promise<OtpChallenge> {
    return kiosk().call('auth.login', input);
  }

  function resendOtp(challengeId: string): Promise<OtpChallenge> {
    return kiosk().call('auth.resendOtp', { challengeId });
  }

  /** Step 2: the OTP; afterwards `citizen` holds the account summary. */
  async function verifyOtp(challengeId: string, otp: string): Promise<void> {
    apply(await kiosk().call('auth.verifyOtp', { challengeId, otp }));
  }

  async function staffSignIn(input: CallInput<'staff.signIn'>): Promise<void> {
    apply(await kiosk().call('staff.signIn', input));
  }

  /**
   * Sends the citizen to "Đăng nhập" when nobody may submit yet, and back to
   * `nextPath` afterwards. Returns true when the caller may go on now.
   */
  function requireLogin(nextPath: string): boolean {
    if (canSubmit.value) return true;
    void router.push({ name: 'login', query: { next: nextPath } });
    return false;
  }

  const wipeHooks = new Set<() => void>();
  /**
   * Runs `hook` at the start of every wipe, before the screen is left: a
   * store with timers or pending saves (the wizard's draft autosave) stops
   * them here so nothing of this visitor is written after `session.end`.
   * Returns the function that removes the hook.
   */
  function onWipe(hook: () => void): () => void {
    wipeHooks.add(hook);
    return () => wipeHooks.delete(hook);
  }

  function clearSessionStorage(): void {
    const secret = sessionStorage.getItem(LAUNCH_SECRET_KEY);
    sessionStorage.clear();
    if (secret !== null) sessionStorage.setItem(LAUNCH_SECRET_KEY, secret);
  }

  /**
   * Wipes the visit: leave the screen first (so no form is left to save a
   * draft), let the host delete the session's drafts and sign the citizen
   * out, then every store back to its first state and sessionStorage
   * emptied. The host answers even when the portal is down; if the host
   * itself fails the UI is wiped all the same.
   */
  async function wipeVisit(): Promise<SignedIn | null> {
    ending.value = true;
    stopWarning();
    for (const hook of wipeHooks) {
      try {
        hook();
      } catch {
        // one store failing to clean up must not stop the wipe of the others
      }
    }
    try {
      await router.replace({ name: 'home' }).catch(() => undefined);
      await kiosk()
        .call('session.end', {})
        .catch(() => undefined);
      const after = await kiosk()
        .call('auth.logout', {})
        .catch(() => null);
      resetAllStores();
      clearSessionStorage();
      // The next visitor starts in the kiosk's own language.
      app.changeLanguage(app.info?.language ?? 'vi');
      if (after) apply(after);
      else loaded.value = true;
      return after;
    } finally {
      ending.value = false;
      restartIdle();
    }
  }

  /** "Kết thúc", or the idle countdown reaching 0 (self-service). */
  async function endSession(): Promise<void> {
    await wipeVisit();
  }

  /** Assisted: the walk-in is done; their data goes, the officer stays signed in. */
  async function nextWalkIn(): Promise<void> {
    const officer = staff.value;
    const after = await wipeVisit();
    // The host keeps the officer's session; if it could not answer, keep showing the officer.
    if (!after && officer) staff.value = officer;
  }

  /** The officer stepped away: the counter shows the lock screen until the shift PIN. */
  const locked = computed(() => assisted.value && staff.value?.locked === true);

  /**
   * "Khóa màn hình": the host locks first (so the lock screen covers
   * everything at once), then the walk-in is wiped as "Phục vụ người tiếp
   * theo" does, so nothing of a citizen stays behind the lock.
   */
  async function lockCounter(): Promise<void> {
    apply(await kiosk().call('staff.lock', {}));
    const officer = staff.value;
    const after = await wipeVisit();
    if (!after && officer) staff.value = officer;
  }

  /** The shift PIN; wrong ones throw (STAFF_PIN_WRONG, or STAFF_PIN_LOCKED once the shift has ended). */
  async function unlockCounter(pin: string): Promise<void> {
    try {
      apply(await kiosk().call('staff.unlock', { pin }));
    } catch (e) {
      // After the last wrong PIN the shift is over: the host says who is (not) signed in now.
      await refresh().catch(() => undefined);
      throw e;
    }
  }

  /** "Kết thúc ca": the walk-in is wiped and the officer signed out. */
  async function staffSignOut(): Promise<void> {
    await wipeVisit();
    apply(await kiosk().call('staff.signOut', {}));
    await router.replace({ name: 'staff-sign-in' }).catch(() => undefined);
  }

  // ---- idle watch: the wipe in self-service, the lock at an assisted counter ----
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let countdown: ReturnType<typeof setInterval> | undefined;
  let watching = false;

  /** Something of the visitor could be on screen: anywhere but the home screen, or signed in. */
  function visitInProgress(): boolean {
    return signedIn.value || router.currentRoute.value.name !== 'home';
  }

  function stopWarning(): void {
    clearInterval(countdown);
    countdown = undefined;
    idleWarning.value = false;
    idleSecondsLeft.value = WARNING_SECONDS;
  }

  function restartIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (!watching || idleWarning.value || ending.value) return;
    if (assisted.value) idleTimer = setTimeout(autoLock, (app.info?.staffLockSeconds ?? DEFAULT_STAFF_LOCK_SECONDS) * 1000);
    else idleTimer = setTimeout(showWarning, IDLE_SECONDS * 1000);
  }

  /**
   * The officer left the counter open: it locks as "Khóa màn hình" does
   * (the walk-in wiped, the shift kept behind the PIN). The timer runs
   * whether or not a shift is open, so an unlock with no touch after it is
   * still counted.
   */
  function autoLock(): void {
    idleTimer = undefined;
    if (!staff.value || staff.value.locked || ending.value) {
      restartIdle();
      return;
    }
    lockCounter().catch(() => restartIdle());
  }

  function showWarning(): void {
    if (!visitInProgress()) {
      restartIdle();
      return;
    }
    idleWarning.value = true;
    const deadline = Date.now() + WARNING_SECONDS * 1000;
    idleSecondsLeft.value = WARNING_SECONDS;
    countdown = setInterval(() => {
      idleSecondsLeft.value = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (idleSecondsLeft.value === 0) void endSession();
    }, 250);
  }

  let lastHeartbeat = 0;
  /**
   * The host ends a visit that goes quiet (a window closed without "Kết
   * thúc"); reading a page makes no call, so a person at the screen says so
   * now and then. The answer also shows whether the host has ended it.
   */
  function heartbeat(): void {
    const now = Date.now();
    if (now - lastHeartbeat < VISIT_HEARTBEAT_SECONDS * 1000 || ending.value) return;
    lastHeartbeat = now;
    void refresh().catch(() => undefined);
  }

  function onActivity(): void {
    heartbeat();
    // While the warning shows, only its buttons answer it.
    if (!idleWarning.value) restartIdle();
  }

  function startIdleWatch(): void {
    if (watching) return;
    watching = true;
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { capture: true, passive: true });
    restartIdle();
  }

  function stopIdleWatch(): void {
    watching = false;
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    clearTimeout(idleTimer);
    stopWarning();
  }

  /** "Tiếp tục" on the warning. */
  function continueSession(): void {
    stopWarning();
    restartIdle();
  }

  return {
    citizen,
    staff,
    loaded,
    ending,
    idleWarning,
    idleSecondsLeft,
    assisted,
    signedIn,
    canSubmit,
    refresh,
    captcha,
    login,
    resendOtp,
    verifyOtp,
    staffSignIn,
    staffSignOut,
    locked,
    lockCounter,
    unlockCounter,
    requireLogin,
    onWipe,
    endSession,
    nextWalkIn,
    startIdleWatch,
    stopIdleWatch,
    continueSession,
    restartIdle,
  };
});
