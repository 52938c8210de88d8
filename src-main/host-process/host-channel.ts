import { fork } from 'node:child_process';
import type { ShellToHost } from './protocol.js';

export interface HostExit {
  code: number | null;
  signal: string | null;
}

/**
 * The shell's end of one host process: the browser shell's
 * child_process.fork, or Electron's utilityProcess.fork
 * (src-main/electron/utility-host-channel.ts). RemoteHost speaks only this.
 */
export interface HostChannel {
  readonly pid: number | undefined;
  send(message: ShellToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has ended or could not be started. */
  onExit(listener: (exit: HostExit) => void): void;
  /** Ends the process (SIGKILL for a Node child; Electron's kill() is a SIGTERM it reaps): for a host that did not close when asked. */
  kill(): void;
}

export type SpawnHostChannel = () => HostChannel;

export interface NodeHostOptions {
  /** The built host process entry, out/host/host-process.js. */
  entry: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * child_process.fork with the advanced (structured clone) serialization, so
 * Buffers and Uint8Arrays cross as bytes rather than as JSON arrays. The
 * child's output goes where the shell's does.
 */
export function forkNodeHost(opts: NodeHostOptions): SpawnHostChannel {
  return () => {
    const child = fork(opts.entry, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: opts.env ?? process.env,
    });
    let exited = false;
    const exitListeners: ((exit: HostExit) => void)[] = [];
    const ended = (exit: HostExit): void => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(exit);
    };
    child.once('exit', (code, signal) => ended({ code, signal }));
    // A fork that cannot spawn emits 'error' and may never emit 'exit'.
    child.once('error', () => {
      if (child.pid === undefined) ended({ code: null, signal: null });
    });
    return {
      pid: child.pid,
      send(message) {
        if (!child.connected) return;
        // A channel closing under a send reports through the callback: the 'exit' that follows is what counts.
        child.send(message, undefined, {}, () => undefined);
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
