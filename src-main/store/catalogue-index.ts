import { BODY_WEIGHT, NAME_WEIGHT, phraseCount, type Phrase, type PhraseHits, type RankRow, type RankSource } from './catalogue-ranking.js';

/** Prefixes this short are kept once merged: they are the keystrokes that merge most of the vocabulary. At most a few hundred, one Uint32Array per row count each. */
const SHORT_PREFIX = 2;

interface Postings {
  rows: number[];
  /** Weighted frequency in each of those rows (name hits count NAME_WEIGHT). */
  freqs: number[];
}

/**
 * The catalogue's words in memory: each folded token with the rows it
 * occurs in, and the tokens sorted so a prefix is a binary search and a
 * short walk. Built once per catalogue sync from procedures_fts; a search
 * then touches only the rows that hold its words.
 */
export class CatalogueIndex implements RankSource {
  readonly lengths: Int32Array;
  readonly avgLength: number;
  private readonly postings = new Map<string, Postings>();
  private readonly vocabulary: string[];
  /** Read-only once made: callers never write into hits. */
  private readonly kept = new Map<string, PhraseHits>();

  constructor(readonly rows: readonly RankRow[]) {
    this.lengths = new Int32Array(rows.length);
    let total = 0;
    rows.forEach((row, r) => {
      const counts = new Map<string, number>();
      for (const t of row.nameTokens) counts.set(t, (counts.get(t) ?? 0) + NAME_WEIGHT);
      for (const t of row.bodyTokens) counts.set(t, (counts.get(t) ?? 0) + BODY_WEIGHT);
      for (const [t, f] of counts) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { rows: [], freqs: [] }));
        p.rows.push(r);
        p.freqs.push(f);
      }
      this.lengths[r] = row.nameTokens.length + row.bodyTokens.length;
      total += this.lengths[r];
    });
    this.avgLength = rows.length ? total / rows.length : 1;
    this.vocabulary = [...this.postings.keys()].sort();
  }

  /** Tokens that start with `prefix`, found by binary search in the sorted vocabulary. */
  private *tokensFrom(prefix: string): Generator<string> {
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.vocabulary[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.vocabulary.length && (this.vocabulary[i] as string).startsWith(prefix); i++) yield this.vocabulary[i] as string;
  }

  hits(p: Phrase): PhraseHits {
    const [head, ...tail] = p.tokens;
    if (head === undefined) return { rows: [], freq: new Uint32Array(this.rows.length) };
    // One- and two-letter prefixes hold much of the vocabulary, and spelled-out abbreviations are a fixed few: both merged once, kept.
    const key = `${p.prefix ? '*' : '='}${p.tokens.join(' ')}`;
    const cacheable = tail.length > 0 || (p.prefix && head.length <= SHORT_PREFIX);
    const cached = cacheable ? this.kept.get(key) : undefined;
    if (cached) return cached;
    const out = tail.length > 0 ? this.phraseHits(head, p) : this.wordHits(head, p.prefix);
    if (cacheable) this.kept.set(key, out);
    return out;
  }

  private wordHits(head: string, prefix: boolean): PhraseHits {
    const freq = new Uint32Array(this.rows.length);
    const rows: number[] = [];
    for (const t of prefix ? this.tokensFrom(head) : [head]) {
      const post = this.postings.get(t);
      if (!post) continue;
      for (let i = 0; i < post.rows.length; i++) {
        const r = post.rows[i] as number;
        if (freq[r] === 0) rows.push(r);
        freq[r] = (freq[r] as number) + (post.freqs[i] as number);
      }
    }
    // A short prefix gathers thousands of rows: reading them back in order off freq is cheaper than sorting them.
    if (rows.length * 8 < freq.length) return { rows: rows.sort((a, b) => a - b), freq };
    const ordered: number[] = [];
    for (let r = 0; r < freq.length; r++) if (freq[r]) ordered.push(r);
    return { rows: ordered, freq };
  }

  /** A phrase of several words (a spelled-out abbreviation): checked in order only where its first word occurs. */
  private phraseHits(head: string, p: Phrase): PhraseHits {
    const freq = new Uint32Array(this.rows.length);
    const rows: number[] = [];
    for (const r of this.postings.get(head)?.rows ?? []) {
      const row = this.rows[r] as RankRow;
      const f = NAME_WEIGHT * phraseCount(row.nameTokens, p) + BODY_WEIGHT * phraseCount(row.bodyTokens, p);
      if (f > 0) {
        freq[r] = f;
        rows.push(r);
      }
    }
    return { rows, freq };
  }
}
