import type { StoreDatabase } from '../../src-main/store/database.js';
import type { AbbreviationTable } from '../../src-main/catalogue/abbreviations.js';
import { BODY_WEIGHT, NAME_WEIGHT, phraseCount, rankedSearch, type Phrase, type PhraseHits, type RankRow } from '../../src-main/store/catalogue-ranking.js';

/**
 * The other ways row 1 searches the same catalogue, each answering the
 * codes of the first page for a folded query: the kiosk's previous FTS5
 * query (kept here to show why it was replaced), a JS scan with the same
 * ranking rules, and SQL LIKE over the folded columns.
 */
export type Engine = (folded: string) => string[];

const quoted = (t: string): string => `"${t.replace(/"/g, '')}"`;

/** The FTS5 query the kiosk ran until the in-memory index: prefix words, abbreviations, exact/phrase/bm25/length order. */
export function fts5Engine(db: StoreDatabase, abbreviations: AbbreviationTable, pageSize: number): Engine {
  const count = db.prepare('SELECT count(*) AS n FROM procedures_fts WHERE procedures_fts MATCH @match');
  const page = db.prepare(
    `SELECT code FROM (
       SELECT procedures_fts.code AS code, procedures_fts.name = @folded AS exact,
         instr(' ' || procedures_fts.name, ' ' || @folded) AS pos, bm25(procedures_fts, 0.0, 8.0, 1.0) AS score, length(procedures_fts.name) AS len
       FROM procedures_fts WHERE procedures_fts MATCH @match
       ORDER BY exact DESC, pos = 0, pos, score, len LIMIT @limit)`,
  );
  return (folded) => {
    const tokens = folded.split(' ').filter((t) => t.length > 0);
    if (tokens.length === 0) return [];
    const terms = tokens.map((t) => {
      const spelled = abbreviations.get(t);
      return spelled ? `(${[`${quoted(t)}*`, ...spelled.map(quoted)].join(' OR ')})` : `${quoted(t)}*`;
    });
    for (const joiner of [' AND ', ' OR ']) {
      const match = terms.join(joiner);
      if ((count.get({ match }) as { n: number }).n === 0) continue;
      return (page.all({ match, folded, limit: pageSize }) as { code: string }[]).map((r) => r.code);
    }
    return [];
  };
}

/** Every row's tokens compared on every query: the floor an index must beat, with the kiosk's ranking. */
export function scanEngine(rows: readonly RankRow[], abbreviations: AbbreviationTable, pageSize: number): Engine {
  const lengths = rows.map((r) => r.nameTokens.length + r.bodyTokens.length);
  const avgLength = lengths.reduce((a, b) => a + b, 0) / rows.length;
  const hits = (p: Phrase): PhraseHits => {
    const freq = new Uint32Array(rows.length);
    const found: number[] = [];
    rows.forEach((row, r) => {
      freq[r] = NAME_WEIGHT * phraseCount(row.nameTokens, p) + BODY_WEIGHT * phraseCount(row.bodyTokens, p);
      if (freq[r]) found.push(r);
    });
    return { rows: found, freq };
  };
  return (folded) => rankedSearch({ rows, lengths, avgLength, hits }, folded, abbreviations, {}, 1, pageSize).codes;
}

/** LIKE '% word%' per word over the folded name and body; SQL has no bm25, so exact, phrase position, then length. */
export function likeEngine(db: StoreDatabase, pageSize: number): Engine {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS folded AS SELECT code, name, ' ' || name || ' ' || body AS text FROM procedures_fts`);
  const statements = new Map<number, ReturnType<StoreDatabase['prepare']>>();
  return (folded) => {
    const tokens = folded.split(' ').filter((t) => t.length > 0);
    if (tokens.length === 0) return [];
    let s = statements.get(tokens.length);
    if (!s) {
      const where = tokens.map((_, i) => `text LIKE @w${i}`).join(' AND ');
      s = db.prepare(
        `SELECT code FROM folded WHERE ${where}
         ORDER BY name = @folded DESC, instr(' ' || name, ' ' || @folded) = 0, instr(' ' || name, ' ' || @folded), length(name) LIMIT ${pageSize}`,
      );
      statements.set(tokens.length, s);
    }
    const params: Record<string, string> = { folded };
    tokens.forEach((t, i) => (params[`w${i}`] = `% ${t}%`));
    return (s.all(params) as { code: string }[]).map((r) => r.code);
  };
}
