import { KioskError } from '../../src-shared/errors.js';
import type { KioskConfig } from '../config.js';
import type { Host, HostOptions } from '../host.js';
import { errorClass, type HostLog, type LogFields, type LogValue } from '../log/host-log.js';
import { ShellToHostSchema, type HostToShell } from './protocol.js';

/** The host process's end of the channel to its shell: Node's IPC, or Electron's parentPort. */
export interface HostPort {
  onMessage(listener: (message: unknown) => void): void;
  send(message: HostToShell): void;
  /** Resolves once what was sent has left this process (before it exits). */
  flush(): Promise<void>;
}

export interface ServeHostOptions {
  createHost: (config: KioskConfig, opts: HostOptions) => Promise<Host>;
  /** Ends the process: after a clean close (0) or a failed start (1). */
  exit: (code: number) => void;
}

export interface ServedHost {
  /** The log that reaches the shell's logger; process-fault handlers use it too. */
  log: HostLog;
  /** Closes the host and ends the process, as the shell's "close" does (the shell went away). */
  close(): Promise<void>;
}

function flatFields(fields: LogFields | undefined): Record<string, LogValue> | undefined {
  if (!fields) return undefined;
  const out: Record<string, LogValue> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Runs one host behind a port: starts it on the shell's "start", answers
 * calls and captcha look-ups by id, pushes its events, and closes it on
 * "close". The dispatcher stays the one in createHost; this only carries.
 */
export function serveHost(port: HostPort, opts: ServeHostOptions): ServedHost {
  const log: HostLog = {
    info: (event, fields) => port.send({ kind: 'log', level: 'info', event, fields: flatFields(fields) }),
    warn: (event, fields) => port.send({ kind: 'log', level: 'warn', event, fields: flatFields(fields) }),
    error: (event, fields) => port.send({ kind: 'log', level: 'error', event, fields: flatFields(fields) }),
  };
  let host: Host | null = null;
  let starting = false;
  let closing: Promise<void> | null = null;

  const unavailable = new KioskError('HOST_UNAVAILABLE').toBody();

  function close(): Promise<void> {
    closing ??= (async () => {
      try {
        await host?.close();
      } catch (e) {
        log.error('host-process.close-failed', { error: errorClass(e) });
      }
      port.send({ kind: 'closed' });
      await port.flush();
      opts.exit(0);
    })();
    return closing;
  }

  async function start(config: KioskConfig, shell: 'electron' | 'browser', version: string): Promise<void> {
    try {
      const started = await opts.createHost(config, { shell, version, log });
      host = started;
      started.onEvent((event) => port.send({ kind: 'event', event }));
      port.send({ kind: 'ready', training: started.trainingCaptchaAnswer !== null });
    } catch (e) {
      // Start-up errors are fixed Vietnamese sentences (a missing portal URL, an unreadable key file), no personal data.
      port.send({ kind: 'start-failed', message: e instanceof Error ? e.message : String(e) });
      await port.flush();
      opts.exit(1);
    }
  }

  port.onMessage((raw) => {
    const parsed = ShellToHostSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn('host-process.bad-message');
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'start':
        if (starting) return;
        starting = true;
        void start(message.config, message.shell, message.version);
        return;
      case 'call': {
        const { id } = message;
        if (!host || closing) {
          port.send({ kind: 'result', id, result: { ok: false, error: unavailable } });
          return;
        }
        host.dispatch(message.name, message.input).then(
          (result) => port.send({ kind: 'result', id, result }),
          // dispatch() never throws by contract; the shell still gets an answer if it ever does.
          (e: unknown) => {
            log.error('host-process.dispatch-threw', { error: errorClass(e) });
            port.send({ kind: 'result', id, result: { ok: false, error: new KioskError('INTERNAL').toBody() } });
          },
        );
        return;
      }
      case 'captcha': {
        const answerOf = host?.trainingCaptchaAnswer;
        const { id } = message;
        if (!answerOf) {
          port.send({ kind: 'captcha-answer', id, answer: null });
          return;
        }
        answerOf(message.captchaId).then(
          (answer) => port.send({ kind: 'captcha-answer', id, answer }),
          () => port.send({ kind: 'captcha-answer', id, answer: null }),
        );
        return;
      }
      case 'close':
        void close();
        return;
    }
  });

  return { log, close };
}
