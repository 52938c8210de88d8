import crypto from 'node:crypto';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { KioskError } from '../../src-shared/errors.js';
import { toVnParts } from '../../src-shared/domain/vn-time.js';
import type { BlobStore } from './blob-store.js';
import type { CryptoBox } from './crypto-box.js';
import type { StoreDatabase } from './database.js';
import type { OutboxStore } from './outbox-store.js';
import { watchStorageFolder } from './storage-errors.js';
import type {
  Applications,
  ApplicationState,
  AttachmentRef,
  Drafts,
  NewApplication,
  PersonalPart,
  PortalAcceptance,
  Settings,
  StoredApplication,
} from './store.js';

interface ApplicationRow {
  local_id: string;
  provisional_no: string;
  procedure_code: string;
  procedure_name: string;
  agency_code: string;
  agency_name: string;
  personal: Buffer | null;
  state: ApplicationState;
  portal_message: string | null;
  official_code: string | null;
  received_at: string | null;
  appointment_at: string | null;
  status_code: number | null;
  status_name: string | null;
  status_checked_at: string | null;
  received_by: string | null;
  queue_ticket: string | null;
  created_at: string;
  accepted_at: string | null;
  purged_at: string | null;
}

/** A fresh idempotency key: sent unchanged on every try of one outbox entry. */
function newIdempotencyKey(kioskId: string): string {
  return `${kioskId}.${crypto.randomUUID()}`;
}

/*
 * The first key of an application made from a draft is derived from the
 * draft id, so the draft → application link needs no extra column: a
 * retried "Đồng ý" (the answer was lost in a crash) finds it by key.
 */
function draftIdempotencyKey(kioskId: string, draftId: string): string {
  return `${kioskId}.${draftId}`;
}

/** The owners of the other tables an application's commits touch: its outbox entry, its draft, the day's counter. */
export interface ApplicationOwners {
  outbox: OutboxStore;
  drafts: Pick<Drafts, 'delete'>;
  settings: Settings;
}

/**
 * Applications made at this kiosk: the one owner of the applications and
 * attachments tables. `submit` commits the application, its attachment
 * references and its outbox entry in one transaction: after it returns, the
 * application is durable and will reach the portal exactly once.
 */
export class ApplicationsStore implements Applications {
  private readonly sql: {
    insert: Statement;
    insertAttachment: Statement;
    provisionalNoOf: Statement;
    get: Statement;
    byOfficialCode: Statement;
    byProvisionalNo: Statement;
    list: Statement;
    personal: Statement;
    accept: Statement;
    needsFix: Statement;
    noteIfQueued: Statement;
    requeue: Statement;
    dropAttachments: Statement;
    updateStatus: Statement;
    purgeable: Statement;
    purge: Statement;
    attachmentsOf: Statement;
    attachedBlobs: Statement;
  };

