import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

/**
 * Serves the built renderer (out/renderer) at app://kiosk/…, with the CSP
 * header on every answer. Only files under the renderer directory are
 * reachable; a path that tries to climb out is refused, not normalised.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedAppPath =
  | { ok: true; filePath: string }
  | { ok: false; status: 400 | 404 };

/**
 * Maps an app:// URL to a file under `rootDir`. The path is taken from the
 * URL as written, before any WHATWG dot-segment folding, so a request that
 * tries to climb ("..", "%2e%2e", "..%2f", "..\\") is refused with 400
 * rather than quietly rewritten. Each segment is decoded on its own, so an
 * encoded separator cannot smuggle a "/" in. Paths whose last segment has no
 * file extension are client-side routes (vue-router history) → index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): ResolvedAppPath {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(requestUrl);
  if (!match) return { ok: false, status: 400 };
  const [, scheme = '', authority = '', rawPath = ''] = match;
  if (scheme.toLowerCase() !== APP_SCHEME || authority.toLowerCase() !== APP_HOST) return { ok: false, status: 404 };

  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || /^[a-zA-Z]:/.test(segment)) {
      return { ok: false, status: 400 };
    }
    segments.push(segment);
  }

  const last = segments.at(-1);
  const isRoute = last === undefined || path.extname(last) === '';
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...(isRoute ? ['index.html'] : segments));
  // Belt and braces: whatever the checks above missed, never leave the root.
  if (!filePath.startsWith(root + path.sep)) return { ok: false, status: 400 };
  return { ok: true, filePath };
}

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function errorResponse(status: number): Response {
  return new Response(null, { status, headers: { ...BASE_HEADERS } });
}

export type ReadAppFile = (filePath: string) => Promise<Uint8Array>;

/** The handler passed to `protocol.handle(APP_SCHEME, …)`. */
export function createAppProtocolHandler(
  rootDir: string,
  read: ReadAppFile = (filePath) => readFile(filePath),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
    const resolved = resolveAppPath(rootDir, request.url);
    if (!resolved.ok) return errorResponse(resolved.status);
    let body: Uint8Array;
    try {
      body = await read(resolved.filePath);
    } catch {
      return errorResponse(404);
    }
    const headers = { ...BASE_HEADERS, 'Content-Type': contentTypeFor(resolved.filePath) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
