import { PortalHttpError } from '../http/errors.js';

/**
 * Sliding one-minute window per caller, in memory: enough to make guessing
 * mã hồ sơ one by one impractical. Kept per process on purpose — the
 * reference portal is a single process, and a restart forgiving everyone
 * is harmless. Time comes from the portal clock so tests can move it.
 */
export interface RateLimiter {
  /** Counts one hit for `key`; throws 429 with Retry-After when over the limit. */
  hit(key: string): void;
}

const WINDOW_MS = 60_000;
/** Beyond this many tracked callers, forget those idle longest (bounded memory under a spray of addresses). */
const MAX_KEYS = 10_000;

export function createRateLimiter(perMinute: number, now: () => Date): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    hit(key) {
      const t = now().getTime();
      const recent = (hits.get(key) ?? []).filter((x) => t - x < WINDOW_MS);
      if (recent.length >= perMinute) {
        hits.set(key, recent);
        const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? t) + WINDOW_MS - t) / 1000));
        throw new PortalHttpError(
          429,
          'TOO_MANY_LOOKUPS',
          `Bạn đã tra cứu quá nhiều lần trong một phút. Vui lòng thử lại sau ${retryAfter} giây.`,
          { retryAfterSeconds: retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
      }
      recent.push(t);
      hits.delete(key);
      hits.set(key, recent);
      while (hits.size > MAX_KEYS) {
        const oldest = hits.keys().next().value;
        if (oldest === undefined) break;
        hits.delete(oldest);
      }
    },
  };
}
