import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcedureSchema, type Procedure } from '../src-shared/catalogue.js';
import { foldVietnamese } from '../src-shared/folding.js';
import { openStore } from '../src-main/store/database.js';
import { CatalogueStore } from '../src-main/store/catalogue-store.js';
import { loadAbbreviations } from '../src-main/catalogue/abbreviations.js';

/**
 * `npm run bench`: catalogue search on the kiosk's SQLite FTS5 index against
 * a baseline measured in the same run — an in-memory linear scan over the
 * same pre-folded text, with no ranking and no count — at the shipped size
 * and at 50× it (about the national catalogue). The scan is the floor of
 * what a search can cost; the FTS5 figure is what ranking, prefix matching
 * and paging add on top, and must stay well under a keystroke (~16 ms).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seed = (JSON.parse(fs.readFileSync(path.join(root, 'resources/catalogue/procedures.json'), 'utf8')) as unknown[]).map((p) =>
  ProcedureSchema.parse(p),
);
const QUERIES = ['khai sinh', 'dang ky khai sinh', 'ĐĂNG KÝ KẾT HÔN', 'giấy phép xây dựng', 'ho kinh doanh', 'đất đai', 'giay phep lai xe', 'thuong tru', 'ly lich tu phap', 'tro cap'];

function grow(times: number): Procedure[] {
  const out: Procedure[] = [];
  for (let i = 0; i < times; i++) {
    for (const p of seed) {
      const suffix = String(i).padStart(2, '0');
      out.push(i === 0 ? p : { ...p, code: p.code.replace(/\.H48$/, `.H${suffix}`), name: `${p.name} (bản ${i})` });
    }
  }
  return out;
}

function timeIt(fn: () => void, rounds: number): number {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / rounds;
}

console.log('Catalogue search, mean ms per query over', QUERIES.length, 'queries');
console.log(['records', 'fts5 ranked (kiosk)', 'in-memory scan, unranked (baseline)', 'fts5 cost ×'].join('\t'));
for (const times of [1, 50]) {
  const procedures = grow(times);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'));
  const db = openStore(dir);
  // With the shipped abbreviation table, as the kiosk searches.
  const store = new CatalogueStore(db, loadAbbreviations(path.join(root, 'resources/catalogue/abbreviations.json')));
  store.applySync({ upserts: procedures, removed: [], version: 1, syncedAt: new Date().toISOString() });
  const folded = procedures.map((p) => ({ p, text: foldVietnamese(`${p.name} ${p.field} ${p.agency.name}`) }));
  const rounds = times === 1 ? 200 : 20;
  const fts = timeIt(() => QUERIES.forEach((q) => store.search(q, 1, 20)), rounds) / QUERIES.length;
  const scan = timeIt(
    () =>
      QUERIES.forEach((q) => {
        const words = foldVietnamese(q).split(' ');
        folded.filter((r) => words.every((w) => r.text.includes(w))).slice(0, 20);
      }),
    rounds,
  ) / QUERIES.length;
  console.log([procedures.length, fts.toFixed(3), scan.toFixed(3), `${(fts / scan).toFixed(1)}×`].join('\t'));
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
