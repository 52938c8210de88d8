import type { AbbreviationTable } from '../catalogue/abbreviations.js';

/**
 * The catalogue's search rules, apart from where the text is held: which
 * rows a folded query matches and in what order. They are the rules the
 * kiosk had on SQLite FTS5 (words as prefixes, abbreviations, every word
 * then any word, exact name, earliest phrase, bm25, shorter name), written
 * out so an in-memory index can answer a keystroke well under a
 * millisecond: FTS5's bm25 re-counts every prefix over the whole table on
 * each query (npm run bench, row 1).
 */

/** A row as FTS5 tokenized it: folded name and body split on spaces. */
export interface RankRow {
  code: string;
  /** Folded name, as stored in procedures_fts.name. */
  name: string;
  nameTokens: readonly string[];
  bodyTokens: readonly string[];
  field: string;
  agencyCode: string;
}

/** A quoted FTS5 phrase: consecutive tokens, the last one a prefix when `prefix`. */
export interface Phrase {
  tokens: readonly string[];
  prefix: boolean;
}

/** One query word: its prefix phrase OR, for an abbreviation, its spelled-out phrases. */
export type Term = readonly Phrase[];

export function queryTerms(folded: string, abbreviations: AbbreviationTable): Term[] {
  return folded
    .split(' ')
    .filter((t) => t.length > 0)
    .map((t) => [{ tokens: [t], prefix: true }, ...(abbreviations.get(t) ?? []).map((s) => ({ tokens: s.split(' '), prefix: false }))]);
}

/** Instances of a phrase in one column's tokens. */
export function phraseCount(tokens: readonly string[], p: Phrase): number {
  const n = p.tokens.length;
  let count = 0;
  for (let i = 0; i + n <= tokens.length; i++) {
    let j = 0;
    for (; j < n; j++) {
      const want = p.tokens[j] as string;
      const got = tokens[i + j] as string;
      if (!(p.prefix && j === n - 1 ? got.startsWith(want) : got === want)) break;
    }
    if (j === n) count++;
  }
  return count;
}

/** Column weights of bm25(procedures_fts, 0.0, 8.0, 1.0): a hit in the name counts most. */
export const NAME_WEIGHT = 8;
export const BODY_WEIGHT = 1;

// SQLite FTS5's bm25 (fts5_aux.c): k1 = 1.2, b = 0.75, IDF floored at 1e-6, one length over all columns.
const K1 = 1.2;
const B = 0.75;

export function idf(rows: number, hits: number): number {
  const v = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return v <= 0 ? 1e-6 : v;
}

/** Lower is better, as FTS5 returns it. */
export function bm25(freqs: ArrayLike<number>, idfs: ArrayLike<number>, length: number, avgLength: number): number {
  let score = 0;
  for (let i = 0; i < idfs.length; i++) {
    const f = freqs[i] as number;
    score += (idfs[i] as number) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / avgLength)));
  }
  return -score;
}

/** Where the whole query starts as a phrase in the name: 1-based like SQL instr(' ' || name, ' ' || folded), 0 when absent. */
export function phrasePosition(name: string, folded: string): number {
  if (name.startsWith(folded)) return 1;
  const i = name.indexOf(` ${folded}`);
  return i < 0 ? 0 : i + 2;
}

export interface RankKey {
  row: number;
  exact: boolean;
  pos: number;
  score: number;
  len: number;
}

/** Exact name first, then the earliest phrase, then bm25, then the shorter name; ties in insertion order. */
export function compareRank(a: RankKey, b: RankKey): number {
  return Number(b.exact) - Number(a.exact) || Number(a.pos === 0) - Number(b.pos === 0) || a.pos - b.pos || a.score - b.score || a.len - b.len || a.row - b.row;
}

/**
 * The best `k` keys in order, without sorting every match (a one-letter
 * prefix matches most of the catalogue): a key is copied only when it
 * enters, so the caller may offer the same scratch object each time.
 */
class Best {
  readonly items: RankKey[] = [];
  constructor(private readonly k: number) {}

