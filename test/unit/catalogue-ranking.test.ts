import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src-shared/folding.js';
import { loadAbbreviations } from '../../src-main/catalogue/abbreviations.js';
import { CatalogueStore } from '../../src-main/store/catalogue-store.js';
import { openStore } from '../../src-main/store/database.js';
import { generateCatalogue, seedProcedures } from '../../scripts/bench/catalogue-gen.js';
import { fts5Engine } from '../../scripts/bench/search-engines.js';
import { repoRoot } from '../support/procedures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ranking-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('in-memory catalogue search', () => {
  it('answers every keystroke with the first page SQLite FTS5 ranks for it (prefixes, abbreviations, bm25, ties)', () => {
    const db = openStore(dir);
    const abbreviations = loadAbbreviations(path.join(repoRoot, 'resources/catalogue/abbreviations.json'));
    const store = new CatalogueStore(db, abbreviations);
    // Many procedures share a name at different communes, so ties and bm25 decide much of the order.
    store.applySync({ upserts: generateCatalogue(seedProcedures(repoRoot), 600), removed: [], version: 1, syncedAt: '2026-12-02T00:00:00.000Z' });
    const fts5 = fts5Engine(db, abbreviations, 20);
    const typed = ['dang ky khai sinh', 'thuong tru', 'cccd', 'giay phep xd', 'Cấp lại Bình Sơn', 'ho kinh doanh', 'zzz khai'].flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
    for (const q of typed) {
      expect(store.search(q, 1, 20).items.map((p) => p.code), q).toEqual(fts5(foldVietnamese(q)));
    }
    db.close();
  });
});
