import crypto from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { KioskError } from '../../src-shared/errors.js';
import type { BlobStore } from './blob-store.js';
import type { CryptoBox } from './crypto-box.js';
import type { StoreDatabase } from './database.js';
import type { OutboxStore } from './outbox-store.js';
import type { NewSupplement, OutgoingSupplement, StoredSupplement, Supplements } from './store.js';

/** What is sealed at rest: the citizen's note and the file names. */
interface SupplementPersonal {
  note: string | null;
  fileNames: string[];
}

interface SupplementRow {
  local_id: string;
  code: string;
  request_id: number;
  state: StoredSupplement['state'];
  portal_message: string | null;
  created_at: string;
  sent_at: string | null;
}

/**
 * "Bổ sung hồ sơ" made at this kiosk: the one owner of the supplements and
 * supplement_attachments tables. Committing one writes the row, its files
 * and its outbox entry (with its own idempotency key) in one transaction,
 * like an application; the sync engine sends it and records the portal's
 * answer here.
 */
export class SupplementsStore implements Supplements {
  private readonly sql: {
    insert: Statement;
    insertFile: Statement;
    get: Statement;
    latestFor: Statement;
    outgoing: Statement;
    filesOf: Statement;
    sent: Statement;
    dropFiles: Statement;
    refused: Statement;
    attachedBlobs: Statement;
  };

  constructor(
    private readonly db: StoreDatabase,
    private readonly box: CryptoBox,
    private readonly blobs: BlobStore,
    private readonly outbox: OutboxStore,
    private readonly kioskId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sql = {
      insert: db.prepare('INSERT INTO supplements (local_id, code, request_id, personal, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertFile: db.prepare('INSERT INTO supplement_attachments (supplement_id, position, component_id, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)'),
      get: db.prepare('SELECT * FROM supplements WHERE local_id = ?'),
      latestFor: db.prepare('SELECT * FROM supplements WHERE code = ? AND request_id = ? ORDER BY created_at DESC LIMIT 1'),
      outgoing: db.prepare('SELECT code, personal FROM supplements WHERE local_id = ?'),
      filesOf: db.prepare('SELECT component_id, mime, sha256 FROM supplement_attachments WHERE supplement_id = ? ORDER BY position'),
      sent: db.prepare("UPDATE supplements SET state = 'sent', sent_at = ?, portal_message = NULL, personal = NULL WHERE local_id = ?"),
      dropFiles: db.prepare('DELETE FROM supplement_attachments WHERE supplement_id = ?'),
      refused: db.prepare("UPDATE supplements SET state = 'refused', portal_message = ? WHERE local_id = ?"),
      attachedBlobs: db.prepare('SELECT DISTINCT sha256 FROM supplement_attachments'),
    };
  }

  commit(s: NewSupplement): { localId: string; idempotencyKey: string } {
    for (const f of s.files) {
      if (!this.blobs.has(f.sha256)) throw KioskError.detailed('INVALID_INPUT', 'ATTACHMENT_GONE', { fileName: f.fileName });
    }
    const localId = crypto.randomUUID();
    const idempotencyKey = `${this.kioskId}.bs.${crypto.randomUUID()}`;
    const personal: SupplementPersonal = { note: s.note, fileNames: s.files.map((f) => f.fileName) };
    const at = this.now();
    this.db.transaction(() => {
      this.sql.insert.run(localId, s.code, s.requestId, this.box.sealJson(personal, localId), at.toISOString());
      s.files.forEach((f, i) => this.sql.insertFile.run(localId, i, f.componentId, f.mime, f.size, f.sha256));
      this.outbox.addForSupplement(localId, idempotencyKey, at.getTime());
    })();
    return { localId, idempotencyKey };
  }

  get(localId: string): StoredSupplement | null {
    const row = this.sql.get.get(localId) as SupplementRow | undefined;
    return row ? toStored(row) : null;
  }

  /** The newest supplement this kiosk made for an application and request, if any. */
  latestFor(code: string, requestId: number): StoredSupplement | null {
    const row = this.sql.latestFor.get(code, requestId) as SupplementRow | undefined;
    return row ? toStored(row) : null;
  }

  /** What the outbox sends: the note, the files' names and bytes. Throws when the row cannot be read back. */
  outgoing(localId: string): OutgoingSupplement | null {
    const row = this.sql.outgoing.get(localId) as { code: string; personal: Buffer | null } | undefined;
    if (!row?.personal) return null;
    const personal = this.box.openJson(row.personal, localId) as SupplementPersonal;
    const files = (this.sql.filesOf.all(localId) as { component_id: string; mime: string; sha256: string }[]).map((a, i) => ({
      componentId: a.component_id,
      fileName: personal.fileNames[i] ?? `bo-sung-${i + 1}`,
      mime: a.mime,
      bytes: this.blobs.get(a.sha256),
    }));
    return { code: row.code, note: personal.note, files };
  }

  /** The portal has it: the entry is done and the personal part goes (the portal holds the files now). */
  markSent(localId: string, outboxId: number, sentAt: string): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.sql.sent.run(sentAt, localId);
      this.sql.dropFiles.run(localId);
      this.outbox.markDone(outboxId, at);
    })();
  }

  /** The portal refused it for good (the request was closed meanwhile, a file it does not take). */
  markRefused(localId: string, outboxId: number, message: string): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.sql.refused.run(message, localId);
      this.outbox.markDone(outboxId, at, message);
    })();
  }

  /** Every file a supplement still waiting to be sent refers to (retention spares them). */
  referencedBlobs(): Set<string> {
    return new Set((this.sql.attachedBlobs.all() as { sha256: string }[]).map((r) => r.sha256));
  }
}

function toStored(r: SupplementRow): StoredSupplement {
  return { localId: r.local_id, code: r.code, requestId: r.request_id, state: r.state, portalMessage: r.portal_message, createdAt: r.created_at, sentAt: r.sent_at };
}
