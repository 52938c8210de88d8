import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { ERROR_MESSAGES } from '../../src-shared/error-messages.js';
import type { KioskHostBridge } from '../../src-shared/host-bridge.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, isCallName } from '../../src-shared/call-names.js';
import type { CallResult } from '../../src-shared/kiosk-api.js';

/** The slice of ipcRenderer the bridge uses; tests pass a recorder. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The page's only way to the host. Names outside the contract are answered
 * here without an IPC round trip; everything else is validated again by the
 * host's dispatcher, which does not trust this side either.
 */
export function createHostBridge(ipc: BridgeIpc): KioskHostBridge {
  return {
    async invoke(name: string, input: unknown): Promise<CallResult> {
      if (!isCallName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_CALL', message: ERROR_MESSAGES.UNKNOWN_CALL.vi } };
      }
      try {
        return (await ipc.invoke(IPC_CALL_CHANNEL, name, input)) as CallResult;
      } catch {
        // The main process answers every call with a CallResult; a rejection
        // means IPC itself failed (handler not registered yet, shutting down).
        return { ok: false, error: { code: 'HOST_UNAVAILABLE', message: ERROR_MESSAGES.HOST_UNAVAILABLE.vi } };
      }
    },
    onEvent(listener: (event: unknown) => void): () => void {
      // The IpcRendererEvent carries `sender` (ipcRenderer itself): it must
      // never reach the page, so only the payload is passed on.
      const relay = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipc.on(IPC_EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, relay);
      };
    },
  };
}
