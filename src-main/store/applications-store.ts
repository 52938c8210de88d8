import crypto from 'node:crypto';
import path from 'node:path';
import { KioskError } from '../../src-shared/errors.js';
import { toVnParts } from '../../src-shared/domain/vn-time.js';
import type { Applicant, Channel, Submitter } from '../../src-shared/portal-applications-api.js';
import type { AttachmentRef } from '../../src-shared/kiosk-api.js';
import type { BlobStore } from './blob-store.js';
import type { CryptoBox } from './crypto-box.js';
import type { StoreDatabase } from './database.js';
import { SettingsStore } from './settings-store.js';
import { watchStorageFolder } from './storage-errors.js';


export interface NewApplication {
  procedure: { code: string; name: string; agency: { code: string; name: string } };
  applicant: Applicant;
  fields: Record<string, string | number>;
  channel: Channel;
  attachments: AttachmentRef[];
  /** Staff id when a counter officer receives on the citizen's behalf. */
  receivedBy?: string | null;
  /** The draft this application comes from: submitting it again returns the same application. */
  draftId?: string | undefined;
  /** Self-service: the CCCD the citizen signed in with, sent so the portal holds the applicant to it. */
  signedInCitizenId?: string | null;
  /** For themself, or as a proxy with the relation they stated. */
  submitter?: Submitter;
}

/** What is encrypted at rest and purged after the retention period. */
export interface PersonalPart {
  applicant: Applicant;
  fields: Record<string, string | number>;
  channel: Channel;
  fileNames: string[];
  /** Personal too: whose sign-in sent it, and whether as a proxy (absent in rows from before they were kept). */
  signedInCitizenId?: string;
  submitter?: Submitter;
}

export type ApplicationState = 'queued' | 'accepted' | 'needs_fix';

export interface StoredApplication {
  localId: string;
  provisionalNo: string;
  procedureCode: string;
  procedureName: string;
  agency: { code: string; name: string };
  state: ApplicationState;
  portalMessage: string | null;
  officialCode: string | null;
  receivedAt: string | null;
  appointmentAt: string | null;
  status: { code: number; name: string; checkedAt: string } | null;
  receivedBy: string | null;
  createdAt: string;
  acceptedAt: string | null;
  purgedAt: string | null;
  attachments: Omit<AttachmentRef, 'fileName'>[];
}

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
  created_at: string;
  accepted_at: string | null;
  purged_at: string | null;
}

export interface PortalAcceptance {
  code: string;
  receivedAt: string;
  appointmentAt: string;
  status: { code: number; name: string };
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

/**
 * Applications made at this kiosk. `submit` commits the application, its
 * attachment references and its outbox entry in one transaction: after it
 * returns, the application is durable and will reach the portal exactly once.
 */
export class ApplicationsStore {
  private readonly settings: SettingsStore;

