import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AbbreviationTableError,
  findAbbreviationsFile,
  loadAbbreviations,
  loadAbbreviationsOrNone,
  parseAbbreviations,
} from '../../src-main/catalogue/abbreviations.js';
import { CatalogueStore } from '../../src-main/store/catalogue-store.js';
import { openStore } from '../../src-main/store/database.js';
import { repoRoot, seedProcedures } from '../support/procedures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-abbr-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const shippedFile = path.join(repoRoot, 'resources/catalogue/abbreviations.json');
/** The shipped seed catalogue with the shipped abbreviation table, as the kiosk runs it. */
const store = new CatalogueStore(openStore(dir), loadAbbreviations(shippedFile));
store.applySync({ upserts: seedProcedures(), removed: [], version: 1, syncedAt: '2026-11-28T01:00:00.000Z' });
const names = (q: string) => store.search(q, 1, 50).items.map((p) => p.name);

describe('abbreviations citizens type, on the shipped catalogue', () => {
  // Each abbreviation as typed (upper, lower, with and without đ), and a procedure it must find.
  const cases: [string[], string][] = [
    [['CCCD', 'cccd', 'cấp đổi cccd'], 'Cấp đổi thẻ căn cước'],
    [['CMND', 'cmnd', 'đổi cmnd'], 'Cấp đổi thẻ căn cước'],
    [['GPXD', 'gpxd', 'cap gpxd'], 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ'],
    [['GCN', 'gcn', 'cấp lại gcn'], 'Cấp lại Giấy chứng nhận do bị mất'],
    [['QSDĐ', 'qsdđ', 'qsdd', 'QSDD', 'gcn qsdđ'], 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất'],
    [['HKD', 'hkd', 'đăng ký thành lập hkd'], 'Đăng ký thành lập hộ kinh doanh'],
  ];
  for (const [queries, expected] of cases) {
    it(`finds "${expected}" for ${queries.join(', ')}`, () => {
      for (const q of queries) expect(names(q), q).toContain(expected);
    });
  }

  it('finds nothing for the abbreviations without the table (the fault it fixes)', () => {
    const bare = new CatalogueStore(openStore(fs.mkdtempSync(path.join(dir, 'bare-'))));
    bare.applySync({ upserts: seedProcedures(), removed: [], version: 1, syncedAt: '2026-11-28T01:00:00.000Z' });
    for (const q of ['cccd', 'gpxd', 'qsdd', 'hkd']) expect(bare.search(q, 1, 20).total, q).toBe(0);
  });

  it('ranks "Đăng ký thường trú" above "Xóa đăng ký thường trú" for "thuong tru"', () => {
    for (const q of ['thuong tru', 'thường trú', 'dang ky thuong tru']) {
      const found = names(q);
      expect(found.indexOf('Đăng ký thường trú'), q).toBe(0);
      expect(found.indexOf('Xóa đăng ký thường trú'), q).toBeGreaterThan(0);
    }
  });

  it('searches "khai sinh" inside Hộ tịch at one ward only', () => {
    const ward = '000.00.31.H48';
    const all = store.search('khai sinh', 1, 50);
    const inside = store.search('khai sinh', 1, 50, { field: 'Hộ tịch', agencyCode: ward });
    expect(all.items.some((p) => p.field !== 'Hộ tịch' || p.agency.code !== ward)).toBe(true);
    expect(inside.total).toBeGreaterThan(0);
    expect(inside.total).toBe(inside.items.length);
    for (const p of inside.items) expect([p.field, p.agency.code]).toEqual(['Hộ tịch', ward]);
    expect(inside.items[0]?.name).toBe('Đăng ký khai sinh');
  });

  it('offers the shipped fields in Vietnamese order', () => {
    const { fields } = store.facets();
    const d = fields.findIndex((f) => f.startsWith('Đ'));
    expect(d).toBeGreaterThan(0);
    expect(fields[d - 1]?.startsWith('D') || fields[d - 1]?.startsWith('C')).toBe(true);
    expect(fields.findLastIndex((f) => f.startsWith('Đ'))).toBeLessThan(fields.findIndex((f) => /^[E-Z]/.test(f)));
    expect(fields.indexOf('Đất đai')).toBeLessThan(fields.indexOf('Việc làm'));
  });
});

describe('abbreviation table file', () => {
  it('ships where the host finds it', () => {
    expect(findAbbreviationsFile()).toBe(shippedFile);
    expect(loadAbbreviations(shippedFile).get('qsdd')).toEqual(['quyen su dung dat']);
  });

  const entry = { abbreviation: 'CCCD', expansions: ['căn cước công dân'], source: 'Luật Căn cước' };
  it.each([
    ['an abbreviation of two words', { ...entry, abbreviation: 'CC CD' }, /một từ/],
    ['no expansion', { ...entry, expansions: [] }, /ít nhất một/],
    ['a blank expansion', { ...entry, expansions: [' – '] }, /để trống/],
    ['no source', { ...entry, source: '' }, /nguồn/],
  ])('refuses %s with a Vietnamese reason', (_what, bad, reason) => {
    expect(() => parseAbbreviations({ version: 1, abbreviations: [bad] })).toThrow(AbbreviationTableError);
    expect(() => parseAbbreviations({ version: 1, abbreviations: [bad] })).toThrow(reason);
  });

  it('refuses the same abbreviation twice, whatever its diacritics', () => {
    expect(() => parseAbbreviations({ version: 1, abbreviations: [{ ...entry, abbreviation: 'QSDĐ' }, { ...entry, abbreviation: 'qsdd' }] })).toThrow(
      /bị lặp/,
    );
  });

  it('reads a broken file as a clear Vietnamese error, and the shipped file without a warning', () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "version": 1, ');
    expect(() => loadAbbreviations(broken)).toThrow(/không phải JSON/);
    const lines: string[] = [];
    expect(loadAbbreviationsOrNone((l) => lines.push(l)).size).toBeGreaterThan(0);
    expect(lines).toEqual([]);
  });
});
