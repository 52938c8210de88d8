import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import { CallResultSchema } from '../../src-shared/kiosk-api.js';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from '../../src-main/electron/app-origin.js';
import {
  CONTENT_SECURITY_POLICY,
  PERMISSION_ALLOW_LIST,
  forbiddenResult,
  isDocumentCaptureScreen,
  isPermissionAllowed,
  isTrustedIpcSender,
} from '../../src-main/electron/security.js';
import { kioskWebPreferences, kioskWindowOptions } from '../../src-main/electron/window-options.js';

describe('app origin', () => {
  it('is app://kiosk and the entry URL lies inside it', () => {
    expect(APP_ORIGIN).toBe('app://kiosk');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it.each(['app://kiosk', 'app://kiosk/', 'app://kiosk/index.html', 'app://kiosk/catalogue/1.0001?q=a#top', 'APP://KIOSK/x'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'https://kiosk/',
    'http://127.0.0.1:5173/',
    'file:///work/main/out/renderer/index.html',
    'app://kiosk.evil.example/',
    'app://evil/',
    'app://kiosk:8080/',
    'app://user:pass@kiosk/',
    'app://user@kiosk/',
    'devtools://devtools/',
    'about:blank',
    '',
    'kiosk',
    null,
    undefined,
  ])('rejects %j', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('has the required directives with exactly the required sources', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    // 'unsafe-inline' for styles only, matching the renderer's meta CSP.
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('allows no eval, no remote origin and no wildcard anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('is one header line with no duplicated directive', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/[\r\n]/);
    expect(directives.size).toBe(CONTENT_SECURITY_POLICY.split(';').length);
  });
});

const CAPTURE_SCREEN = `${APP_ENTRY_URL}#/nop-ho-so/1.000001`;

describe('permissions', () => {
  it('allows the camera to the app (paper documents), and nothing else', () => {
    expect([...PERMISSION_ALLOW_LIST]).toEqual(['media']);
    expect(isPermissionAllowed('media', APP_ENTRY_URL, undefined, ['video'], CAPTURE_SCREEN)).toBe(true);
    expect(isPermissionAllowed('media', 'https://evil.example/', undefined, ['video'], CAPTURE_SCREEN)).toBe(false);
    expect(isPermissionAllowed('geolocation', APP_ENTRY_URL)).toBe(false);
    expect(isPermissionAllowed('notifications', APP_ENTRY_URL)).toBe(false);
  });

  it('never grants the microphone, alone or with the camera', () => {
    expect(isPermissionAllowed('media', APP_ENTRY_URL, undefined, ['audio'], CAPTURE_SCREEN)).toBe(false);
    expect(isPermissionAllowed('media', APP_ENTRY_URL, undefined, ['video', 'audio'], CAPTURE_SCREEN)).toBe(false);
  });

  it('grants the camera only while the wizard (the document-capture screen) is shown', () => {
    expect(isDocumentCaptureScreen(CAPTURE_SCREEN)).toBe(true);
    // Every screen that shows PaperCapture: fixing a returned application at the counter, and a supplement.
    expect(isDocumentCaptureScreen(`${APP_ENTRY_URL}#/can-bo/ho-so-can-sua/7f0c`)).toBe(true);
    expect(isDocumentCaptureScreen(`${APP_ENTRY_URL}#/bo-sung/000.00.31.H48-260302-0001`)).toBe(true);
    for (const screen of [APP_ENTRY_URL, `${APP_ENTRY_URL}#/`, `${APP_ENTRY_URL}#/tra-cuu`, `${APP_ENTRY_URL}#/can-bo/ho-so/1.1`, `${APP_ENTRY_URL}#/can-bo/ho-so-can-sua`, 'https://evil.example/#/nop-ho-so/1.1', undefined]) {
      expect(isDocumentCaptureScreen(screen), String(screen)).toBe(false);
      expect(isPermissionAllowed('media', APP_ENTRY_URL, undefined, ['video'], screen), String(screen)).toBe(false);
    }
  });

  it('allows a listed permission only to the app origin', () => {
    const withCamera = new Set(['media']);
    expect(isPermissionAllowed('media', APP_ENTRY_URL, withCamera, [], CAPTURE_SCREEN)).toBe(true);
    expect(isPermissionAllowed('media', 'https://evil.example/', withCamera)).toBe(false);
    expect(isPermissionAllowed('media', undefined, withCamera)).toBe(false);
    expect(isPermissionAllowed('geolocation', APP_ENTRY_URL, withCamera)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only our window showing our origin', () => {
    expect(isTrustedIpcSender({ senderId: 3, windowContentsId: 3, frameUrl: APP_ENTRY_URL })).toBe(true);
    expect(isTrustedIpcSender({ senderId: 4, windowContentsId: 3, frameUrl: APP_ENTRY_URL })).toBe(false);
    expect(isTrustedIpcSender({ senderId: 3, windowContentsId: null, frameUrl: APP_ENTRY_URL })).toBe(false);
    expect(isTrustedIpcSender({ senderId: 3, windowContentsId: 3, frameUrl: 'https://evil.example/' })).toBe(false);
    expect(isTrustedIpcSender({ senderId: 3, windowContentsId: 3, frameUrl: null })).toBe(false);
  });

  it('refuses with a contract-valid FORBIDDEN body in Vietnamese', () => {
    const result = forbiddenResult();
    expect(CallResultSchema.parse(result)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN.vi } });
  });
});

describe('window options', () => {
  const preloadPath = path.resolve('/opt/kiosk/out/electron/preload.cjs');

  it('locks the renderer down whatever the mode', () => {
    for (const kiosk of [true, false]) {
      expect(kioskWebPreferences({ kiosk, fullscreen: kiosk, preloadPath })).toMatchObject({
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    }
  });

  it('offers DevTools only outside kiosk mode', () => {
    expect(kioskWebPreferences({ kiosk: true, fullscreen: true, preloadPath }).devTools).toBe(false);
    expect(kioskWebPreferences({ kiosk: false, fullscreen: true, preloadPath }).devTools).toBe(true);
  });

  it('takes kiosk and fullscreen from the configuration', () => {
    expect(kioskWindowOptions({ kiosk: true, fullscreen: true, preloadPath })).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(kioskWindowOptions({ kiosk: false, fullscreen: true, preloadPath })).toMatchObject({ kiosk: false, fullscreen: true });
    expect(kioskWindowOptions({ kiosk: false, fullscreen: false, preloadPath })).toMatchObject({ kiosk: false, fullscreen: false });
  });
});
