/**
 * What the host's modules log through. An event name and a few flat fields —
 * call names, error classes, local ids, application numbers — never a
 * person's data: the redaction list in src-shared/log-redaction.ts is the net,
 * not the rule.
 */
export type LogValue = string | number | boolean | null;
export type LogFields = Readonly<Record<string, LogValue | undefined>>;

export interface HostLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** A sink of plain lines, as tests capture them and older callers passed. */
export type LineSink = (line: string) => void;

export const silentLog: HostLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Standard output and error, for a shell that has no log file (yet). */
export const consoleLog: HostLog = {
  info: (event, fields) => console.log(event, { ...fields }),
  warn: (event, fields) => console.warn(event, { ...fields }),
  error: (event, fields) => console.error(event, { ...fields }),
};

/** Fields as `key=value` after the event, for a line sink. */
function line(level: string, event: string, fields?: LogFields): string {
  const parts = Object.entries(fields ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return [level, event, ...parts].join(' ');
}

/** Lets a caller hand either a HostLog or a plain line sink. */
export function toHostLog(log: HostLog | LineSink | undefined): HostLog {
  if (!log) return silentLog;
  if (typeof log !== 'function') return log;
  return {
    info(event, fields) {
      log(line('info', event, fields));
    },
    warn(event, fields) {
      log(line('warn', event, fields));
    },
    error(event, fields) {
      log(line('error', event, fields));
    },
  };
}

/** The class of an error, which is what a log line may say about it (its message may quote data). */
export function errorClass(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? `${e.name}:${code}` : e.name;
  }
  return typeof e;
}
