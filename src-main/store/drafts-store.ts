import crypto from 'node:crypto';
import type { CryptoBox } from './crypto-box.js';
import type { StoreDatabase } from './database.js';

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

/**
 * Wizard drafts, saved as the citizen types so a crash or power cut resumes
 * where they were. Contents are encrypted; only blob hashes are plain, for
 * orphan cleanup.
 */
export class DraftsStore {
  constructor(
    private readonly db: StoreDatabase,
    private readonly box: CryptoBox,
    private readonly now: () => Date,
  ) {}

  save(d: { id?: string; procedureCode: string; sessionId: string; keep?: boolean; data: unknown; blobRefs: string[] }): DraftRecord {
    const id = d.id ?? crypto.randomUUID();
    const updatedAt = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO drafts (id, procedure_code, session_id, keep, data, blob_refs, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET procedure_code = excluded.procedure_code, session_id = excluded.session_id,
           keep = excluded.keep, data = excluded.data, blob_refs = excluded.blob_refs, updated_at = excluded.updated_at`,
      )
      .run(id, d.procedureCode, d.sessionId, d.keep ? 1 : 0, this.box.sealJson(d.data, id), JSON.stringify(d.blobRefs), updatedAt);
    return { id, procedureCode: d.procedureCode, sessionId: d.sessionId, keep: d.keep ?? false, data: d.data, blobRefs: d.blobRefs, updatedAt };
  }

  get(id: string): DraftRecord | null {
    const r = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as
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
    const r = this.db.prepare('SELECT id FROM drafts WHERE session_id = ? ORDER BY updated_at DESC LIMIT 1').get(sessionId) as { id: string } | undefined;
    return r ? this.get(r.id) : null;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id);
  }

  /** The visit a draft belongs to, null when there is no such draft. */
  sessionOf(id: string): string | null {
    const r = this.db.prepare('SELECT session_id FROM drafts WHERE id = ?').get(id) as { session_id: string } | undefined;
    return r?.session_id ?? null;
  }

  /** Whether the visit has a draft that a wipe would delete. */
  hasSession(sessionId: string): boolean {
    return this.db.prepare('SELECT 1 FROM drafts WHERE session_id = ? AND keep = 0 LIMIT 1').get(sessionId) !== undefined;
  }

  /** Logout or idle wipe: the session's drafts go, unless the citizen chose to keep them. */
  deleteSession(sessionId: string): number {
    return this.db.prepare('DELETE FROM drafts WHERE session_id = ? AND keep = 0').run(sessionId).changes;
  }

  /** Every blob a draft still refers to. */
  referencedBlobs(): Set<string> {
    const out = new Set<string>();
    for (const r of this.db.prepare('SELECT blob_refs FROM drafts').all() as { blob_refs: string }[]) {
      for (const h of JSON.parse(r.blob_refs) as string[]) out.add(h);
    }
    return out;
  }
}
