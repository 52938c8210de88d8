import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The portal-pg project's cluster (postgres.setup.ts); absent in the other projects. */
    postgresUrl?: string;
  }
}

/**
 * A private PostgreSQL cluster for the tests that need one: initdb in a
 * temporary folder, listening only on a Unix socket in that folder (no TCP,
 * no system service), stopped and deleted afterwards. It does not depend on
 * Debian's `main` cluster, which only runs where systemd started it.
 */
export interface TestPostgres {
  /** Connection URL of the cluster's maintenance database. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
}

/** Debian keeps the server binaries per version under /usr/lib/postgresql; elsewhere they are on PATH. */
export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(base, versions[0], 'bin');
  try {
    return path.dirname(execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
}

/** initdb refuses to run as root (CI runs as root): the cluster then belongs to the `postgres` user Debian's package creates. */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { user: 'postgres', uid, gid };
}

/** A new empty database on the cluster of `maintenanceUrl`; returns its URL. */
export async function createDatabase(maintenanceUrl: string): Promise<string> {
  const name = `portal_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * In the portal-pg project, the PostgreSQL database that belongs to a
 * portal's data dir: created on first use and remembered in the dir, so a
 * test that reopens a data dir finds its records again. Null elsewhere
 * (the portal then uses its SQLite file).
 */
export async function testDatabaseUrl(dataDir: string): Promise<string | null> {
  const cluster = inject('postgresUrl');
  if (!cluster) return null;
  const marker = path.join(dataDir, 'test-database-url');
  if (fs.existsSync(marker)) return fs.readFileSync(marker, 'utf8');
  const url = await createDatabase(cluster);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(marker, url);
  return url;
}

export function startTestPostgres(): TestPostgres {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql).');
  const owner = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pg-'));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const run = (tool: string, args: string[]): void => {
    const [cmd, argv] = owner ? ['runuser', ['-u', owner.user, '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    // Durability is not under test: fsync off saves seconds of a 2-core machine's time per suite.
    const options = `-c listen_addresses='' -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
  } catch (e) {
    const log = path.join(dir, 'server.log');
    const detail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the test PostgreSQL cluster: ${e instanceof Error ? e.message : String(e)}\n${detail}`);
  }
  const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
  let stopped = false;
  return {
    url,
    createDatabase: () => createDatabase(url),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
