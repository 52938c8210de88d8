import { KioskError } from '../../src-shared/errors.js';
import type { CallResult } from '../../src-shared/kiosk-api.js';
import type { KioskConfig } from '../config.js';
import { HostEvents } from '../events.js';
import type { Host } from '../host.js';
import type { HostLog } from '../log/host-log.js';
import { backoffDelay, type BackoffPolicy } from '../sync/backoff.js';
import type { HostChannel, HostExit, SpawnHostChannel } from './host-channel.js';
import { HostToShellSchema, type HostToShellParsed } from './protocol.js';

export interface RemoteHostOptions {
  spawn: SpawnHostChannel;
  config: KioskConfig;
  shell: 'electron' | 'browser';
  version: string;
  /** The shell's logger: the host's own lines arrive here too, and restarts are logged here. */
  log: HostLog;
  /** Longest a call waits for a restarting host before it is answered HOST_UNAVAILABLE. */
  callWaitMs?: number;
  /** Wait before each restart: 0.5 s doubling to 10 s. */
  restartBackoff?: BackoffPolicy;
  /** A host that stayed up this long starts the backoff from the beginning when it next dies. */
  stableMs?: number;
  /** Longest the shell waits for the host to close before killing it. */
  closeTimeoutMs?: number;
}

export const RESTART_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 10_000, floorMs: 500 };

/**
 * The host as the shell sees it when the host runs in its own process: the
 * same `Host` the in-process createHost returns, carried over a channel.
 * When the process dies, calls in flight are answered HOST_UNAVAILABLE (a
 * retried "Đồng ý" for the same draft returns the application already
 * made), new calls wait for the restart (bounded), listeners hear
 * `host.process` restarting/ready, and a new process is started with backoff.
 * Resolves once the first process is ready; rejects with its start-up error.
 */
export function startRemoteHost(opts: RemoteHostOptions): Promise<Host> {
  const callWaitMs = opts.callWaitMs ?? 15_000;
  const policy = opts.restartBackoff ?? RESTART_BACKOFF;
  const stableMs = opts.stableMs ?? 30_000;
  const closeTimeoutMs = opts.closeTimeoutMs ?? 10_000;
  const { log } = opts;
  const events = new HostEvents();
  const unavailable = (): CallResult => ({ ok: false, error: new KioskError('HOST_UNAVAILABLE').toBody() });

  let channel: HostChannel | null = null;
  let ready = false;
  let everReady = false;
  let readyAt = 0;
  let quickDeaths = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let closing = false;
  let closed: (() => void) | null = null;
  let nextId = 0;
  const calls = new Map<number, (result: CallResult) => void>();
  const answers = new Map<number, (answer: string | null) => void>();
  const waiting = new Set<(up: boolean) => void>();

  let first: { resolve: (training: boolean) => void; reject: (e: Error) => void };
  const firstReady = new Promise<boolean>((resolve, reject) => (first = { resolve, reject }));

  function settleWaiting(up: boolean): void {
    for (const wake of [...waiting]) wake(up);
  }

  function whenReady(): Promise<boolean> {
    if (ready) return Promise.resolve(true);
    if (closing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (up: boolean): void => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve(up);
      };
      const timer = setTimeout(() => wake(false), callWaitMs);
      waiting.add(wake);
    });
  }

  function onMessage(from: HostChannel, raw: unknown): void {
    if (from !== channel) return;
    const parsed = HostToShellSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn('host-process.bad-message');
      return;
    }
    handle(parsed.data);
  }

  function handle(message: HostToShellParsed): void {
    switch (message.kind) {
      case 'ready':
        ready = true;
        readyAt = Date.now();
        if (everReady) {
          log.info('host-process.restarted', { hostPid: channel?.pid ?? null });
          events.emit({ type: 'host.process', state: 'ready' });
        } else {
          everReady = true;
          first.resolve(message.training);
        }
        settleWaiting(true);
        return;
      case 'start-failed':
        if (!everReady) first.reject(new Error(message.message));
        else log.error('host-process.start-failed');
        return;
      case 'result':
        calls.get(message.id)?.(message.result as CallResult);
        calls.delete(message.id);
        return;
      case 'captcha-answer':
        answers.get(message.id)?.(message.answer);
        answers.delete(message.id);
        return;
      case 'event':
        events.emit(message.event);
        return;
      case 'log':
        log[message.level](message.event, message.fields);
        return;
      case 'closed':
        return;
    }
  }

  function onExit(from: HostChannel, exit: HostExit): void {
    if (from !== channel) return;
    channel = null;
    ready = false;
    for (const answer of calls.values()) answer(unavailable());
    calls.clear();
    for (const answer of answers.values()) answer(null);
    answers.clear();
    if (closing) {
      closed?.();
      return;
    }
    if (!everReady) {
      first.reject(new Error(`Tiến trình máy chủ kiosk dừng khi đang khởi động (${exit.signal ?? `mã ${String(exit.code)}`}).`));
      return;
    }
    if (readyAt > 0 && Date.now() - readyAt >= stableMs) quickDeaths = 0;
    const delayMs = backoffDelay(quickDeaths, policy, () => 1);
    quickDeaths += 1;
    readyAt = 0;
    log.warn('host-process.restarting', { code: exit.code, signal: exit.signal, attempt: quickDeaths, delayMs });
    events.emit({ type: 'host.process', state: 'restarting' });
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (!closing) launch();
    }, delayMs);
  }

  function launch(): void {
    const started = opts.spawn();
    channel = started;
    started.onMessage((raw) => onMessage(started, raw));
    started.onExit((exit) => onExit(started, exit));
    started.send({ kind: 'start', config: opts.config, shell: opts.shell, version: opts.version });
  }

  async function dispatch(name: unknown, input: unknown): Promise<CallResult> {
    if (!(await whenReady()) || !channel) return unavailable();
    const id = nextId++;
    const target = channel;
    return new Promise((resolve) => {
      calls.set(id, resolve);
      target.send({ kind: 'call', id, name, input });
    });
  }

  async function captchaAnswer(captchaId: string): Promise<string | null> {
    if (!(await whenReady()) || !channel) return null;
    const id = nextId++;
    const target = channel;
    return new Promise((resolve) => {
      answers.set(id, resolve);
      target.send({ kind: 'captcha', id, captchaId });
    });
  }

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    if (restartTimer) clearTimeout(restartTimer);
    settleWaiting(false);
    const target = channel;
    if (!target) return;
    const gone = new Promise<void>((resolve) => (closed = resolve));
    target.send({ kind: 'close' });
    const timer = setTimeout(() => {
      log.warn('host-process.close-timeout');
      target.kill();
    }, closeTimeoutMs);
    await gone;
    clearTimeout(timer);
  }

  launch();
  return firstReady.then(
    (training) => ({
      dispatch,
      onEvent: (listener) => events.on(listener),
      trainingCaptchaAnswer: training ? captchaAnswer : null,
      close,
    }),
    (e: unknown) => {
      // The first process failed to start: nothing to restart, make sure it is gone.
      closing = true;
      channel?.kill();
      throw e;
    },
  );
}
