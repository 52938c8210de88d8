import { errorClass, type HostLog } from './host-log.js';

export interface ProcessFaultOptions {
  log: HostLog;
  /** Flushes the log before the process ends. */
  flush: () => Promise<void>;
  exit: (code: number) => void;
  /** Longest wait for the flush, so a stuck disk cannot keep a broken process up. */
  flushTimeoutMs?: number;
}

/**
 * Leaves a line for a rejection or exception nothing handled, then ends the
 * process as Node would have. Logging is not what keeps the host alive:
 * background work catches its own failures, and anything that still gets
 * here is a bug that a restart (by the shell's supervisor) recovers from.
 * Only the error's class is logged — its message may quote personal data.
 */
export function exitOnProcessFaults(opts: ProcessFaultOptions): () => void {
  const end = processFaultHandler(opts);
  const onRejection = (reason: unknown): void => end('process.unhandled-rejection', reason);
  const onException = (error: unknown): void => end('process.uncaught-exception', error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/** Logs a fault, flushes (bounded), then exits with 1; a second fault while ending only logs. */
export function processFaultHandler(opts: ProcessFaultOptions): (event: string, error: unknown) => void {
  let ending = false;
  return (event, error) => {
    opts.log.error(event, { error: errorClass(error) });
    if (ending) return;
    ending = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, opts.flushTimeoutMs ?? 2000).unref());
    void Promise.race([opts.flush().catch(() => undefined), timeout]).then(() => opts.exit(1));
  };
}
