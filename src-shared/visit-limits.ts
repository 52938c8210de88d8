/**
 * How long a visit may sit untouched, in one place for the UI and the host.
 * The UI warns first and wipes when its countdown ends; the host is the
 * backstop for a window closed without "Kết thúc" (or no window at all), so
 * its limit runs past the UI's warning and never cuts a countdown short.
 */

/** Seconds without a touch, key or pointer before "Quý khách còn đó không?" (self-service). */
export const IDLE_SECONDS = 60;
/** Seconds the warning counts down before the wipe. */
export const WARNING_SECONDS = 15;
/** Margin for a slow page or a busy host between the UI's wipe and the host's. */
const HOST_GRACE_SECONDS = 15;
/** Seconds without a call of the visit after which the host itself ends it (setting `visitIdleSeconds`). */
export const HOST_VISIT_IDLE_SECONDS = IDLE_SECONDS + WARNING_SECONDS + HOST_GRACE_SECONDS;
/**
 * While the person is active on screen the UI tells the host at most this
 * often (reading a page makes no call of its own), well inside the limit.
 */
export const VISIT_HEARTBEAT_SECONDS = 20;