  constructor(
    private readonly db: StoreDatabase,
    private readonly box: CryptoBox,
    private readonly blobs: BlobStore,
    private readonly kioskId: string,
    private readonly now: () => Date,
  ) {
    this.settings = new SettingsStore(db);
    // "Đồng ý" failing on a full or read-only disk must say so; SQLite alone only says "disk I/O error".
    watchStorageFolder(path.dirname(db.name));
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
        this.db.prepare('DELETE FROM drafts WHERE id = ?').run(app.draftId);
        return { ...earlier, existing: true };
      }
    }
    for (const a of app.attachments) {
      if (!this.blobs.has(a.sha256)) {
        throw new KioskError('INVALID_INPUT', `Không tìm thấy tệp đính kèm "${a.fileName}" trên kiosk. Vui lòng chọn lại tệp.`);
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
      this.db
        .prepare(
          `INSERT INTO applications (local_id, provisional_no, procedure_code, procedure_name, agency_code, agency_name,
             personal, state, received_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
        )
        .run(
          localId,
          provisionalNo,
          app.procedure.code,
          app.procedure.name,
          app.procedure.agency.code,
          app.procedure.agency.name,
          this.box.sealJson(personal, localId),
          app.receivedBy ?? null,
          at.toISOString(),
        );
      const insertAttachment = this.db.prepare(
        'INSERT INTO attachments (application_id, position, component_id, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)',
      );
      app.attachments.forEach((a, i) => insertAttachment.run(localId, i, a.componentId, a.mime, a.size, a.sha256));
      this.db
        .prepare('INSERT INTO outbox (application_id, idempotency_key, next_attempt_at) VALUES (?, ?, ?)')
        .run(localId, idempotencyKey, at.getTime());
      // The application now lives in its own row; its draft goes in the same commit, so a crash leaves one or the other.
      if (app.draftId) this.db.prepare('DELETE FROM drafts WHERE id = ?').run(app.draftId);
    })();
    return { localId, provisionalNo, idempotencyKey, existing: false };
  }

  private fromDraft(draftId: string): { localId: string; provisionalNo: string; idempotencyKey: string } | null {
    const key = draftIdempotencyKey(this.kioskId, draftId);
    const row = this.db
      .prepare('SELECT a.local_id, a.provisional_no FROM outbox o JOIN applications a ON a.local_id = o.application_id WHERE o.idempotency_key = ?')
      .get(key) as { local_id: string; provisional_no: string } | undefined;
    return row ? { localId: row.local_id, provisionalNo: row.provisional_no, idempotencyKey: key } : null;
  }

  /** "Số biên nhận tạm": TAM-<kiosk>-<yyMMdd>-<NNNN>, counted per kiosk per day. */
  private nextProvisionalNo(at: Date): string {
    const p = toVnParts(at);
    const day = `${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
    const key = `provisional.${day}`;
    const next = Number(this.settings.get(key) ?? 0) + 1;
    this.settings.set(key, String(next));
    return `TAM-${this.kioskId}-${day}-${String(next).padStart(4, '0')}`;
  }

  get(localId: string): StoredApplication | null {
    const row = this.db.prepare('SELECT * FROM applications WHERE local_id = ?').get(localId) as ApplicationRow | undefined;
    return row ? this.toStored(row) : null;
  }

  byOfficialCode(code: string): StoredApplication | null {
    const row = this.db.prepare('SELECT * FROM applications WHERE official_code = ?').get(code) as ApplicationRow | undefined;
    return row ? this.toStored(row) : null;
  }

  byProvisionalNo(no: string): StoredApplication | null {
    const row = this.db.prepare('SELECT * FROM applications WHERE provisional_no = ?').get(no) as ApplicationRow | undefined;
    return row ? this.toStored(row) : null;
  }

  list(opts: { states?: ApplicationState[]; limit?: number } = {}): StoredApplication[] {
    const states = opts.states ?? ['queued', 'accepted', 'needs_fix'];
    const rows = this.db
      .prepare(`SELECT * FROM applications WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY created_at DESC LIMIT ?`)
      .all(...states, opts.limit ?? 200) as ApplicationRow[];
    return rows.map((r) => this.toStored(r));
  }

  /** The decrypted personal part, or null once purged. */
  personal(localId: string): PersonalPart | null {
    const row = this.db.prepare('SELECT personal FROM applications WHERE local_id = ?').get(localId) as { personal: Buffer | null } | undefined;
    return row?.personal ? (this.box.openJson(row.personal, localId) as PersonalPart) : null;
  }

  markAccepted(localId: string, outboxId: number, a: PortalAcceptance): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE applications SET state = 'accepted', official_code = ?, received_at = ?, appointment_at = ?,
             status_code = ?, status_name = ?, status_checked_at = ?, accepted_at = ?, portal_message = NULL
           WHERE local_id = ?`,
        )
        .run(a.code, a.receivedAt, a.appointmentAt, a.status.code, a.status.name, at, at, localId);
      this.db.prepare('UPDATE outbox SET done_at = ? WHERE id = ?').run(at, outboxId);
    })();
  }

  markNeedsFix(localId: string, outboxId: number, message: string): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db.prepare("UPDATE applications SET state = 'needs_fix', portal_message = ? WHERE local_id = ?").run(message, localId);
      this.db.prepare('UPDATE outbox SET done_at = ?, last_error = ? WHERE id = ?').run(at, message, outboxId);
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
    if (current.state !== 'needs_fix') throw new KioskError('INVALID_INPUT', 'Hồ sơ này không ở trạng thái cần sửa.');
    for (const a of fixed.attachments) {
      if (!this.blobs.has(a.sha256)) throw new KioskError('INVALID_INPUT', `Không tìm thấy tệp đính kèm "${a.fileName}" trên kiosk.`);
    }
    const idempotencyKey = newIdempotencyKey(this.kioskId);
    const personal: PersonalPart = { ...before, applicant: fixed.applicant, fields: fixed.fields, fileNames: fixed.attachments.map((a) => a.fileName) };
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE applications SET personal = ?, state = 'queued', portal_message = NULL WHERE local_id = ?")
        .run(this.box.sealJson(personal, localId), localId);
      this.db.prepare('DELETE FROM attachments WHERE application_id = ?').run(localId);
      const ins = this.db.prepare('INSERT INTO attachments (application_id, position, component_id, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)');
      fixed.attachments.forEach((a, i) => ins.run(localId, i, a.componentId, a.mime, a.size, a.sha256));
      this.db
        .prepare('INSERT INTO outbox (application_id, idempotency_key, next_attempt_at) VALUES (?, ?, ?)')
        .run(localId, idempotencyKey, this.now().getTime());
    })();
    return { idempotencyKey };
  }

  updateStatus(code: string, status: { code: number; name: string }, checkedAt: string): void {
    this.db
      .prepare('UPDATE applications SET status_code = ?, status_name = ?, status_checked_at = ? WHERE official_code = ?')
      .run(status.code, status.name, checkedAt, code);
  }

  /**
   * Privacy: once the portal holds an application and the retention period
   * has passed, the kiosk keeps only the code, procedure and dates.
   */
  purgeAcceptedBefore(cutoff: Date): number {
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const ids = (
        this.db
          .prepare("SELECT local_id FROM applications WHERE state = 'accepted' AND purged_at IS NULL AND accepted_at < ?")
          .all(cutoff.toISOString()) as { local_id: string }[]
      ).map((r) => r.local_id);
      const purge = this.db.prepare('UPDATE applications SET personal = NULL, purged_at = ? WHERE local_id = ?');
      const dropAttachments = this.db.prepare('DELETE FROM attachments WHERE application_id = ?');
      for (const id of ids) {
        purge.run(at, id);
        dropAttachments.run(id);
      }
      return ids.length;
    })();
  }

  attachmentsOf(localId: string): Omit<AttachmentRef, 'fileName'>[] {
    return (
      this.db
        .prepare('SELECT component_id, mime, size, sha256 FROM attachments WHERE application_id = ? ORDER BY position')
        .all(localId) as { component_id: string; mime: AttachmentRef['mime']; size: number; sha256: string }[]
    ).map((r) => ({ componentId: r.component_id, mime: r.mime, size: r.size, sha256: r.sha256 }));
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
      createdAt: r.created_at,
      acceptedAt: r.accepted_at,
      purgedAt: r.purged_at,
      attachments: this.attachmentsOf(r.local_id),
    };
  }
}
