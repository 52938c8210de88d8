import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface KioskWindowSettings {
  kiosk: boolean;
  fullscreen: boolean;
  preloadPath: string;
}

/**
 * The renderer is untrusted as far as the host is concerned: it runs
 * sandboxed, isolated from the preload, with no Node and no way to relax
 * web security. DevTools only outside kiosk mode, where an engineer sits.
 */
export function kioskWebPreferences(settings: KioskWindowSettings): WebPreferences {
  return {
    preload: settings.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !settings.kiosk,
  };
}

export function kioskWindowOptions(settings: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    title: 'Một cửa kiosk',
    width: 1280,
    height: 800,
    kiosk: settings.kiosk,
    fullscreen: settings.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    // Shown on 'ready-to-show' so a citizen never sees a blank white frame.
    show: false,
    webPreferences: kioskWebPreferences(settings),
  };
}
