import type { Database } from 'better-sqlite3';
import * as m0001 from './migrations/0001-catalogue.js';
import * as m0002 from './migrations/0002-applications.js';
import * as m0003 from './migrations/0003-catalogue-summary.js';
import * as m0004 from './migrations/0004-supplements.js';
import * as m0005 from './migrations/0005-queue.js';
import * as m0006 from './migrations/0006-queue-ticket.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'catalogue', up: m0001.up },
  { version: 2, name: 'applications', up: m0002.up },
  { version: 3, name: 'catalogue-summary', up: m0003.up },
  { version: 4, name: 'supplements', up: m0004.up },
  { version: 5, name: 'queue', up: m0005.up },
  { version: 6, name: 'queue-ticket', up: m0006.up },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class StoreVersionError extends Error {
  constructor(found: number) {
    super(
      `Cơ sở dữ liệu của kiosk thuộc phiên bản mới hơn phần mềm (lược đồ ${found} > ${SCHEMA_VERSION}). ` +
        'Hãy cài phiên bản kiosk mới hơn; dữ liệu không bị thay đổi.',
    );
    this.name = 'StoreVersionError';
  }
}

/** Applies pending migrations, each in its own transaction, tracked by PRAGMA user_version. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) throw new StoreVersionError(current);
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
