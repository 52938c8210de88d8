import type { Statement } from 'better-sqlite3';
import { ProcedureSchema, summarise, type Procedure, type ProcedureSummary } from '../../src-shared/catalogue.js';
import { compareVi } from '../../src-shared/collation.js';
import { foldVietnamese } from '../../src-shared/folding.js';
import { NO_ABBREVIATIONS, type AbbreviationTable } from '../catalogue/abbreviations.js';
import type { StoreDatabase } from './database.js';
import { CatalogueIndex } from './catalogue-index.js';
import { rankedSearch } from './catalogue-ranking.js';
import type { Catalogue, CataloguePage, CatalogueFilter, CatalogueSyncMark } from './store.js';

/** Every procedure in Vietnamese order (field, then name) with the dropdowns' choices: SQLite cannot collate as Vietnamese. */
interface CatalogueView {
  ordered: { code: string; field: string; agencyCode: string }[];
  fields: string[];
  agencies: { code: string; name: string }[];
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
    known: Statement;
    indexRows: Statement;
  };
  private cached: CatalogueView | null = null;
  private index: CatalogueIndex | null = null;

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
      // code is UNINDEXED in procedures_fts, so deleting from it by code scans the index: only
      // done for a procedure the cache already holds (a first sync of 5,000 took a minute otherwise).
      known: db.prepare('SELECT 1 FROM procedures WHERE code = ?'),
      // The folded rows in procedures_fts order (ties rank in it), for the in-memory index.
      indexRows: db.prepare('SELECT f.code, f.name, f.body, p.field, p.agency_code AS agencyCode FROM procedures_fts f JOIN procedures p ON p.code = f.code ORDER BY f.rowid'),
    };
  }

  /** Applies one sync batch atomically: upserts, removals and the new mark. */
  applySync(batch: { upserts: Procedure[]; removed: string[]; version: number; syncedAt: string }): void {
    const { upsert, known, delFts, addFts, del } = this.sql;
    this.db.transaction(() => {
      for (const p of batch.upserts) {
        const update = known.get(p.code) !== undefined;
        upsert.run({
          code: p.code,
          name: p.name,
          field: p.field,
          agencyCode: p.agency.code,
          agencyName: p.agency.name,
          record: JSON.stringify(p),
          summary: JSON.stringify(summarise(p)),
        });
        if (update) delFts.run(p.code);
        addFts.run(p.code, foldVietnamese(p.name), searchableBody(p));
      }
      for (const code of batch.removed) {
        if (del.run(code).changes > 0) delFts.run(code);
      }
      this.setMark({ version: batch.version, syncedAt: batch.syncedAt });
    })();
    this.cached = null;
    this.index = null;
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
    return { total: matching.length, items: this.summaries(codes) };
  }

  /** The summaries of a page's codes, in the page's order. */
  private summaries(codes: string[]): ProcedureSummary[] {
    if (codes.length === 0) return [];
    const rows = this.sql.summaries.all(JSON.stringify(codes)) as { code: string; summary: string }[];
    const byCode = new Map(rows.map((r) => [r.code, summaryOf(r)]));
    return codes.flatMap((c) => byCode.get(c) ?? []);
  }

  /** The dropdowns' choices, in Vietnamese order. */
  facets(): { fields: string[]; agencies: { code: string; name: string }[] } {
    const { fields, agencies } = this.view();
    return { fields: [...fields], agencies: agencies.map((a) => ({ ...a })) };
  }

  /** The folded rows in memory, in procedures_fts order (ties rank in it), built once per sync. */
  private searchIndex(): CatalogueIndex {
    if (!this.index) {
      const rows = this.sql.indexRows.all() as { code: string; name: string; body: string; field: string; agencyCode: string }[];
      const tokens = (text: string) => text.split(' ').filter((t) => t.length > 0);
      this.index = new CatalogueIndex(rows.map((r) => ({ code: r.code, name: r.name, nameTokens: tokens(r.name), bodyTokens: tokens(r.body), field: r.field, agencyCode: r.agencyCode })));
    }
    return this.index;
  }

  /**
   * Ranked search on folded text, inside the filter. Every word must match
   * (as a prefix); when that finds nothing, any word may, so a typo in one
   * word still shows something useful, ranked below exact hits. The name
   * that is the query comes first, then names holding it as a phrase — the
   * earlier the better ("Đăng ký thường trú" before "Xóa đăng ký thường
   * trú") — then bm25, then the shorter name (catalogue-ranking.ts). In
   * memory rather than FTS5: at 5,000 procedures FTS5 ranked a keystroke
   * in several milliseconds (npm run bench, row 1).
   */
  search(query: string, page: number, pageSize: number, filter: CatalogueFilter = {}): CataloguePage {
    const { total, codes } = rankedSearch(this.searchIndex(), foldVietnamese(query), this.abbreviations, filter, page, pageSize);
    return { total, items: this.summaries(codes) };
  }
}