  /** True when a key with this exactness and phrase position cannot enter whatever its bm25, so the score need not be computed. */
  excludes(exact: boolean, pos: number): boolean {
    if (this.items.length < this.k) return false;
    const last = this.items[this.k - 1] as RankKey;
    return (Number(last.exact) - Number(exact) || Number(pos === 0) - Number(last.pos === 0) || pos - last.pos) > 0;
  }

  offer(key: RankKey): void {
    const items = this.items;
    if (items.length === this.k && compareRank(key, items[this.k - 1] as RankKey) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareRank(items[mid] as RankKey, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, { ...key });
    if (items.length > this.k) items.pop();
  }
}

export interface RankFilter {
  field?: string | undefined;
  agencyCode?: string | undefined;
}

/** For one phrase: the rows it occurs in (any column, ascending), and its weighted frequency in each row (0 = absent). */
export interface PhraseHits {
  rows: readonly number[];
  freq: Uint32Array;
}

/** Where rankedSearch reads rows and phrase hits from. */
export interface RankSource {
  rows: readonly RankRow[];
  /** Tokens per row, name and body together (FTS5's column size -1). */
  lengths: ArrayLike<number>;
  avgLength: number;
  hits(p: Phrase): PhraseHits;
}

/**
 * The search loop over any source of phrase hits (an index or a scan):
 * every word must match; when nothing does, any word may; when every word
 * is found only outside the filter, nothing, so the screen can say so.
 */
export function rankedSearch(
  source: RankSource,
  folded: string,
  abbreviations: AbbreviationTable,
  filter: RankFilter,
  page: number,
  pageSize: number,
): { total: number; codes: string[] } {
  const terms = queryTerms(folded, abbreviations);
  if (terms.length === 0) return { total: 0, codes: [] };
  const n = source.rows.length;
  const hits = terms.flat().map((p) => source.hits(p));
  const idfs = hits.map((h) => idf(n, h.rows.length));
  // A word matches a row when one of its phrases does (an abbreviation has several).
  const byTerm: PhraseHits[][] = [];
  let next = 0;
  for (const t of terms) byTerm.push(hits.slice(next, (next += t.length)));
  const termMatches = (own: PhraseHits[], r: number): boolean => {
    for (const h of own) if (h.freq[r] as number) return true;
    return false;
  };
  const matches = (r: number, mode: 'all' | 'any'): boolean => {
    for (const own of byTerm) if (termMatches(own, r) !== (mode === 'all')) return mode === 'any';
    return mode === 'all';
  };
  // Every word: only the rows of the rarest word can match. Any word: all rows.
  const rowsOf = (own: PhraseHits[]) => (own.length === 1 ? (own[0] as PhraseHits).rows : [...new Set(own.flatMap((h) => h.rows))].sort((a, b) => a - b));
  const rarest = byTerm.map(rowsOf).reduce((a, b) => (b.length < a.length ? b : a));
  const inFilter = (row: RankRow) => (!filter.field || row.field === filter.field) && (!filter.agencyCode || row.agencyCode === filter.agencyCode);
  const filtered = Boolean(filter.field || filter.agencyCode);
  const freqs = new Float64Array(hits.length);
  const key: RankKey = { row: 0, exact: false, pos: 0, score: 0, len: 0 };
  for (const mode of ['all', 'any'] as const) {
    let total = 0;
    let outside = 0;
    const best = new Best(page * pageSize);
    for (const r of mode === 'all' ? rarest : Array.from({ length: n }, (_, i) => i)) {
      if (!matches(r, mode)) continue;
      const row = source.rows[r] as RankRow;
      if (filtered && !inFilter(row)) {
        outside++;
        continue;
      }
      total++;
      key.row = r;
      key.exact = row.name === folded;
      key.pos = phrasePosition(row.name, folded);
      if (best.excludes(key.exact, key.pos)) continue;
      for (let i = 0; i < hits.length; i++) freqs[i] = (hits[i] as PhraseHits).freq[r] as number;
      key.score = bm25(freqs, idfs, source.lengths[r] as number, source.avgLength);
      key.len = row.name.length;
      best.offer(key);
    }
    if (total === 0) {
      if (mode === 'all' && outside > 0) break;
      continue;
    }
    return { total, codes: best.items.slice((page - 1) * pageSize).map((k) => (source.rows[k.row] as RankRow).code) };
  }
  return { total: 0, codes: [] };
}
