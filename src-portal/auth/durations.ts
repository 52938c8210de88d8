/** Time arithmetic for expiries, on the injected clock's dates. */

export function addMs(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms);
}

/** Whole minutes left until `until`, at least 1 (a lock never reads "0 phút"). */
export function minutesLeft(now: Date, until: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export function secondsLeft(now: Date, until: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
