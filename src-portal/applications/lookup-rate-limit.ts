import type { Principal } from '../auth/principal.js';
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

/**
 * Which bucket a lookup by mã hồ sơ counts against; null when it is not
 * limited. Officers look files up all day. A kiosk device refreshing the
 * status of an application it sent is not limited either, but any other
 * code it asks for counts against a bucket of its own: a kiosk session must
 * not be a way around the limit to enumerate mã hồ sơ. Everyone else counts
 * by account when signed in, else by address.
 */
export function lookupBucket(principal: Principal | null, ip: string, sentByCaller: boolean): string | null {
  if (principal?.role === 'officer') return null;
  if (principal?.role === 'kiosk') return sentByCaller ? null : `kiosk:${principal.accountId}`;
  return principal ? `account:${principal.accountId}` : `ip:${ip}`;
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
          `Quý khách đã tra cứu quá nhiều lần trong một phút. Vui lòng thử lại sau ${retryAfter} giây.`,
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
