import type { LogLevel } from '../../src-shared/kiosk-contract/admin.js';
import type { HostLog } from './host-log.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A log that asks for its level at every line, so the level staff pick in
 * "Quản trị kiosk" applies at once, without a restart. The filter sits in
 * front of the host's log rather than in pino: in the Electron shell the host
 * runs in a utility process and the file logger lives in the main process,
 * and only the host knows the settings. Filtering never touches the fields,
 * so the file logger's redaction still sees every line that is written.
 */
export function followLevel(log: HostLog, level: () => LogLevel): HostLog {
  const passes = (at: LogLevel): boolean => RANK[at] >= RANK[level()];
  return {
    info: (event, fields) => {
      if (passes('info')) log.info(event, fields);
    },
    warn: (event, fields) => {
      if (passes('warn')) log.warn(event, fields);
    },
    error: (event, fields) => log.error(event, fields),
  };
}
