import type { CallResult } from './kiosk-api.js';

/**
 * What the Electron preload puts on `window.kioskHost` through contextBridge,
 * and what the browser shell's HTTP/WebSocket transport imitates. Nothing
 * else of the host is reachable from the page.
 */
export interface KioskHostBridge {
  /** Calls one kiosk API function; names outside the contract are refused. */
  invoke(name: string, input: unknown): Promise<CallResult>;
  /** Subscribes to host → UI events; returns the unsubscribe function. */
  onEvent(listener: (event: unknown) => void): () => void;
}

export const HOST_BRIDGE_GLOBAL = 'kioskHost';
