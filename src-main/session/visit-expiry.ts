import type { Audit } from '../store/store.js';
import { endVisit, type VisitParts } from './end-visit.js';

export interface VisitExpiryOptions extends VisitParts {
  audit: Audit;
  /** Seconds without a call of the visit (setting `visitIdleSeconds`). */
  idleSeconds: number;
  log: (line: string) => void;
}

/**
 * The host's own end of a visit left behind: a window closed without
 * "Kết thúc", a renderer that crashed, or none at all. The UI's idle
 * warning comes first; this runs whether or not any UI is there.
 */
export class VisitExpiry {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly o: VisitExpiryOptions) {}

  /** Something of the visit is still held: a sign-in, a draft or an application it may reopen. */
  private inProgress(): boolean {
    const { signIn, drafts, visit } = this.o;
    return signIn.hasCitizen() || drafts.hasSession(visit.current()) || visit.hasApplications();
  }

  /**
   * An officer at an unlocked counter is the walk-in's guard: they may read
   * the walk-in's papers for minutes without touching the screen, and
   * "Khóa màn hình" or "Phục vụ người tiếp theo" ends the visit when they
   * leave or move on. Expiring under their hands would wipe the form they
   * are filling in.
   */
  private guardedByOfficer(): boolean {
    return this.o.signIn.presentStaffUsername() !== null;
  }

  /** Ends the visit when it has gone quiet past the limit; true when it did. */
  check(): boolean {
    if (this.o.visit.idleMs() < this.o.idleSeconds * 1000 || !this.inProgress() || this.guardedByOfficer()) return false;
    const { wipedDrafts } = endVisit(this.o);
    this.o.audit.record('kiosk', 'visit.expired');
    this.o.log(`visit expired after ${this.o.idleSeconds} s without a call (drafts wiped: ${wipedDrafts})`);
    return true;
  }

  start(): void {
    if (this.timer) return;
    // Checked often enough that the visit ends within a second or so of the limit.
    const period = Math.min(1000, Math.max(100, (this.o.idleSeconds * 1000) / 4));
    this.timer = setInterval(() => {
      try {
        this.check();
      } catch (e) {
        // A failed wipe (a full disk) is tried again next tick; the host stays up.
        this.o.log(`visit expiry: ${e instanceof Error ? e.name : typeof e}`);
      }
    }, period);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
