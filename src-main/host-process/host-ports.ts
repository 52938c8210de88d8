import type { HostPort } from './serve-host.js';

/**
 * The two ways a host process hears its shell. Neither imports electron:
 * Electron's utility process is recognised by the `parentPort` it puts on
 * `process`, so this folder stays plain Node.
 */

/** What the host uses of Electron's `process.parentPort` (a MessagePortMain-like object). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export function parentPortOf(proc: NodeJS.Process): ParentPortLike | null {
  const port = (proc as unknown as { parentPort?: ParentPortLike }).parentPort;
  return port && typeof port.postMessage === 'function' ? port : null;
}

/** Electron `utilityProcess.fork`: messages are structured clones, posting is synchronous. */
export function electronHostPort(parentPort: ParentPortLike): HostPort {
  return {
    onMessage: (listener) => void parentPort.on('message', (event) => listener(event.data)),
    send: (message) => parentPort.postMessage(message),
    flush: () => Promise.resolve(),
  };
}

/** Node `child_process.fork` (with `serialization: 'advanced'`): null when this process has no IPC channel. */
export function nodeHostPort(proc: NodeJS.Process): HostPort | null {
  const send = proc.send?.bind(proc);
  if (!send) return null;
  let inFlight = 0;
  let drained: (() => void)[] = [];
  const settle = (): void => {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiting = drained;
    drained = [];
    for (const resolve of waiting) resolve();
  };
  return {
    onMessage: (listener) => void proc.on('message', listener),
    send(message) {
      // Once the shell is gone there is no one to tell; the 'disconnect' handler closes the host.
      if (!proc.connected) return;
      inFlight += 1;
      try {
        send(message, undefined, {}, settle);
      } catch {
        settle();
      }
    },
    flush: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve))),
  };
}
