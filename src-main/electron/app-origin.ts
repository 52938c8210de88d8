/**
 * The one origin the kiosk page may live at. The renderer is served through
 * a privileged custom scheme rather than file://, so that it has a real,
 * stable origin: CSP 'self', the IPC sender check and the navigation guard
 * all compare against it, and no other local file is reachable from it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` points inside the app origin. Compared field by field:
 * for a non-special scheme WHATWG `URL.origin` is the opaque "null", so it
 * cannot be used, and credentials or a port would mean someone crafted it.
 * The host is compared case-insensitively, as Chromium canonicalises it for
 * a standard scheme while Node's parser leaves it as written.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
