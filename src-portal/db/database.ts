import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Dialect, type KyselyPlugin, type Migration, type MigrationProvider } from 'kysely';
import { postgresIdentityColumns, sqliteWithoutRowLocks } from './dialect-plugins.js';
import type { PortalDb } from './tables.js';
import * as m0001 from './migrations/0001-catalogue.js';
import * as m0002 from './migrations/0002-auth.js';
import * as m0003 from './migrations/0003-applications.js';
import * as m0004 from './migrations/0004-auth-hardening.js';
import * as m0005 from './migrations/0005-officer-work.js';
import * as m0006 from './migrations/0006-kiosk-heartbeats.js';
import * as m0007 from './migrations/0007-queue.js';
import * as m0008 from './migrations/0008-kiosk-heartbeat-place.js';
import * as m0009 from './migrations/0009-application-queue-ticket.js';

/**
 * Migrations are listed statically (not read from a folder) so the bundled
 * build carries them. Append only; never edit one that has shipped.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-catalogue': m0001,
  '0002-auth': m0002,
  '0003-applications': m0003,
  '0004-auth-hardening': m0004,
  '0005-officer-work': m0005,
  '0006-kiosk-heartbeats': m0006,
  '0007-queue': m0007,
  '0008-kiosk-heartbeat-place': m0008,
  '0009-application-queue-ticket': m0009,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export interface PortalDatabase {
  db: Kysely<PortalDb>;
  close(): Promise<void>;
}

/** An SQLite file path (the embedded default), or a PostgreSQL server that several portal processes share. */
export type PortalDatabaseLocation = string | { url: string };

const PG_INT8 = 20;

/**
 * count(*) is a bigint in PostgreSQL, which pg hands back as a string;
 * the portal's counts are small, so they come back as numbers, as on SQLite.
 */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function sqliteDialect(file: string): Dialect {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: sqlite });
}

/**
 * Opens the portal database through Kysely, so the same queries run on
 * SQLite and PostgreSQL. SQLite runs in WAL with a busy timeout; Kysely's
 * SQLite driver serialises access to the one connection, which is what
 * makes per-agency counters gap-free there. On PostgreSQL (read committed)
 * the same guarantees come from single-statement upserts and `for update`
 * row locks, which also hold between several portal processes.
 */
export async function openPortalDatabase(location: PortalDatabaseLocation): Promise<PortalDatabase> {
  const [dialect, plugins]: [Dialect, KyselyPlugin[]] =
    typeof location === 'string'
      ? [sqliteDialect(location), [sqliteWithoutRowLocks()]]
      : [new PostgresDialect({ pool: new pg.Pool({ connectionString: location.url, max: 10, types: pgTypes }) }), [postgresIdentityColumns()]];
  const db = new Kysely<PortalDb>({ dialect, plugins });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Không nâng cấp được cơ sở dữ liệu cổng (${reason}).`);
  }
  return { db, close: () => db.destroy() };
}
