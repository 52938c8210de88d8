import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import type { CallResult } from '../../src-shared/kiosk-api.js';
import { isAppUrl } from './app-origin.js';

/**
 * Security decisions of the Electron shell, kept free of `electron` so they
 * can be tested (and reused by the browser shell) as plain functions.
 */

/**
 * The renderer's own <meta> CSP (src-renderer/index.html) minus its
 * WebSocket source (here events come over IPC), plus what a meta tag cannot
 * carry (frame-ancestors). The header and the meta tag both apply, so the
 * page gets the stricter of each. Styles keep
 * 'unsafe-inline' for parity with it: Vue stringifies large static template
 * blocks into innerHTML, where a style="" attribute would be blocked in the
 * Electron shell only — the one shell end-to-end tests cannot run. Inline
 * styles cannot execute script; scripts stay 'self' only.
 * `form-action 'none'`: the UI submits through the kiosk API, never by a
 * form navigation.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/**
 * Browser permissions the kiosk page may be granted. 'media': the kiosk
 * camera, for photographing paper documents ("Chụp / ghép ảnh").
 */
export const PERMISSION_ALLOW_LIST: ReadonlySet<string> = new Set<string>(['media']);

/**
 * The screens that photograph paper documents: the application wizard, whose
 * "Giấy tờ" step opens the camera, the counter's fixing of a returned
 * application, and the citizen's supplement ("Bổ sung hồ sơ"). The router uses hash history, so the
 * screen is the URL's fragment; the shell reads it from the requesting
 * webContents (Chromium's requestingUrl may drop the fragment).
 */
const DOCUMENT_CAPTURE_ROUTES: readonly string[] = ['#/nop-ho-so/', '#/can-bo/ho-so-can-sua/', '#/bo-sung/'];

export function isDocumentCaptureScreen(url: string | null | undefined): boolean {
  if (!isAppUrl(url)) return false;
  const hash = new URL(url as string).hash;
  return DOCUMENT_CAPTURE_ROUTES.some((route) => hash.startsWith(route));
}

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | null | undefined,
  allowList: ReadonlySet<string> = PERMISSION_ALLOW_LIST,
  /** For 'media': what the page asks for ('video', 'audio'), as Electron reports it. */
  mediaTypes: readonly string[] = [],
  /** The URL of the screen shown when asked (with its fragment); defaults to requestingUrl. */
  screenUrl: string | null | undefined = requestingUrl,
): boolean {
  if (!allowList.has(permission) || !isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return true;
  // 'media' covers the microphone too: the kiosk only photographs pages, so it never gets to listen.
  // And only on a screen that photographs pages: a script elsewhere gets no camera.
  return !mediaTypes.includes('audio') && isDocumentCaptureScreen(screenUrl);
}

export interface IpcSenderFacts {
  /** `webContents.id` of the process that sent the message. */
  senderId: number;
  /** `webContents.id` of the kiosk window, or null if there is none (yet or any more). */
  windowContentsId: number | null;
  /** URL of the frame that sent it; null when the frame is gone or navigated away. */
  frameUrl: string | null | undefined;
}

/**
 * An IPC call is served only when it comes from our own window and from a
 * frame showing our own page: anything else (a stray webContents, a frame
 * that navigated elsewhere) is refused before the host sees it.
 */
export function isTrustedIpcSender(facts: IpcSenderFacts): boolean {
  return facts.windowContentsId !== null && facts.senderId === facts.windowContentsId && isAppUrl(facts.frameUrl);
}

export function forbiddenResult(): CallResult {
  return { ok: false, error: { code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN.vi } };
}
