import { contextBridge, ipcRenderer } from 'electron';
import { HOST_BRIDGE_GLOBAL } from '../../src-shared/host-bridge.js';
import { createHostBridge } from './host-bridge-ipc.js';

/**
 * Sandboxed preload: the only global it adds is `window.kioskHost`, with
 * exactly the KioskHostBridge methods. No raw ipcRenderer, no Node.
 */
contextBridge.exposeInMainWorld(HOST_BRIDGE_GLOBAL, createHostBridge(ipcRenderer));
