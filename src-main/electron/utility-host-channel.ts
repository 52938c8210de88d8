import type { ForkOptions } from 'electron';
import type { HostChannel, HostExit, SpawnHostChannel } from '../host-process/host-channel.js';

/** What the channel uses of an Electron UtilityProcess (tests pass one wired to a fake parentPort). */
export interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** `utilityProcess` from electron, or its stand-in. */
export interface UtilityForker {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityChild;
}

/**
 * The Electron shell's host process: a utility process (a Node process
 * Chromium supervises, with a MessagePort to the main process), so SQLite,
 * fsync, pdf-lib and PKCS#11 never block the thread that serves the window
 * and IPC. Messages are structured clones: Buffers cross as bytes.
 * Must be called after app 'ready'.
 */
export function forkUtilityHost(utility: UtilityForker, entry: string): SpawnHostChannel {
  return (): HostChannel => {
    const child = utility.fork(entry, [], { serviceName: 'Một cửa kiosk host', stdio: 'inherit' });
    // Read at once: Electron clears `pid` after 'exit', and the shell logs which process it restarted.
    let pid = child.pid;
    const exitListeners: ((exit: HostExit) => void)[] = [];
    child.once('exit', (code) => {
      pid = undefined;
      for (const listener of exitListeners) listener({ code, signal: null });
    });
    return {
      get pid() {
        return pid ?? child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => void child.kill(),
    };
  };
}
