import type { Database } from 'better-sqlite3';
import { summarise, type Procedure } from '../../../src-shared/catalogue.js';

/**
 * The list row of each procedure, kept beside the full record so a search
 * answers without parsing whole records (measured by `npm run bench`).
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE procedures ADD COLUMN summary TEXT');
  const rows = db.prepare('SELECT code, record FROM procedures').all() as { code: string; record: string }[];
  const set = db.prepare('UPDATE procedures SET summary = ? WHERE code = ?');
  // Records were validated when they were synced; the cache holds nothing else.
  for (const r of rows) set.run(JSON.stringify(summarise(JSON.parse(r.record) as Procedure)), r.code);
}