  constructor(
    private readonly db: StoreDatabase,
    private readonly box: CryptoBox,
    private readonly blobs: BlobStore,
    private readonly owners: ApplicationOwners,
    private readonly kioskId: string,
    private readonly now: () => Date,
  ) {
    // "Đồng ý" failing on a full or read-only disk must say so; SQLite alone only says "disk I/O error".
    watchStorageFolder(path.dirname(db.name));
    this.sql = {
      insert: db.prepare(
        `INSERT INTO applications (local_id, provisional_no, procedure_code, procedure_name, agency_code, agency_name,
           personal, state, received_by, queue_ticket, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
      ),
      insertAttachment: db.prepare(
        'INSERT INTO attachments (application_id, position, component_id, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      provisionalNoOf: db.prepare('SELECT provisional_no FROM applications WHERE local_id = ?'),
      get: db.prepare('SELECT * FROM applications WHERE local_id = ?'),
      byOfficialCode: db.prepare('SELECT * FROM applications WHERE official_code = ?'),
      byProvisionalNo: db.prepare('SELECT * FROM applications WHERE provisional_no = ?'),
      // The states travel as one JSON array, so one statement serves every choice of them.
      list: db.prepare('SELECT * FROM applications WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC LIMIT ?'),
      personal: db.prepare('SELECT personal FROM applications WHERE local_id = ?'),
      accept: db.prepare(
        `UPDATE applications SET state = 'accepted', official_code = ?, received_at = ?, appointment_at = ?,
           status_code = ?, status_name = ?, status_checked_at = ?, accepted_at = ?, portal_message = NULL
         WHERE local_id = ?`,
      ),
      needsFix: db.prepare("UPDATE applications SET state = 'needs_fix', portal_message = ? WHERE local_id = ?"),
      noteIfQueued: db.prepare("UPDATE applications SET portal_message = ? WHERE local_id = ? AND state = 'queued'"),
      requeue: db.prepare("UPDATE applications SET personal = ?, state = 'queued', portal_message = NULL WHERE local_id = ?"),
      dropAttachments: db.prepare('DELETE FROM attachments WHERE application_id = ?'),
      updateStatus: db.prepare('UPDATE applications SET status_code = ?, status_name = ?, status_checked_at = ? WHERE official_code = ?'),
      purgeable: db.prepare("SELECT local_id FROM applications WHERE state = 'accepted' AND purged_at IS NULL AND accepted_at < ?"),
      purge: db.prepare('UPDATE applications SET personal = NULL, purged_at = ? WHERE local_id = ?'),
      attachmentsOf: db.prepare('SELECT component_id, mime, size, sha256 FROM attachments WHERE application_id = ? ORDER BY position'),
      attachedBlobs: db.prepare('SELECT DISTINCT sha256 FROM attachments'),
    };
  }

  /**
   * With a draft id the call is idempotent: when an application was already
   * made from that draft (the kiosk died before "Đồng ý" got its answer),
   * that application is returned and nothing new is created.
   */
  submit(app: NewApplication): { localId: string; provisionalNo: string; idempotencyKey: string; existing: boolean } {
    if (app.draftId) {
      const earlier = this.fromDraft(app.draftId);
      if (earlier) {
        this.owners.drafts.delete(app.draftId);
        return { ...earlier, existing: true };
      }
    }
    for (const a of app.attachments) {
      if (!this.blobs.has(a.sha256)) {
        throw KioskError.detailed('INVALID_INPUT', 'ATTACHMENT_NOT_ON_KIOSK', { fileName: a.fileName });
      }
    }
    const localId = crypto.randomUUID();
    const idempotencyKey = app.draftId ? draftIdempotencyKey(this.kioskId, app.draftId) : newIdempotencyKey(this.kioskId);
    const at = this.now();
    const personal: PersonalPart = {
      applicant: app.applicant,
      fields: app.fields,
      channel: app.channel,
      fileNames: app.attachments.map((a) => a.fileName),
      ...(app.signedInCitizenId ? { signedInCitizenId: app.signedInCitizenId } : {}),
      ...(app.submitter ? { submitter: app.submitter } : {}),
    };
    let provisionalNo = '';
    this.db.transaction(() => {
      provisionalNo = this.nextProvisionalNo(at);
      this.sql.insert.run(
        localId,
        provisionalNo,
        app.procedure.code,
        app.procedure.name,
        app.procedure.agency.code,
        app.procedure.agency.name,
        this.box.sealJson(personal, localId),
        app.receivedBy ?? null,
        app.queueTicket ?? null,
        at.toISOString(),
      );
      this.insertAttachments(localId, app.attachments);
      this.owners.outbox.addForApplication(localId, idempotencyKey, at.getTime());
      // The application now lives in its own row; its draft goes in the same commit, so a crash leaves one or the other.
      if (app.draftId) this.owners.drafts.delete(app.draftId);
    })();
    return { localId, provisionalNo, idempotencyKey, existing: false };
  }

  private insertAttachments(localId: string, attachments: readonly AttachmentRef[]): void {
    attachments.forEach((a, i) => this.sql.insertAttachment.run(localId, i, a.componentId, a.mime, a.size, a.sha256));
  }

  private fromDraft(draftId: string): { localId: string; provisionalNo: string; idempotencyKey: string } | null {
    const key = draftIdempotencyKey(this.kioskId, draftId);
    const localId = this.owners.outbox.applicationOfKey(key);
    const row = localId ? (this.sql.provisionalNoOf.get(localId) as { provisional_no: string } | undefined) : undefined;
    return localId && row ? { localId, provisionalNo: row.provisional_no, idempotencyKey: key } : null;
  }

  /** "Số biên nhận tạm": TAM-<kiosk>-<yyMMdd>-<NNNN>, counted per kiosk per day. */
  private nextProvisionalNo(at: Date): string {
    const p = toVnParts(at);
    const day = `${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
    const key = `provisional.${day}`;
    const next = Number(this.owners.settings.get(key) ?? 0) + 1;
    this.owners.settings.set(key, String(next));
    return `TAM-${this.kioskId}-${day}-${String(next).padStart(4, '0')}`;
  }

  get(localId: string): StoredApplication | null {
    const row = this.sql.get.get(localId) as ApplicationRow | undefined;
    return row ? this.toStored(row) : null;
  }

  byOfficialCode(code: string): StoredApplication | null {
    const row = this.sql.byOfficialCode.get(code) as ApplicationRow | undefined;
    return row ? this.toStored(row) : null;
  }

  byProvisionalNo(no: string): StoredApplication | null {
    const row = this.sql.byProvisionalNo.get(no) as ApplicationRow | undefined;
    return row ? this.toStored(row) : null;
  }

  list(opts: { states?: ApplicationState[]; limit?: number } = {}): StoredApplication[] {
    const states = opts.states ?? ['queued', 'accepted', 'needs_fix'];
    const rows = this.sql.list.all(JSON.stringify(states), opts.limit ?? 200) as ApplicationRow[];
    return rows.map((r) => this.toStored(r));
  }

  /** The decrypted personal part, or null once purged. */
  personal(localId: string): PersonalPart | null {
    const row = this.sql.personal.get(localId) as { personal: Buffer | null } | undefined;
    return row?.personal ? (this.box.openJson(row.personal, localId) as PersonalPart) : null;
  }

  markAccepted(localId: string, outboxId: number, a: PortalAcceptance): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.sql.accept.run(a.code, a.receivedAt, a.appointmentAt, a.status.code, a.status.name, at, at, localId);
      this.owners.outbox.markDone(outboxId, at);
    })();
  }

