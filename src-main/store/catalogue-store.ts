import type { Statement } from 'better-sqlite3';
import { ProcedureSchema, summarise, type Procedure, type ProcedureSummary } from '../../src-shared/catalogue.js';
import { compareVi } from '../../src-shared/collation.js';
import { foldVietnamese } from '../../src-shared/folding.js';
import { NO_ABBREVIATIONS, type AbbreviationTable } from '../catalogue/abbreviations.js';
import type { StoreDatabase } from './database.js';
import type { Catalogue, CataloguePage, CatalogueFilter, CatalogueSyncMark } from './store.js';

/** Every procedure in Vietnamese order (field, then name) with the dropdowns' choices: SQLite cannot collate as Vietnamese. */
interface CatalogueView {
  ordered: { code: string; field: string; agencyCode: string }[];
  fields: string[];
  agencies: { code: string; name: string }[];
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

/** The filter as named parameters: null matches every row (see FROM_FILTERED). */
function filterParams(filter: CatalogueFilter): { field: string | null; agencyCode: string | null } {
  return { field: filter.field || null, agencyCode: filter.agencyCode || null };
}

/*
 * Search runs on every keystroke, so its statements are prepared once. An
 * unfiltered search stays inside the index; a filtered one joins the rows'
 * field and agency, with a null parameter matching every row.
 */
const FROM_ALL = 'FROM procedures_fts WHERE procedures_fts MATCH @match';
const FROM_FILTERED =
  'FROM procedures_fts JOIN procedures p ON p.code = procedures_fts.code WHERE procedures_fts MATCH @match' +
  ' AND (@field IS NULL OR p.field = @field) AND (@agencyCode IS NULL OR p.agency_code = @agencyCode)';

// The name that is the query first, then names holding it as a phrase —
// the earlier the phrase starts, the better ("Đăng ký thường trú" before
// "Xóa đăng ký thường trú") — then bm25, then the shorter name.
// Ranked inside the index; only the page's rows are joined to their summaries.
const rankedPage = (from: string): string =>
  `SELECT s.summary FROM (
     SELECT procedures_fts.code AS code, procedures_fts.name = @folded AS exact,
       instr(' ' || procedures_fts.name, ' ' || @folded) AS pos, ${BM25} AS score, length(procedures_fts.name) AS len
     ${from}
     ORDER BY exact DESC, pos = 0, pos, score, len LIMIT @limit OFFSET @offset
   ) f JOIN procedures s ON s.code = f.code
   ORDER BY f.exact DESC, f.pos = 0, f.pos, f.score, f.len`;

interface SearchStatements {
  count: Statement;
  page: Statement;
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

export class CatalogueStore implements Catalogue {
  private readonly sql: {
    upsert: Statement;
    delFts: Statement;
    addFts: Statement;
    del: Statement;
    mark: Statement;
    putMark: Statement;
    count: Statement;
    get: Statement;
    view: Statement;
    summaries: Statement;
    anyMatch: Statement;
    unfiltered: SearchStatements;
    filtered: SearchStatements;
  };
  private cached: CatalogueView | null = null;

  constructor(
    private readonly db: StoreDatabase,
    private readonly abbreviations: AbbreviationTable = NO_ABBREVIATIONS,
  ) {
    this.sql = {
      upsert: db.prepare(
        `INSERT INTO procedures (code, name, field, agency_code, agency_name, record, summary)
         VALUES (@code, @name, @field, @agencyCode, @agencyName, @record, @summary)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, field = excluded.field,
           agency_code = excluded.agency_code, agency_name = excluded.agency_name, record = excluded.record,
           summary = excluded.summary`,
      ),
      delFts: db.prepare('DELETE FROM procedures_fts WHERE code = ?'),
      addFts: db.prepare('INSERT INTO procedures_fts (code, name, body) VALUES (?, ?, ?)'),
      del: db.prepare('DELETE FROM procedures WHERE code = ?'),
      mark: db.prepare("SELECT key, value FROM sync_state WHERE key IN ('catalogue.version', 'catalogue.syncedAt')"),
      putMark: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      count: db.prepare('SELECT count(*) AS n FROM procedures'),
      get: db.prepare('SELECT record FROM procedures WHERE code = ?'),
      view: db.prepare('SELECT code, name, field, agency_code AS agencyCode, agency_name AS agencyName FROM procedures'),
      // The page's codes travel as one JSON array, so one statement serves every page size.
      summaries: db.prepare('SELECT code, summary FROM procedures WHERE code IN (SELECT value FROM json_each(?))'),
      anyMatch: db.prepare('SELECT 1 FROM procedures_fts WHERE procedures_fts MATCH ? LIMIT 1'),
      unfiltered: { count: db.prepare(`SELECT count(*) AS n ${FROM_ALL}`), page: db.prepare(rankedPage(FROM_ALL)) },
      filtered: { count: db.prepare(`SELECT count(*) AS n ${FROM_FILTERED}`), page: db.prepare(rankedPage(FROM_FILTERED)) },
    };
  }

  /** Applies one sync batch atomically: upserts, removals and the new mark. */
  applySync(batch: { upserts: Procedure[]; removed: string[]; version: number; syncedAt: string }): void {
    const { upsert, delFts, addFts, del } = this.sql;
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
    const rows = this.sql.mark.all() as { key: string; value: string }[];
    const get = (k: string) => rows.find((r) => r.key === k)?.value;
    return { version: Number(get('catalogue.version') ?? 0), syncedAt: get('catalogue.syncedAt') ?? null };
  }

  private setMark(mark: CatalogueSyncMark): void {
    this.sql.putMark.run('catalogue.version', String(mark.version));
    if (mark.syncedAt) this.sql.putMark.run('catalogue.syncedAt', mark.syncedAt);
  }

  count(): number {
    return (this.sql.count.get() as { n: number }).n;
  }

  get(code: string): Procedure | null {
    const row = this.sql.get.get(code) as { record: string } | undefined;
    return row ? ProcedureSchema.parse(JSON.parse(row.record)) : null;
  }

  /** Rows in Vietnamese order and the dropdowns' choices, read once per sync rather than on every list call. */
  private view(): CatalogueView {
    if (!this.cached) {
      const rows = this.sql.view.all() as {
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
    const rows = this.sql.summaries.all(JSON.stringify(codes)) as { code: string; summary: string }[];
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
    const where = filterParams(filter);
    const filtered = where.field !== null || where.agencyCode !== null;
    const statements = filtered ? this.sql.filtered : this.sql.unfiltered;
    for (const mode of ['all', 'any'] as const) {
      const match = ftsQuery(folded, mode, this.abbreviations);
      if (!match) break;
      const params = { ...(filtered ? where : {}), match, folded, limit: pageSize, offset: (page - 1) * pageSize };
      const total = (statements.count.get(params) as { n: number }).n;
      if (total === 0) {
        // Every word is there, only outside the filter: the screen says so and
        // offers to drop the filter, rather than guessing from any one word.
        if (mode === 'all' && filtered && this.sql.anyMatch.get(match)) break;
        continue;
      }
      const rows = statements.page.all(params) as { summary: string }[];
      return { total, items: rows.map(summaryOf) };
    }
    return { total: 0, items: [] };
  }
}
