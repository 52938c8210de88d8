import fs from 'node:fs';
import { pino, type Logger } from 'pino';
import { createStream, type FileSize, type RotatingFileStream } from 'rotating-file-stream';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../../src-shared/log-redaction.js';
import type { HostLog, LogFields } from './host-log.js';

export interface FileLoggerOptions {
  /** Folder of the log files; made when missing. */
  dir: string;
  /** File name of the current log, e.g. kiosk.log. */
  file: string;
  /** Rotate when the current file reaches this size (rotating-file-stream syntax). */
  size?: FileSize;
  /** Rotated files kept; older ones are deleted. */
  maxFiles?: number;
  level?: 'debug' | 'info' | 'warn' | 'error';
}

export interface FileLogger {
  log: HostLog;
  pino: Logger;
  /** Flushes what is buffered and closes the file. */
  close(): Promise<void>;
}

/**
 * The host's logger: pino JSON lines into a rotating file. The stream is
 * handed to pino directly — pino's worker-thread transports do not survive
 * being bundled into Electron's CommonJS main.
 */
export function createFileLogger(opts: FileLoggerOptions): FileLogger {
  try {
    fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new Error(`Không tạo được thư mục nhật ký (logDir) ${opts.dir}: ${(e as NodeJS.ErrnoException).code ?? 'lỗi không rõ'}`, { cause: e });
  }
  const stream: RotatingFileStream = createStream(opts.file, {
    path: opts.dir,
    size: opts.size ?? '10M',
    maxFiles: opts.maxFiles ?? 10,
    // rotating-file-stream's list of rotated files, which it needs to enforce maxFiles.
    history: `${opts.file}.history`,
    mode: 0o600,
  });
  // A full or read-only disk must not end the host: the log is given up on, the kiosk keeps serving.
  stream.on('error', () => undefined);
  const logger = pino(
    {
      level: opts.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_REDACT_CENSOR },
    },
    stream,
  );
  let closed: Promise<void> | null = null;
  return {
    log: pinoHostLog(logger),
    pino: logger,
    close() {
      closed ??= new Promise<void>((resolve) => {
        stream.once('finish', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      });
      return closed;
    },
  };
}

/** The HostLog face of a pino logger. */
export function pinoHostLog(logger: Logger): HostLog {
  const fieldsOf = (f?: LogFields): Record<string, unknown> => ({ ...f });
  return {
    info: (event, fields) => logger.info(fieldsOf(fields), event),
    warn: (event, fields) => logger.warn(fieldsOf(fields), event),
    error: (event, fields) => logger.error(fieldsOf(fields), event),
  };
}
