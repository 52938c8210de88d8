import type { KioskEvent } from '../../src-shared/kiosk-api.js';
import type { Host } from '../../src-main/host.js';
import type { HostChannel, HostExit, SpawnHostChannel } from '../../src-main/host-process/host-channel.js';
import { serveHost, type HostPort } from '../../src-main/host-process/serve-host.js';

/**
 * A host "process" in this test process: the shell's HostChannel and the
 * host's HostPort joined by structured clones delivered on the microtask
 * queue, with the real serveHost on the far end. Only the process boundary
 * is faked; `die` is what a crash looks like from the shell.
 */
export class FakeHostProcess {
  private static nextPid = 1000;
  readonly pid = FakeHostProcess.nextPid++;
  alive = true;
  readonly received: unknown[] = [];
  private readonly toShell: ((m: unknown) => void)[] = [];
  private readonly toHost: ((m: unknown) => void)[] = [];
  private readonly exits: ((e: HostExit) => void)[] = [];

  readonly channel: HostChannel = {
    pid: this.pid,
    send: (m) => this.deliver(this.toHost, m, true),
    onMessage: (l) => void this.toShell.push(l),
    onExit: (l) => void this.exits.push(l),
    kill: () => this.die(null, 'SIGKILL'),
  };

  readonly port: HostPort = {
    onMessage: (l) => void this.toHost.push(l),
    send: (m) => this.deliver(this.toShell, m, false),
    flush: () => Promise.resolve(),
  };

  /** Lets a test speak for the host process directly (a malformed message, say). */
  sendToShell(message: unknown): void {
    this.deliver(this.toShell, message, false);
  }

  die(code: number | null, signal: string | null): void {
    if (!this.alive) return;
    this.alive = false;
    queueMicrotask(() => this.exits.forEach((l) => l({ code, signal })));
  }

  private deliver(to: ((m: unknown) => void)[], message: unknown, record: boolean): void {
    if (!this.alive) return;
    const copy = structuredClone(message);
    if (record) this.received.push(copy);
    queueMicrotask(() => {
      if (this.alive) to.forEach((l) => l(copy));
    });
  }
}

export interface PairedHosts {
  spawn: SpawnHostChannel;
  processes: FakeHostProcess[];
  /** Events each started host may emit, by process index. */
  emit(index: number, event: KioskEvent): void;
}

/** Spawns fake processes serving `makeHost(index)` through the real serveHost. */
export function pairedHosts(makeHost: (index: number) => Promise<Host> | Host): PairedHosts {
  const processes: FakeHostProcess[] = [];
  const listeners = new Map<number, (event: KioskEvent) => void>();
  return {
    processes,
    spawn: () => {
      const proc = new FakeHostProcess();
      const index = processes.push(proc) - 1;
      serveHost(proc.port, {
        createHost: async () => {
          const host = await makeHost(index);
          return {
            ...host,
            onEvent: (l) => {
              listeners.set(index, l);
              return host.onEvent(l);
            },
          };
        },
        exit: (code) => proc.die(code, null),
      });
      return proc.channel;
    },
    emit: (index, event) => listeners.get(index)?.(event),
  };
}
