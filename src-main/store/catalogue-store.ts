import type { Statement } from 'better-sqlite3';
import { ProcedureSchema, summarise, type Procedure, type ProcedureSummary } from '../../src-shared/catalogue.js';
import { foldVietnamese } from '../../src-shared/folding.js';
import type { StoreDatabase } from './database.js';

export interface CataloguePage {
  items: ProcedureSummary[];
  total: number;
}

export interface CatalogueSyncMark {
  version: number;
  syncedAt: string | null;
}

/** Weights for bm25 over (code, name, body): a hit in the name counts most. */
const BM25 = 'bm25(procedures_fts, 0.0, 8.0, 1.0)';

function ftsQuery(folded: string, mode: 'all' | 'any'): string | null {
  const tokens = folded.split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  // Each token is quoted (no FTS syntax gets through) and prefix-matched, so
  // "khai sin" already finds "khai sinh" while the citizen is typing.
  return tokens.map((t) => `"${t.replace(/"/g, '')}"*`).join(mode === 'all' ? ' AND ' : ' OR ');
}

function searchableBody(p: Procedure): string {
  return foldVietnamese(
    [p.code, p.field, p.agency.name, p.applicants, p.result, ...p.documents.map((d) => d.name)].join(' '),
  );
}

/** Rows written by applySync from validated records: read back without re-validating. */
function summaryOf(row: { summary: string }): ProcedureSummary {
  return JSON.parse(row.summary) as ProcedureSummary;
}

export class CatalogueStore {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: StoreDatabase) {}

  /** Prepared once per SQL text: search runs on every keystroke. */
  private sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /** Applies one sync batch atomically: upserts, removals and the new mark. */
  applySync(batch: { upserts: Procedure[]; removed: string[]; version: number; syncedAt: string }): void {
    const upsert = this.db.prepare(
      `INSERT INTO procedures (code, name, field, agency_code, agency_name, record, summary)
       VALUES (@code, @name, @field, @agencyCode, @agencyName, @record, @summary)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, field = excluded.field,
         agency_code = excluded.agency_code, agency_name = excluded.agency_name, record = excluded.record,
         summary = excluded.summary`,
    );
    const delFts = this.db.prepare('DELETE FROM procedures_fts WHERE code = ?');
    const addFts = this.db.prepare('INSERT INTO procedures_fts (code, name, body) VALUES (?, ?, ?)');
    const del = this.db.prepare('DELETE FROM procedures WHERE code = ?');
    this.db.transaction(() => {
      for (const p of batch.upserts) {
        upsert.run({
          code: p.code,
          name: p.name,
          field: p.field,
          agencyCode: p.agency.code,
          agencyName: p.agency.name,
          record: JSON.stringify(p),
          summary: JSON.stringify(summarise(p)),
        });
        delFts.run(p.code);
        addFts.run(p.code, foldVietnamese(p.name), searchableBody(p));
      }
      for (const code of batch.removed) {
        del.run(code);
        delFts.run(code);
      }
      this.setMark({ version: batch.version, syncedAt: batch.syncedAt });
    })();
  }

  markSynced(syncedAt: string): void {
    this.setMark({ ...this.mark(), syncedAt });
  }

  mark(): CatalogueSyncMark {
    const rows = this.db.prepare("SELECT key, value FROM sync_state WHERE key IN ('catalogue.version', 'catalogue.syncedAt')").all() as {
      key: string;
      value: string;
    }[];
    const get = (k: string) => rows.find((r) => r.key === k)?.value;
    return { version: Number(get('catalogue.version') ?? 0), syncedAt: get('catalogue.syncedAt') ?? null };
  }

  private setMark(mark: CatalogueSyncMark): void {
    const put = this.db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    put.run('catalogue.version', String(mark.version));
    if (mark.syncedAt) put.run('catalogue.syncedAt', mark.syncedAt);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM procedures').get() as { n: number }).n;
  }

  get(code: string): Procedure | null {
    const row = this.db.prepare('SELECT record FROM procedures WHERE code = ?').get(code) as { record: string } | undefined;
    return row ? ProcedureSchema.parse(JSON.parse(row.record)) : null;
  }

  list(opts: { page: number; pageSize: number; field?: string | undefined; agencyCode?: string | undefined }): CataloguePage {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize };
    if (opts.field) {
      where.push('field = @field');
      params.field = opts.field;
    }
    if (opts.agencyCode) {
      where.push('agency_code = @agencyCode');
      params.agencyCode = opts.agencyCode;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.sql(`SELECT count(*) AS n FROM procedures ${clause}`).get(params) as { n: number }).n;
    const rows = this.sql(`SELECT summary FROM procedures ${clause} ORDER BY field, name COLLATE NOCASE LIMIT @limit OFFSET @offset`).all(
      params,
    ) as { summary: string }[];
    return { total, items: rows.map(summaryOf) };
  }

  facets(): { fields: string[]; agencies: { code: string; name: string }[] } {
    const fields = (this.db.prepare('SELECT DISTINCT field FROM procedures ORDER BY field').all() as { field: string }[]).map((r) => r.field);
    const agencies = this.db
      .prepare('SELECT DISTINCT agency_code AS code, agency_name AS name FROM procedures ORDER BY agency_name')
      .all() as { code: string; name: string }[];
    return { fields, agencies };
  }

  /**
   * Ranked search on folded text. Every word must match (as a prefix); when
   * that finds nothing, any word may, so a typo in one word still shows
   * something useful, ranked below exact hits.
   */
  search(query: string, page: number, pageSize: number): CataloguePage {
    const folded = foldVietnamese(query);
    for (const mode of ['all', 'any'] as const) {
      const match = ftsQuery(folded, mode);
      if (!match) break;
      const total = (this.sql('SELECT count(*) AS n FROM procedures_fts WHERE procedures_fts MATCH ?').get(match) as { n: number }).n;
      if (total === 0) continue;
      // The name that is the query, then names holding it as a phrase, then bm25.
      // Ranked inside the index first; only the page's rows are joined to their summaries.
      const rows = this.sql(
        `SELECT p.summary FROM (
           SELECT code, name = ? AS exact, instr(name, ?) > 0 AS phrase, ${BM25} AS score, length(name) AS len
           FROM procedures_fts WHERE procedures_fts MATCH ?
           ORDER BY exact DESC, phrase DESC, score, len LIMIT ? OFFSET ?
         ) f JOIN procedures p ON p.code = f.code
         ORDER BY f.exact DESC, f.phrase DESC, f.score, f.len`,
      ).all(folded, folded, match, pageSize, (page - 1) * pageSize) as { summary: string }[];
      return { total, items: rows.map(summaryOf) };
    }
    return { total: 0, items: [] };
  }
}
