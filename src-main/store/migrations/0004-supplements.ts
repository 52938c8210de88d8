import type { Database } from 'better-sqlite3';

/**
 * "Bổ sung hồ sơ" sent from this kiosk, through the same outbox as
 * applications. A supplement may be for an application made anywhere (online
 * too), so it has its own row, and an outbox entry now sends either an
 * application or a supplement. The note and file names are personal and
 * sealed like an application's; the mã hồ sơ and file hashes are not.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE supplements (
      local_id TEXT PRIMARY KEY,
      code TEXT NOT NULL,
      request_id INTEGER NOT NULL,
      personal BLOB,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'refused')),
      portal_message TEXT,
      created_at TEXT NOT NULL,
      sent_at TEXT
    );
    CREATE INDEX supplements_code ON supplements(code);
    CREATE TABLE supplement_attachments (
      supplement_id TEXT NOT NULL REFERENCES supplements(local_id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      component_id TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      PRIMARY KEY (supplement_id, position)
    );

    CREATE TABLE outbox_next (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      application_id TEXT REFERENCES applications(local_id) ON DELETE CASCADE,
      supplement_id TEXT REFERENCES supplements(local_id) ON DELETE CASCADE,
      idempotency_key TEXT NOT NULL UNIQUE,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      done_at TEXT,
      CHECK ((application_id IS NULL) <> (supplement_id IS NULL))
    );
    INSERT INTO outbox_next (id, application_id, idempotency_key, attempts, next_attempt_at, last_error, done_at)
      SELECT id, application_id, idempotency_key, attempts, next_attempt_at, last_error, done_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
    CREATE INDEX outbox_pending ON outbox(done_at, next_attempt_at);
  `);
}
