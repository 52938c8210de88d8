import type { KioskEvent } from '../src-shared/kiosk-api.js';

/** Host → UI events; the shells forward them over IPC or WebSocket. */
export class HostEvents {
  private readonly listeners = new Set<(e: KioskEvent) => void>();

  on(listener: (e: KioskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: KioskEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken subscriber (a closed socket) must not stop the others.
      }
    }
  }
}
