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
}

/**
 * Who is signed in at this kiosk. Portal session tokens stay here, in the
 * host's memory: the page never sees them, and a restart signs everyone out.
 */
export class SignIn {
  private citizen: CitizenSession | null = null;
  private staff: StaffSession | null = null;

  state(): SignedIn {
    return {
      citizen: this.citizen?.account ?? null,
      staff: this.staff ? { username: this.staff.username, displayName: this.staff.displayName, agencyCode: this.staff.agencyCode } : null,
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

  setStaff(s: StaffSession): void {
    this.staff = s;
  }

  takeStaff(): string | null {
    const token = this.staff?.token ?? null;
    this.staff = null;
    return token;
  }

  staffUsername(): string | null {
    return this.staff?.username ?? null;
  }

  hasCitizen(): boolean {
    return this.citizen !== null;
  }
}
