import type { Database } from 'better-sqlite3';

/**
 * Drafts, applications with their attachments, the outbox, settings and
 * the audit log. Personal data (applicant, form values, file names) sits
 * only in the encrypted `personal`/`data` columns.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE drafts (
      id TEXT PRIMARY KEY,
      procedure_code TEXT NOT NULL,
      session_id TEXT NOT NULL,
      keep INTEGER NOT NULL DEFAULT 0,
      data BLOB NOT NULL,
      -- Hashes of the attachment blobs the draft holds (not personal), for orphan cleanup.
      blob_refs TEXT NOT NULL DEFAULT '[]',
      updated_at TEXT NOT NULL
    );
    CREATE INDEX drafts_session ON drafts(session_id);

    CREATE TABLE applications (
      local_id TEXT PRIMARY KEY,
      provisional_no TEXT NOT NULL UNIQUE,
      procedure_code TEXT NOT NULL,
      procedure_name TEXT NOT NULL,
      agency_code TEXT NOT NULL,
      agency_name TEXT NOT NULL,
      personal BLOB,
      state TEXT NOT NULL CHECK (state IN ('queued', 'accepted', 'needs_fix')),
      portal_message TEXT,
      official_code TEXT UNIQUE,
      received_at TEXT,
      appointment_at TEXT,
      status_code INTEGER,
      status_name TEXT,
      status_checked_at TEXT,
      received_by TEXT,
      created_at TEXT NOT NULL,
      accepted_at TEXT,
      purged_at TEXT
    );
    CREATE INDEX applications_state ON applications(state);

    CREATE TABLE attachments (
      application_id TEXT NOT NULL REFERENCES applications(local_id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      component_id TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      PRIMARY KEY (application_id, position)
    );
    CREATE INDEX attachments_hash ON attachments(sha256);

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      application_id TEXT NOT NULL REFERENCES applications(local_id) ON DELETE CASCADE,
      idempotency_key TEXT NOT NULL UNIQUE,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      done_at TEXT
    );
    CREATE INDEX outbox_pending ON outbox(done_at, next_attempt_at);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT
    );
  `);
}
