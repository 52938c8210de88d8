import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { AccountSummary } from '../../src-shared/portal-auth-api.js';
import type { SignedIn } from '../../src-shared/kiosk-api.js';

interface CitizenSession {
  token: string;
  account: AccountSummary;
}

interface StaffSession {
  token: string;
  username: string;
  displayName: string;
  agencyCode: string | null;
  /** The portal marks the account as an administrator ("Quản trị kiosk"). */
  isAdmin?: boolean;
}

interface ShiftPin {
  salt: Buffer;
  hash: Buffer;
}

/** Wrong shift PINs in a row that end the shift (the portal password is needed again). */
export const MAX_PIN_TRIES = 5;
const PIN_KEY_BYTES = 32;

function hashPin(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, PIN_KEY_BYTES, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export type UnlockResult = { outcome: 'unlocked' } | { outcome: 'wrong'; triesLeft: number } | { outcome: 'shiftEnded'; token: string | null } | { outcome: 'noShift' };

/**
 * Who is signed in at this kiosk. Portal session tokens stay here, in the
 * host's memory: the page never sees them, and a restart signs everyone out.
 */
export class PortalSignIn {
  private citizen: CitizenSession | null = null;
  private staff: StaffSession | null = null;
  /** Only a salted scrypt hash of the shift PIN is kept, and only for the shift. */
  private pin: ShiftPin | null = null;
  private locked = false;
  private wrongPins = 0;

  state(): SignedIn {
    return {
      citizen: this.citizen?.account ?? null,
      staff: this.staff
        ? { username: this.staff.username, displayName: this.staff.displayName, agencyCode: this.staff.agencyCode, locked: this.locked }
        : null,
    };
  }

  setCitizen(s: CitizenSession): void {
    this.citizen = s;
  }

  /** Forgets the citizen; returns their token so the caller can revoke it on the portal. */
  takeCitizen(): string | null {
    const token = this.citizen?.token ?? null;
    this.citizen = null;
    return token;
  }

  /** Starts the shift: the officer's portal session and the hash of the PIN they chose. */
  async setStaff(s: StaffSession, pin: string): Promise<void> {
    const salt = randomBytes(16);
    const hash = await hashPin(pin, salt);
    this.staff = s;
    this.pin = { salt, hash };
    this.locked = false;
    this.wrongPins = 0;
  }

  takeStaff(): string | null {
    const token = this.staff?.token ?? null;
    this.staff = null;
    this.pin = null;
    this.locked = false;
    this.wrongPins = 0;
    return token;
  }

  staffUsername(): string | null {
    return this.staff?.username ?? null;
  }

  /** The officer of the shift, unless the counter is locked (they may have stepped away). */
  presentStaffUsername(): string | null {
    return this.locked ? null : this.staffUsername();
  }

  /** Returns false when no shift is open. */
  lock(): boolean {
    if (!this.staff) return false;
    this.locked = true;
    return true;
  }

  async unlock(pin: string): Promise<UnlockResult> {
    const shiftPin = this.pin;
    if (!this.staff || !shiftPin) return { outcome: 'noShift' };
    const tried = await hashPin(pin, shiftPin.salt);
    // The shift may have ended while scrypt ran.
    if (this.pin !== shiftPin) return { outcome: 'noShift' };
    if (timingSafeEqual(tried, shiftPin.hash)) {
      this.locked = false;
      this.wrongPins = 0;
      return { outcome: 'unlocked' };
    }
    this.wrongPins += 1;
    if (this.wrongPins >= MAX_PIN_TRIES) return { outcome: 'shiftEnded', token: this.takeStaff() };
    return { outcome: 'wrong', triesLeft: MAX_PIN_TRIES - this.wrongPins };
  }

  /** Whether `pin` is the shift PIN, without touching the lock or its tries ("Quản trị kiosk" counts its own). */
  async pinMatches(pin: string): Promise<boolean> {
    const shiftPin = this.pin;
    if (!shiftPin) return false;
    const tried = await hashPin(pin, shiftPin.salt);
    return this.pin === shiftPin && timingSafeEqual(tried, shiftPin.hash);
  }

  /** The present officer's account is a portal administrator. */
  presentStaffIsAdmin(): boolean {
    return !this.locked && this.staff?.isAdmin === true;
  }

  /** The present officer's agency, null when locked or nobody. */
  presentStaffAgency(): string | null {
    return this.locked ? null : (this.staff?.agencyCode ?? null);
  }

  hasCitizen(): boolean {
    return this.citizen !== null;
  }

  /** The CCCD/CMND the citizen signed in with (null for a business, or nobody). */
  citizenId(): string | null {
    const a = this.citizen?.account;
    return a?.role === 'citizen' ? (a.citizenId ?? null) : null;
  }

  /** The citizen's portal session, for calls made as them (their own application's supplement, rating). */
  citizenToken(): string | null {
    return this.citizen?.token ?? null;
  }

  /** The portal session of this officer while their shift is open (locked or not): the delegation for what they received. */
  staffTokenOf(username: string): string | null {
    return this.staff?.username === username ? this.staff.token : null;
  }

  /** The officer's own portal session, only while they are at the counter (officer actions are theirs). */
  presentStaffToken(): string | null {
    return this.locked ? null : (this.staff?.token ?? null);
  }
}
