import crypto from 'node:crypto';

/**
 * The browser shell's gate. The API listens on 127.0.0.1 only, but any page
 * the machine's browser opens could still call it: a per-launch secret
 * (known only to the kiosk page) and an exact Origin and Host match (no
 * other site, no DNS rebinding) keep it for the kiosk page alone.
 */
export interface GuardVerdict {
  status: 200 | 401 | 403;
  code?: 'UNAUTHORIZED' | 'FORBIDDEN';
}

export function newLaunchSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function checkRequest(
  req: { origin: string | undefined; host: string | undefined; secret: string | undefined },
  expected: { origin: string; secret: string },
): GuardVerdict {
  const expectedHost = new URL(expected.origin).host;
  if (req.host !== expectedHost || req.origin !== expected.origin) return { status: 403, code: 'FORBIDDEN' };
  if (!sameSecret(req.secret, expected.secret)) return { status: 401, code: 'UNAUTHORIZED' };
  return { status: 200 };
}

/** Content-Security-Policy for the kiosk page in the browser shell. */
export function browserCsp(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Which requests the gate checks before their body is read: every API
 * request and anything that is not a plain page load. The event socket
 * checks its own secret (a WebSocket cannot send headers), and the UI's
 * static files are public.
 */
export function needsGuard(method: string, url: string): boolean {
  const pathname = url.split('?', 1)[0] ?? '';
  if (pathname === '/api/events') return false;
  return pathname.startsWith('/api/') || (method !== 'GET' && method !== 'HEAD');
}
