import type { Database } from 'better-sqlite3';

/**
 * The queue ticket ("Số thứ tự", e.g. B-015) the counter was serving when it
 * received an application: printed on the receipt and sent to the portal.
 * A label only, never a person, so it lives outside the sealed part.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE applications ADD COLUMN queue_ticket TEXT');
}
