import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import type { PortalDb } from './tables.js';
import * as m0001 from './migrations/0001-catalogue.js';
import * as m0002 from './migrations/0002-auth.js';
import * as m0003 from './migrations/0003-applications.js';
import * as m0004 from './migrations/0004-auth-hardening.js';
import * as m0005 from './migrations/0005-officer-work.js';
import * as m0006 from './migrations/0006-kiosk-heartbeats.js';
import * as m0007 from './migrations/0007-queue.js';

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
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export interface PortalDatabase {
  db: Kysely<PortalDb>;
  close(): Promise<void>;
}

/**
 * Opens the portal database through Kysely, so the same queries can later
 * target PostgreSQL with Kysely's Postgres dialect. SQLite runs in WAL with
 * a busy timeout; Kysely's SQLite driver serialises access to the one
 * connection, which is what makes per-agency counters gap-free.
 */
export async function openPortalDatabase(file: string): Promise<PortalDatabase> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<PortalDb>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Không nâng cấp được cơ sở dữ liệu cổng (${reason}).`);
  }
  return { db, close: () => db.destroy() };
}