  markNeedsFix(localId: string, outboxId: number, message: string): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.sql.needsFix.run(message, localId);
      this.owners.outbox.markDone(outboxId, at, message);
    })();
  }

  /**
   * Sets its entry aside: it keeps its key, and the application carries
   * `message` for staff until a later try succeeds.
   */
  park(localId: string, outboxId: number, attempts: number, errorClass: string, message: string): void {
    this.db.transaction(() => {
      this.owners.outbox.park(outboxId, attempts, errorClass);
      this.sql.noteIfQueued.run(message, localId);
    })();
  }

  /**
   * Staff fixed what the portal refused: new personal data, a new outbox
   * entry with a new key (the portal created nothing for the refused one).
   */
  resubmit(localId: string, fixed: Pick<NewApplication, 'applicant' | 'fields' | 'attachments'>): { idempotencyKey: string } {
    const current = this.get(localId);
    const before = this.personal(localId);
    if (!current || !before) throw new KioskError('NOT_FOUND');
    if (current.state !== 'needs_fix') throw KioskError.detailed('INVALID_INPUT', 'NOT_NEEDS_FIX');
    for (const a of fixed.attachments) {
      if (!this.blobs.has(a.sha256)) throw KioskError.detailed('INVALID_INPUT', 'ATTACHMENT_GONE', { fileName: a.fileName });
    }
    const idempotencyKey = newIdempotencyKey(this.kioskId);
    const personal: PersonalPart = { ...before, applicant: fixed.applicant, fields: fixed.fields, fileNames: fixed.attachments.map((a) => a.fileName) };
    this.db.transaction(() => {
      this.sql.requeue.run(this.box.sealJson(personal, localId), localId);
      this.sql.dropAttachments.run(localId);
      this.insertAttachments(localId, fixed.attachments);
      this.owners.outbox.addForApplication(localId, idempotencyKey, this.now().getTime());
    })();
    return { idempotencyKey };
  }

  updateStatus(code: string, status: { code: number; name: string }, checkedAt: string): void {
    this.sql.updateStatus.run(status.code, status.name, checkedAt, code);
  }

  /**
   * Privacy: once the portal holds an application and the retention period
   * has passed, the kiosk keeps only the code, procedure and dates.
   */
  purgeAcceptedBefore(cutoff: Date): number {
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const ids = (this.sql.purgeable.all(cutoff.toISOString()) as { local_id: string }[]).map((r) => r.local_id);
      for (const id of ids) {
        this.sql.purge.run(at, id);
        this.sql.dropAttachments.run(id);
      }
      return ids.length;
    })();
  }

  attachmentsOf(localId: string): Omit<AttachmentRef, 'fileName'>[] {
    return (this.sql.attachmentsOf.all(localId) as { component_id: string; mime: string; size: number; sha256: string }[]).map((r) => ({
      componentId: r.component_id,
      mime: r.mime,
      size: r.size,
      sha256: r.sha256,
    }));
  }

  /** Every attachment file an application still refers to (retention spares them). */
  referencedBlobs(): Set<string> {
    return new Set((this.sql.attachedBlobs.all() as { sha256: string }[]).map((r) => r.sha256));
  }

  private toStored(r: ApplicationRow): StoredApplication {
    return {
      localId: r.local_id,
      provisionalNo: r.provisional_no,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      agency: { code: r.agency_code, name: r.agency_name },
      state: r.state,
      portalMessage: r.portal_message,
      officialCode: r.official_code,
      receivedAt: r.received_at,
      appointmentAt: r.appointment_at,
      status:
        r.status_code !== null && r.status_name !== null && r.status_checked_at !== null
          ? { code: r.status_code, name: r.status_name, checkedAt: r.status_checked_at }
          : null,
      receivedBy: r.received_by,
      queueTicket: r.queue_ticket,
      createdAt: r.created_at,
      acceptedAt: r.accepted_at,
      purgedAt: r.purged_at,
      attachments: this.attachmentsOf(r.local_id),
    };
  }
}
