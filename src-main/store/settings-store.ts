import type { Statement } from 'better-sqlite3';
import type { StoreDatabase } from './database.js';
import type { Settings } from './store.js';

/** Small named values the host keeps across restarts. */
export class SettingsStore implements Settings {
  private readonly sql: { get: Statement; set: Statement };

  constructor(db: StoreDatabase) {
    this.sql = {
      get: db.prepare('SELECT value FROM settings WHERE key = ?'),
      set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  get(key: string): string | null {
    const row = this.sql.get.get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.sql.set.run(key, value);
  }
}
