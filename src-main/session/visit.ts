import crypto from 'node:crypto';
import type { Settings } from '../store/store.js';

const KEY = 'session.current';

/**
 * One visit at the kiosk: a citizen alone, or one walk-in served by staff.
 * The id survives a crash (so the draft resumes) and changes when the visit
 * ends (so the next citizen never sees the previous one's draft).
 *
 * The visit also remembers which applications it made, so its receipt and
 * details are served to it and to nobody who comes after, and when it last
 * called the host, so the host can end it when it was left behind.
 */
export class Visit {
  /** In memory only: after a restart nobody is signed in, so nobody could claim them anyway. */
  private owned = new Set<string>();
  private lastCallAt: number;

  constructor(
    private readonly settings: Settings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lastCallAt = now().getTime();
  }

  current(): string {
    const id = this.settings.get(KEY);
    if (id) return id;
    return this.rotate();
  }

  rotate(): string {
    const id = crypto.randomUUID();
    this.settings.set(KEY, id);
    this.owned = new Set();
    this.touch();
    return id;
  }

  /** An application made during this visit. */
  claim(localId: string): void {
    this.owned.add(localId);
  }

  owns(localId: string): boolean {
    return this.owned.has(localId);
  }

  /** A new person in the same visit: what came before is no longer theirs to reopen. */
  forgetApplications(): void {
    this.owned = new Set();
  }

  hasApplications(): boolean {
    return this.owned.size > 0;
  }

  /** The visit did something (a call that a person made, not a background poll). */
  touch(): void {
    this.lastCallAt = this.now().getTime();
  }

  idleMs(): number {
    return this.now().getTime() - this.lastCallAt;
  }
}
