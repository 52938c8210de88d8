import { HOST_BRIDGE_GLOBAL, type KioskHostBridge } from '../../src-shared/host-bridge.js';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import type { CallResult } from '../../src-shared/kiosk-api.js';

const SECRET_KEY = 'kiosk.launchSecret';

/**
 * The browser shell's stand-in for the Electron preload bridge: calls go
 * over HTTP with the launch secret, events come over a WebSocket. The
 * secret arrives once in the URL (?k=…), is kept for this tab only and
 * removed from the address bar.
 */
function launchSecret(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('k');
  if (fromUrl) {
    sessionStorage.setItem(SECRET_KEY, fromUrl);
    url.searchParams.delete('k');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

function hostUnavailable(): CallResult {
  return { ok: false, error: { code: 'HOST_UNAVAILABLE', message: ERROR_MESSAGES.HOST_UNAVAILABLE.vi } };
}

function httpBridge(): KioskHostBridge {
  const secret = launchSecret();
  const listeners = new Set<(e: unknown) => void>();
  let socket: WebSocket | null = null;

  function connect(): void {
    const ws = new WebSocket(`${window.location.origin.replace(/^http/, 'ws')}/api/events?k=${encodeURIComponent(secret)}`);
    ws.onmessage = (m) => {
      let event: unknown;
      try {
        event = JSON.parse(String(m.data));
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
    // The host may restart under us: reconnect, gently.
    ws.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, 2000);
    };
    socket = ws;
  }

  return {
    async invoke(name, input) {
      try {
        const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as CallResult;
      } catch {
        return hostUnavailable();
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
  };
}

export function hostBridge(): KioskHostBridge {
  const fromPreload = (window as unknown as Record<string, KioskHostBridge | undefined>)[HOST_BRIDGE_GLOBAL];
  return fromPreload ?? httpBridge();
}
