import type { Procedure, ProcedureSummary } from '../../src-shared/catalogue.js';
import type { Applicant, Channel, Submitter } from '../../src-shared/portal-applications-api.js';

/*
 * The host's whole data API in one file, after Signal Desktop's
 * ts/sql/Interface.ts: what the rest of the host may ask of its SQLite
 * store and attachment files, and the records it gets back. The SQLite
 * implementations sit beside this file (one module per table owner) and
 * openKioskStore (kiosk-store.ts) builds them; nothing outside
 * src-main/store/ sees SQL or a database handle (eslint keeps it so).
 *
 * Owners: catalogue → procedures, procedures_fts, sync_state;
 * applications → applications, attachments; outbox → outbox;
 * drafts → drafts; supplements → supplements, supplement_attachments;
 * audit → audit; settings → settings; queue → queue_blocks, queue_tickets,
 * queue_centres. A write that spans owners (an
 * application with its outbox entry) is one transaction through the
 * owners' own methods.
 */

// ─── Catalogue ──────────────────────────────────────────────────────────────

export interface CataloguePage {
  items: ProcedureSummary[];
  total: number;
}

/** What the catalogue screen's dropdowns select; search and list both honour it. */
export interface CatalogueFilter {
  field?: string | undefined;
  agencyCode?: string | undefined;
}

export interface CatalogueSyncMark {
  version: number;
  syncedAt: string | null;
}

/** The cached catalogue of procedures and its search index. */
export interface Catalogue {
  /** Applies one sync batch atomically: upserts, removals and the new mark. */
  applySync(batch: { upserts: Procedure[]; removed: string[]; version: number; syncedAt: string }): void;
  markSynced(syncedAt: string): void;
  mark(): CatalogueSyncMark;
  count(): number;
  get(code: string): Procedure | null;
  /** A page of the catalogue in Vietnamese order, filtered by field and agency. */
  list(opts: { page: number; pageSize: number } & CatalogueFilter): CataloguePage;
  /** The dropdowns' choices, in Vietnamese order. */
  facets(): { fields: string[]; agencies: { code: string; name: string }[] };
  /** Ranked search on folded text, inside the filter. */
  search(query: string, page: number, pageSize: number, filter?: CatalogueFilter): CataloguePage;
}

// ─── Applications ───────────────────────────────────────────────────────────

