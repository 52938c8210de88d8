import type { Database } from 'better-sqlite3';

/** Catalogue cache: one row per procedure plus a folded full-text index. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE procedures (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      field TEXT NOT NULL,
      agency_code TEXT NOT NULL,
      agency_name TEXT NOT NULL,
      record TEXT NOT NULL
    );
    CREATE INDEX procedures_field ON procedures(field);
    CREATE INDEX procedures_agency ON procedures(agency_code);
    -- Folded text (see src-shared/folding.ts): unicode61 would keep "đ".
    CREATE VIRTUAL TABLE procedures_fts USING fts5(
      code UNINDEXED, name, body,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    );
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `);
}
