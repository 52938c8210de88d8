import crypto from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { CryptoBox } from './crypto-box.js';
import type { StoreDatabase } from './database.js';
import type { DraftRecord, Drafts } from './store.js';

/**
 * Wizard drafts, saved as the citizen types so a crash or power cut resumes
 * where they were. Contents are encrypted; only blob hashes are plain, for
 * orphan cleanup.
 */
export class DraftsStore implements Drafts {
  private readonly sql: {
    save: Statement;
    get: Statement;
    latestForSession: Statement;
    delete: Statement;
    sessionOf: Statement;
    hasSession: Statement;
    deleteSession: Statement;
    blobRefs: Statement;
  };

  constructor(
    db: StoreDatabase,
    private readonly box: CryptoBox,
    private readonly now: () => Date,
  ) {
    this.sql = {
      save: db.prepare(
        `INSERT INTO drafts (id, procedure_code, session_id, keep, data, blob_refs, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET procedure_code = excluded.procedure_code, session_id = excluded.session_id,
           keep = excluded.keep, data = excluded.data, blob_refs = excluded.blob_refs, updated_at = excluded.updated_at`,
      ),
      get: db.prepare('SELECT * FROM drafts WHERE id = ?'),
      latestForSession: db.prepare('SELECT id FROM drafts WHERE session_id = ? ORDER BY updated_at DESC LIMIT 1'),
      delete: db.prepare('DELETE FROM drafts WHERE id = ?'),
      sessionOf: db.prepare('SELECT session_id FROM drafts WHERE id = ?'),
      hasSession: db.prepare('SELECT 1 FROM drafts WHERE session_id = ? AND keep = 0 LIMIT 1'),
      deleteSession: db.prepare('DELETE FROM drafts WHERE session_id = ? AND keep = 0'),
      blobRefs: db.prepare('SELECT blob_refs FROM drafts'),
    };
  }

  save(d: { id?: string; procedureCode: string; sessionId: string; keep?: boolean; data: unknown; blobRefs: string[] }): DraftRecord {
    const id = d.id ?? crypto.randomUUID();
    const updatedAt = this.now().toISOString();
    this.sql.save.run(id, d.procedureCode, d.sessionId, d.keep ? 1 : 0, this.box.sealJson(d.data, id), JSON.stringify(d.blobRefs), updatedAt);
    return { id, procedureCode: d.procedureCode, sessionId: d.sessionId, keep: d.keep ?? false, data: d.data, blobRefs: d.blobRefs, updatedAt };
  }

  get(id: string): DraftRecord | null {
    const r = this.sql.get.get(id) as
      | { id: string; procedure_code: string; session_id: string; keep: number; data: Buffer; blob_refs: string; updated_at: string }
      | undefined;
    if (!r) return null;
    return {
      id: r.id,
      procedureCode: r.procedure_code,
      sessionId: r.session_id,
      keep: r.keep === 1,
      data: this.box.openJson(r.data, r.id),
      blobRefs: JSON.parse(r.blob_refs) as string[],
      updatedAt: r.updated_at,
    };
  }

  latestForSession(sessionId: string): DraftRecord | null {
    const r = this.sql.latestForSession.get(sessionId) as { id: string } | undefined;
    return r ? this.get(r.id) : null;
  }

  delete(id: string): void {
    this.sql.delete.run(id);
  }

  /** The visit a draft belongs to, null when there is no such draft. */
  sessionOf(id: string): string | null {
    const r = this.sql.sessionOf.get(id) as { session_id: string } | undefined;
    return r?.session_id ?? null;
  }

  /** Whether the visit has a draft that a wipe would delete. */
  hasSession(sessionId: string): boolean {
    return this.sql.hasSession.get(sessionId) !== undefined;
  }

  /** Logout or idle wipe: the session's drafts go, unless the citizen chose to keep them. */
  deleteSession(sessionId: string): number {
    return this.sql.deleteSession.run(sessionId).changes;
  }

  /** Every blob a draft still refers to (retention spares them). */
  referencedBlobs(): Set<string> {
    const out = new Set<string>();
    for (const r of this.sql.blobRefs.all() as { blob_refs: string }[]) {
      for (const h of JSON.parse(r.blob_refs) as string[]) out.add(h);
    }
    return out;
  }
}