export interface AttachmentRef {
  componentId: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface NewApplication {
  procedure: { code: string; name: string; agency: { code: string; name: string } };
  applicant: Applicant;
  fields: Record<string, string | number>;
  channel: Channel;
  attachments: AttachmentRef[];
  /** Staff id when a counter officer receives on the citizen's behalf. */
  receivedBy?: string | null;
  /** The queue ticket ("Số thứ tự", B-015) the counter was serving when it received this. */
  queueTicket?: string | null;
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
  /** "Số thứ tự" of the walk-in at the counter, e.g. B-015. */
  queueTicket: string | null;
  createdAt: string;
  acceptedAt: string | null;
  purgedAt: string | null;
  attachments: Omit<AttachmentRef, 'fileName'>[];
}

export interface PortalAcceptance {
  code: string;
  receivedAt: string;
  appointmentAt: string;
  status: { code: number; name: string };
}

/** Applications made at this kiosk, each with the outbox entry that sends it. */
export interface Applications {
  /**
   * Commits the application, its attachment references and its outbox entry
   * (and deletes its draft) in one transaction. With a draft id the call is
   * idempotent: the application already made from that draft is returned.
   */
  submit(app: NewApplication): { localId: string; provisionalNo: string; idempotencyKey: string; existing: boolean };
  get(localId: string): StoredApplication | null;
  byOfficialCode(code: string): StoredApplication | null;
  byProvisionalNo(no: string): StoredApplication | null;
  list(opts?: { states?: ApplicationState[]; limit?: number }): StoredApplication[];
  /** The decrypted personal part, or null once purged. */
  personal(localId: string): PersonalPart | null;
  attachmentsOf(localId: string): Omit<AttachmentRef, 'fileName'>[];
  /** The portal holds it: the application takes its official code and its outbox entry is done. */
  markAccepted(localId: string, outboxId: number, a: PortalAcceptance): void;
  /** The portal refused it for good: "cần sửa" with the portal's words, the entry done. */
  markNeedsFix(localId: string, outboxId: number, message: string): void;
  /** The kiosk cannot read it back: its entry is set aside and staff read `message` on the application. */
  park(localId: string, outboxId: number, attempts: number, errorClass: string, message: string): void;
  /** Staff fixed what the portal refused: new personal data and a new outbox entry with a new key. */
  resubmit(localId: string, fixed: Pick<NewApplication, 'applicant' | 'fields' | 'attachments'>): { idempotencyKey: string };
  updateStatus(code: string, status: { code: number; name: string }, checkedAt: string): void;
}

// ─── Outbox ─────────────────────────────────────────────────────────────────

export interface OutboxEntry {
  id: number;
  applicationId: string;
  idempotencyKey: string;
  attempts: number;
  nextAttemptAt: number;
}

/** An outbox entry that sends a "Bổ sung hồ sơ" (see Supplements). */
export interface SupplementOutboxEntry {
  id: number;
  supplementId: string;
  idempotencyKey: string;
  attempts: number;
}

/** What the sync engine reads and schedules; entries are written by the applications and supplements they send. */
export interface Outbox {
  /** Entries due now, oldest first. */
  due(nowMs: number, limit: number): OutboxEntry[];
  /** Supplement entries due now, oldest first. */
  dueSupplements(nowMs: number, limit: number): SupplementOutboxEntry[];
  /** When the next pending entry is due, or null when the outbox is empty. */
  nextDueAt(): number | null;
  /** Entries waiting to be sent, parked ones not included. */
  pendingCount(): number;
  /** Entries the kiosk could not read and set aside for staff. */
  parkedCount(): number;
  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void;
  /** Makes every pending entry due now; parked ones only when asked. */
  wakeAll(nowMs: number, opts?: { parked?: boolean }): void;
  /** Every entry not done yet, oldest first, parked ones included ("Quản trị kiosk", the heartbeat). */
  waiting(): WaitingEntry[];
  waitingEntry(id: number): WaitingEntry | null;
  /** "Gửi lại" of one entry: due now, parked or not. */
  wakeOne(id: number, nowMs: number): boolean;
}

/** An outbox entry still waiting (src-main/admin/sync-queue.ts names it from its application or supplement). */
export interface WaitingEntry {
  id: number;
  applicationId: string | null;
  supplementId: string | null;
  attempts: number;
  lastError: string | null;
  parked: boolean;
}

// ─── Drafts ─────────────────────────────────────────────────────────────────

export interface DraftRecord {
  id: string;
  procedureCode: string;
  /** The kiosk session (self-service visit or assisted walk-in) it belongs to. */
  sessionId: string;
  keep: boolean;
  data: unknown;
  blobRefs: string[];
  updatedAt: string;
}

/** Wizard drafts, encrypted, saved as the citizen types. */
export interface Drafts {
  save(d: { id?: string; procedureCode: string; sessionId: string; keep?: boolean; data: unknown; blobRefs: string[] }): DraftRecord;
  get(id: string): DraftRecord | null;
  latestForSession(sessionId: string): DraftRecord | null;
  delete(id: string): void;
  /** The visit a draft belongs to, null when there is no such draft. */
  sessionOf(id: string): string | null;
  /** Whether the visit has a draft that a wipe would delete. */
  hasSession(sessionId: string): boolean;
  /** Logout or idle wipe: the session's drafts go, unless the citizen chose to keep them. */
  deleteSession(sessionId: string): number;
}

// ─── Supplements ────────────────────────────────────────────────────────────

export interface SupplementFile {
  componentId: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface NewSupplement {
  code: string;
  requestId: number;
  note: string | null;
  files: SupplementFile[];
}

export interface StoredSupplement {
  localId: string;
  code: string;
  requestId: number;
  state: 'queued' | 'sent' | 'refused';
  portalMessage: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutgoingSupplement {
  code: string;
  note: string | null;
  files: { componentId: string; fileName: string; mime: string; bytes: Uint8Array }[];
}

/** "Bổ sung hồ sơ" made at this kiosk, each with the outbox entry that sends it. */
export interface Supplements {
  /** Commits the row, its files and its outbox entry in one transaction. */
  commit(s: NewSupplement): { localId: string; idempotencyKey: string };
  get(localId: string): StoredSupplement | null;
  /** The newest supplement this kiosk made for an application and request, if any. */
  latestFor(code: string, requestId: number): StoredSupplement | null;
  /** What the outbox sends. Throws when the row cannot be read back. */
  outgoing(localId: string): OutgoingSupplement | null;
  markSent(localId: string, outboxId: number, sentAt: string): void;
  markRefused(localId: string, outboxId: number, message: string): void;
}

// ─── Audit, settings, attachment files, retention ───────────────────────────

/** What happened on this kiosk: subjects are application numbers and staff ids, never personal data. */
export interface Audit {
  record(actor: string, action: string, subject?: string | null): void;
}

/** Small named values the host keeps across restarts. */
export interface Settings {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Attachment bytes, content-addressed by SHA-256, encrypted, written atomically. */
export interface Blobs {
  has(hash: string): boolean;
  /** Stores the bytes and returns their hash; storing the same bytes twice is a no-op. */
  put(bytes: Uint8Array): string;
  /** The plain bytes; throws when the file is damaged. */
  get(hash: string): Buffer;
}

/** Personal data never outlives its purpose: the host runs this on a timer. */
export interface Retention {
  run(): { purgedApplications: number; deletedBlobs: number };
}

// ─── Queue tickets ("Lấy số thứ tự") ────────────────────────────────────────

/** Numbers the portal set aside for this kiosk, for one area and day. */
export interface NumberBlockGrant {
  area: string;
  day: string;
  from: number;
  to: number;
}

/** What a ticket is about; no personal data exists in the queue. */
export interface TicketArea {
  centre: string;
  area: string;
  areaName: string;
  counters: number[];
  priority: boolean;
}

export interface StoredTicket extends TicketArea {
  localId: string;
  day: string;
  number: number;
  label: string;
  issuedAt: string;
  offline: boolean;
  ahead: number | null;
  estimatedWaitMinutes: number | null;
  portalId: string | null;
  statusUrl: string | null;
  reportedAt: string | null;
  reportError: string | null;
}

/** The portal's answer for a ticket: online when taken, or when an offline one is reported. */
export interface PortalTicketFacts {
  portalId: string;
  number: number;
  day: string;
  issuedAt: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
  statusUrl: string;
}

export interface QueueTickets {
  /** The centre's areas as the portal last listed them, for the screen while offline. */
  saveCentre(agencyCode: string, json: string, fetchedAt: string): void;
  savedCentre(agencyCode: string): { json: string; fetchedAt: string } | null;
  addBlock(centre: string, block: NumberBlockGrant): void;
  /** Numbers still unused per area in the day's blocks. */
  remaining(centre: string, day: string): Map<string, number>;
  /** Takes the next unused number of the area's blocks for the day and keeps the ticket; null when none is left. */
  issueOffline(t: TicketArea & { day: string; issuedAt: string }): StoredTicket | null;
  recordOnline(t: TicketArea & PortalTicketFacts): StoredTicket;
  get(localId: string): StoredTicket | null;
  /** Offline tickets the portal has not heard of yet, oldest first. */
  unreported(limit: number): StoredTicket[];
  markReported(localId: string, facts: Omit<PortalTicketFacts, 'number' | 'day' | 'issuedAt'>, at: string): void;
  /** The portal refused it for good (not in a block, another day): it is not sent again. */
  markUnreportable(localId: string, reason: string, at: string): void;
  /** Forgets blocks and settled tickets of days before `day`; a ticket still to report stays. */
  prune(day: string): void;
}

// ─── The whole store ────────────────────────────────────────────────────────

export interface KioskStore {
  readonly catalogue: Catalogue;
  readonly applications: Applications;
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  readonly supplements: Supplements;
  readonly audit: Audit;
  readonly settings: Settings;
  readonly blobs: Blobs;
  readonly retention: Retention;
  readonly queue: QueueTickets;
  close(): void;
}
