/**
 * Exponential backoff with "full jitter" (a random wait between zero and the
 * exponential bound), so kiosks that lost the portal together do not all
 * come back in the same second. A Retry-After from the portal wins when longer.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Never retry sooner than this, even with jitter near zero. */
  floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000, floorMs: 500 };

export function backoffDelay(attempts: number, policy: BackoffPolicy, random: () => number, retryAfterSeconds: number | null = null): number {
  const bound = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempts, 30));
  const jittered = Math.max(policy.floorMs, Math.floor(random() * bound));
  return retryAfterSeconds !== null ? Math.max(jittered, retryAfterSeconds * 1000) : jittered;
}
