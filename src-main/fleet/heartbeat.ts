import fs from 'node:fs';
import type { DeviceHealth, KioskHeartbeat } from '../../src-shared/portal-fleet-api.js';
import { errorClass, type HostLog } from '../log/host-log.js';
import type { PortalClient } from '../portal/portal-client.js';
import type { SyncQueue } from '../admin/sync-queue.js';

export interface HeartbeatDeps {
  portal: Pick<PortalClient, 'sendHeartbeat'>;
  version: string;
  /** The place the kiosk names on its papers, so the fleet list says where it stands. */
  place: string;
  queue: Pick<SyncQueue, 'entries'>;
  lastSyncAt: () => string | null;
  devices: () => DeviceHealth;
  dataDir: string;
  now: () => Date;
  log: HostLog;
}

/** Free bytes for an unprivileged writer on the disk of `dir`; null when the system will not say. */
export async function freeDiskBytes(dir: string): Promise<number | null> {
  try {
    const s = await fs.promises.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Tells the portal every `seconds` that this kiosk is alive, with what a
 * province's support desk needs to see from afar. A portal that does not
 * answer is not retried sooner: the next beat is the retry.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;

  constructor(private readonly deps: HeartbeatDeps) {}

  devicesNow(): DeviceHealth {
    return this.deps.devices();
  }

  async report(): Promise<KioskHeartbeat> {
    const waiting = this.deps.queue.entries();
    const oldest = waiting.reduce<number | null>((min, e) => {
      const t = Date.parse(e.createdAt);
      return min === null || t < min ? t : min;
    }, null);
    const nowMs = this.deps.now().getTime();
    return {
      version: this.deps.version,
      queueDepth: waiting.length,
      oldestPendingAgeSeconds: oldest === null ? null : Math.max(0, Math.floor((nowMs - oldest) / 1000)),
      lastSyncAt: this.deps.lastSyncAt(),
      devices: this.deps.devices(),
      freeDiskBytes: await freeDiskBytes(this.deps.dataDir),
      place: this.deps.place,
      sentAt: new Date(nowMs).toISOString(),
    };
  }

  /** One beat now; failures are logged by class, never thrown. */
  async beat(): Promise<void> {
    try {
      await this.deps.portal.sendHeartbeat(await this.report());
    } catch (e) {
      this.deps.log.warn('heartbeat.failed', { error: errorClass(e) });
    }
  }

  start(seconds: number): void {
    if (seconds <= 0 || this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), seconds * 1000);
    this.timer.unref();
  }

  /**
   * A beat now, between the interval's: the portal is back, or is a new one
   * (the admin changed its address), and should not wait a whole interval to
   * list this kiosk. Nothing when heartbeats are off.
   */
  nudge(): void {
    if (this.timer) this.tick();
  }

  private tick(): void {
    if (!this.sending) this.sending = this.beat().finally(() => (this.sending = null));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sending;
  }
}
