import type { Statement } from 'better-sqlite3';
import { ProcedureSchema, summarise, type Procedure, type ProcedureSummary } from '../../src-shared/catalogue.js';
import { compareVi } from '../../src-shared/collation.js';
import { foldVietnamese } from '../../src-shared/folding.js';
import { NO_ABBREVIATIONS, type AbbreviationTable } from '../catalogue/abbreviations.js';
import type { StoreDatabase } from './database.js';

export interface CataloguePage {
  items: ProcedureSummary[];
  total: number;
}

/** What the catalogue screen's dropdowns select; search and list both honour it. */
export interface CatalogueFilter {
  field?: string | undefined;
  agencyCode?: string | undefined;
}

/** Every procedure in Vietnamese order (field, then name) with the dropdowns' choices: SQLite cannot collate as Vietnamese. */
interface CatalogueView {
  ordered: { code: string; field: string; agencyCode: string }[];
  fields: string[];
  agencies: { code: string; name: string }[];
}

export interface CatalogueSyncMark {
  version: number;
  syncedAt: string | null;
}

/** Weights for bm25 over (code, name, body): a hit in the name counts most. */
const BM25 = 'bm25(procedures_fts, 0.0, 8.0, 1.0)';

const quoted = (t: string): string => `"${t.replace(/"/g, '')}"`;

function ftsQuery(folded: string, mode: 'all' | 'any', abbreviations: AbbreviationTable): string | null {
  const tokens = folded.split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  // Each token is quoted (no FTS syntax gets through) and prefix-matched, so
  // "khai sin" already finds "khai sinh" while the citizen is typing. An
  // abbreviation also matches its spelled-out phrases ("cccd" OR "can cuoc cong dan").
  const terms = tokens.map((t) => {
    const spelled = abbreviations.get(t);
    return spelled ? `(${[`${quoted(t)}*`, ...spelled.map(quoted)].join(' OR ')})` : `${quoted(t)}*`;
  });
  return terms.join(mode === 'all' ? ' AND ' : ' OR ');
}

/** SQL and parameters selecting the filter's rows of `procedures` aliased p. */
function filterClause(filter: CatalogueFilter): { sql: string[]; params: Record<string, string> } {
  const sql: string[] = [];
  const params: Record<string, string> = {};
  if (filter.field) {
    sql.push('p.field = @field');
    params.field = filter.field;
  }
  if (filter.agencyCode) {
    sql.push('p.agency_code = @agencyCode');
    params.agencyCode = filter.agencyCode;
  }
  return { sql, params };
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
  private cached: CatalogueView | null = null;

  constructor(
    private readonly db: StoreDatabase,
    private readonly abbreviations: AbbreviationTable = NO_ABBREVIATIONS,
  ) {}

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
    this.cached = null;
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

  /** Rows in Vietnamese order and the dropdowns' choices, read once per sync rather than on every list call. */
  private view(): CatalogueView {
    if (!this.cached) {
      const rows = this.db.prepare('SELECT code, name, field, agency_code AS agencyCode, agency_name AS agencyName FROM procedures').all() as {
        code: string;
        name: string;
        field: string;
        agencyCode: string;
        agencyName: string;
      }[];
      rows.sort((a, b) => compareVi(a.field, b.field) || compareVi(a.name, b.name) || compareVi(a.code, b.code));
      const agencies = new Map(rows.map((r) => [r.agencyCode, r.agencyName]));
      this.cached = {
        ordered: rows.map(({ code, field, agencyCode }) => ({ code, field, agencyCode })),
        fields: [...new Set(rows.map((r) => r.field))].sort(compareVi),
        agencies: [...agencies].map(([code, name]) => ({ code, name })).sort((a, b) => compareVi(a.name, b.name) || compareVi(a.code, b.code)),
      };
    }
    return this.cached;
  }

  /** A page of the catalogue in Vietnamese order, filtered by field and agency. */
  list(opts: { page: number; pageSize: number } & CatalogueFilter): CataloguePage {
    const matching = this.view().ordered.filter((r) => (!opts.field || r.field === opts.field) && (!opts.agencyCode || r.agencyCode === opts.agencyCode));
    const codes = matching.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize).map((r) => r.code);
    if (codes.length === 0) return { total: matching.length, items: [] };
    const rows = this.db.prepare(`SELECT code, summary FROM procedures WHERE code IN (${codes.map(() => '?').join(',')})`).all(...codes) as {
      code: string;
      summary: string;
    }[];
    const byCode = new Map(rows.map((r) => [r.code, summaryOf(r)]));
    return { total: matching.length, items: codes.flatMap((c) => byCode.get(c) ?? []) };
  }

  /** The dropdowns' choices, in Vietnamese order. */
  facets(): { fields: string[]; agencies: { code: string; name: string }[] } {
    const { fields, agencies } = this.view();
    return { fields: [...fields], agencies: agencies.map((a) => ({ ...a })) };
  }

  /**
   * Ranked search on folded text, inside the filter. Every word must match
   * (as a prefix); when that finds nothing, any word may, so a typo in one
   * word still shows something useful, ranked below exact hits.
   */
  search(query: string, page: number, pageSize: number, filter: CatalogueFilter = {}): CataloguePage {
    const folded = foldVietnamese(query);
    const where = filterClause(filter);
    const filtered = where.sql.map((c) => ` AND ${c}`).join('');
    for (const mode of ['all', 'any'] as const) {
      const match = ftsQuery(folded, mode, this.abbreviations);
      if (!match) break;
      const params = { ...where.params, match, folded, limit: pageSize, offset: (page - 1) * pageSize };
      // The filter joins the rows' field and agency only when one is chosen.
      const join = where.sql.length ? ' JOIN procedures p ON p.code = procedures_fts.code' : '';
      const from = `FROM procedures_fts${join} WHERE procedures_fts MATCH @match${filtered}`;
      const total = (this.sql(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
      if (total === 0) {
        // Every word is there, only outside the filter: the screen says so and
        // offers to drop the filter, rather than guessing from any one word.
        if (mode === 'all' && join && this.sql('SELECT 1 FROM procedures_fts WHERE procedures_fts MATCH ? LIMIT 1').get(match)) break;
        continue;
      }
      // The name that is the query first, then names holding it as a phrase —
      // the earlier the phrase starts, the better ("Đăng ký thường trú" before
      // "Xóa đăng ký thường trú") — then bm25, then the shorter name.
      // Ranked inside the index; only the page's rows are joined to their summaries.
      const rows = this.sql(
        `SELECT s.summary FROM (
           SELECT procedures_fts.code AS code, procedures_fts.name = @folded AS exact,
             instr(' ' || procedures_fts.name, ' ' || @folded) AS pos, ${BM25} AS score, length(procedures_fts.name) AS len
           ${from}
           ORDER BY exact DESC, pos = 0, pos, score, len LIMIT @limit OFFSET @offset
         ) f JOIN procedures s ON s.code = f.code
         ORDER BY f.exact DESC, f.pos = 0, f.pos, f.score, f.len`,
      ).all(params) as { summary: string }[];
      return { total, items: rows.map(summaryOf) };
    }
    return { total: 0, items: [] };
  }
}
