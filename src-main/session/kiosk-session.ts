import crypto from 'node:crypto';
import type { SettingsStore } from '../store/settings-store.js';

const KEY = 'session.current';

/**
 * One visit at the kiosk: a citizen alone, or one walk-in served by staff.
 * The id survives a crash (so the draft resumes) and changes when the visit
 * ends (so the next citizen never sees the previous one's draft).
 */
export class KioskSession {
  constructor(private readonly settings: SettingsStore) {}

  current(): string {
    const id = this.settings.get(KEY);
    if (id) return id;
    return this.rotate();
  }

  rotate(): string {
    const id = crypto.randomUUID();
    this.settings.set(KEY, id);
    return id;
  }
}
