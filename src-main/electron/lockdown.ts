/**
 * Kiosk lock-down decisions, free of `electron` so they can be tested as
 * plain functions: which keys a citizen may not press, and how soon a
 * crashed or hung page is brought back.
 */

/** The fields of Electron's `Input` (before-input-event) the decision reads. */
export interface KeyInput {
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Chromium's own accelerators that exit, reload, navigate, print, save,
 * zoom or open DevTools. Without a menu most are already dead in kiosk mode,
 * but several (F5, Ctrl+R, Ctrl+W, Ctrl+Shift+I, zoom) are handled by
 * Chromium itself, so they are swallowed before the page sees them. Copy,
 * paste and select-all stay: an officer at an assisted counter types.
 */
const BLOCKED_PLAIN = new Set(['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome']);
const BLOCKED_WITH_CTRL = new Set(['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'u', 'h', 'j', 'l', 'f', 'g', '+', '=', '-', '_', '0', 'F4', 'F5', 'Tab', 'PageUp', 'PageDown']);
const BLOCKED_WITH_CTRL_SHIFT = new Set(['i', 'j', 'c', 'r', 'w', 'q', 'n', 't', 'delete', 'Delete']);
const BLOCKED_WITH_ALT = new Set(['F4', 'ArrowLeft', 'ArrowRight', 'Home', 'Space', ' ']);

export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (BLOCKED_PLAIN.has(key)) return true;
  const ctrl = input.control || input.meta;
  if (ctrl && input.shift && BLOCKED_WITH_CTRL_SHIFT.has(key)) return true;
  if (ctrl && BLOCKED_WITH_CTRL.has(key)) return true;
  if (input.alt && !ctrl && BLOCKED_WITH_ALT.has(key)) return true;
  return false;
}

export interface ReloadBackoff {
  /** Delay before the first reload after a healthy spell. */
  firstMs: number;
  /** Longest delay, however often the page keeps failing. */
  maxMs: number;
  /** A failure this long after the previous one starts the backoff again. */
  healthyAfterMs: number;
}

export const RELOAD_BACKOFF: ReloadBackoff = { firstMs: 1_000, maxMs: 60_000, healthyAfterMs: 5 * 60_000 };

/**
 * Delay before the next reload: doubling while failures follow each other
 * (a page that crashes at once would otherwise spin a core), back to the
 * first delay after a healthy spell.
 */
export function createReloadBackoff(now: () => number, backoff: ReloadBackoff = RELOAD_BACKOFF): () => number {
  let streak = 0;
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    streak = at - last >= backoff.healthyAfterMs ? 1 : streak + 1;
    last = at;
    return Math.min(backoff.firstMs * 2 ** (streak - 1), backoff.maxMs);
  };
}
