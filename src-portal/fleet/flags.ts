import type { FleetFlag } from '../../src-shared/portal-fleet-api.js';

export interface FleetLimits {
  silentAfterSeconds: number;
  queueAgeLimitSeconds: number;
}

/**
 * What is wrong with a kiosk, from its last heartbeat and the time now:
 * silent (no heartbeat for longer than the limit), and/or a queue whose
 * oldest entry is older than the limit (it cannot send, or nobody looks).
 * Pure, so the limits are tested with fixed clocks.
 */
export function fleetFlags(last: { receivedAt: string; oldestPendingAt: string | null }, now: Date, limits: FleetLimits): FleetFlag[] {
  const flags: FleetFlag[] = [];
  const nowMs = now.getTime();
  if (nowMs - Date.parse(last.receivedAt) > limits.silentAfterSeconds * 1000) flags.push('silent');
  if (last.oldestPendingAt !== null && nowMs - Date.parse(last.oldestPendingAt) > limits.queueAgeLimitSeconds * 1000) flags.push('queue_stale');
  return flags;
}
