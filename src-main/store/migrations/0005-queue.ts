import type { Database } from 'better-sqlite3';

/**
 * "Lấy số thứ tự": the blocks of numbers the portal set aside for this kiosk
 * (given out while the portal is out of reach), every ticket the kiosk
 * issued (to print it again, and to report the offline ones), and the last
 * copy of the centre's areas (to list them offline). No personal data.
 * A block's `next_number` only grows, so a number is never given twice,
 * also after a restart.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE queue_blocks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      centre TEXT NOT NULL,
      area TEXT NOT NULL,
      day TEXT NOT NULL,
      first_number INTEGER NOT NULL,
      last_number INTEGER NOT NULL,
      next_number INTEGER NOT NULL,
      CHECK (first_number <= next_number AND next_number <= last_number + 1),
      UNIQUE (centre, area, day, first_number)
    );
    CREATE TABLE queue_tickets (
      local_id TEXT PRIMARY KEY,
      centre TEXT NOT NULL,
      area TEXT NOT NULL,
      area_name TEXT NOT NULL,
      counters TEXT NOT NULL,
      day TEXT NOT NULL,
      number INTEGER NOT NULL,
      priority INTEGER NOT NULL,
      issued_at TEXT NOT NULL,
      offline INTEGER NOT NULL,
      ahead INTEGER,
      estimated_wait INTEGER,
      portal_id TEXT,
      status_url TEXT,
      reported_at TEXT,
      report_error TEXT,
      UNIQUE (centre, day, area, number)
    );
    CREATE INDEX queue_tickets_unreported ON queue_tickets(offline, reported_at);
    CREATE TABLE queue_centres (
      agency_code TEXT PRIMARY KEY,
      json TEXT NOT NULL,
      fetched_at TEXT NOT NULL
    );
  `);
}
