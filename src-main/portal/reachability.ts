import type { HostEvents } from '../events.js';
import type { PortalClient } from './portal-client.js';

/**
 * One view of "is the portal there?" for the whole host. The gateway
 * reports every call's outcome (see portal-http.ts); while the portal is away a cheap health probe runs
 * on a slow timer, and when it answers again the listeners (outbox,
 * catalogue) are woken at once instead of waiting for their own timers.
 */
export class Reachability {
  private reachable: boolean | null = null;
  private probe: NodeJS.Timeout | null = null;
  private readonly onBack = new Set<() => void>();

  constructor(
    private readonly portal: PortalClient,
    private readonly events: HostEvents,
    private readonly probeMs = 5000,
  ) {}

  get isReachable(): boolean {
    return this.reachable ?? false;
  }

  whenBack(listener: () => void): void {
    this.onBack.add(listener);
  }

  report(reachable: boolean): void {
    if (reachable === this.reachable) return;
    const wasDown = this.reachable === false;
    this.reachable = reachable;
    this.events.emit({ type: 'portal.reachability', reachable });
    if (!reachable) this.startProbe();
    else {
      this.stopProbe();
      if (wasDown) for (const l of this.onBack) l();
    }
  }

  /** Asks the portal now (its address just changed); the gateway reports the outcome as for any call. */
  async probeNow(): Promise<boolean> {
    await this.portal.health().catch(() => undefined);
    return this.isReachable;
  }

  private startProbe(): void {
    if (this.probe) return;
    this.probe = setInterval(() => {
      // The gateway reports the probe's outcome like any other call's.
      this.portal.health().catch(() => undefined);
    }, this.probeMs);
    this.probe.unref();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  stop(): void {
    this.stopProbe();
  }
}
