import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueStore } from '../../src-main/store/catalogue-store.js';
import { openStore } from '../../src-main/store/database.js';
import { SCHEMA_VERSION, StoreVersionError } from '../../src-main/store/migrations.js';
import { makeProcedure } from '../support/procedures.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const khaiSinh = makeProcedure({ code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh' });
const khaiSinhNuocNgoai = makeProcedure({ code: '1.001695.000.00.00.H48', name: 'Đăng ký khai sinh có yếu tố nước ngoài', level: 'tinh' });
const ketHon = makeProcedure({ code: '1.000894.000.00.00.H48', name: 'Đăng ký kết hôn' });
const gpxd = makeProcedure({
  code: '1.009994.000.00.00.H48',
  name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  field: 'Xây dựng',
  agency: { code: '000.00.20.H48', name: 'Sở Xây dựng' },
  documents: [{ id: 'ban-ve', name: 'Bản vẽ thiết kế đất đai', originals: 2, copies: 0, mandatory: true }],
});

function storeWith(...procedures: ReturnType<typeof makeProcedure>[]): CatalogueStore {
  const store = new CatalogueStore(openStore(tempDir()));
  store.applySync({ upserts: procedures, removed: [], version: 3, syncedAt: '2026-11-28T01:00:00.000Z' });
  return store;
}

describe('catalogue store search', () => {
  it('finds the same procedure whatever the case and diacritics', () => {
    const store = storeWith(khaiSinh, ketHon, gpxd);
    for (const q of ['khai sinh', 'dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', 'đăng ký khai sinh', 'DANG KY KHAI SINH']) {
      const res = store.search(q, 1, 20);
      expect(res.items.map((p) => p.code), q).toEqual([khaiSinh.code]);
    }
  });

  it('folds đ to d both when indexing and when querying', () => {
    const store = storeWith(gpxd);
    expect(store.search('dat dai', 1, 20).total).toBe(1);
    expect(store.search('đất đai', 1, 20).total).toBe(1);
  });

  it('matches prefixes while the citizen is typing', () => {
    const store = storeWith(khaiSinh, ketHon);
    expect(store.search('khai si', 1, 20).items[0]?.code).toBe(khaiSinh.code);
    expect(store.search('ket h', 1, 20).items[0]?.code).toBe(ketHon.code);
  });

  it('ranks the closer name first', () => {
    const store = storeWith(khaiSinhNuocNgoai, khaiSinh, ketHon);
    const res = store.search('đăng ký khai sinh', 1, 20);
    expect(res.items.map((p) => p.code)).toEqual([khaiSinh.code, khaiSinhNuocNgoai.code]);
  });

  it('puts the exact name and the whole phrase above scattered words', () => {
    const lai = makeProcedure({ code: '1.004884.000.00.00.H48', name: 'Đăng ký lại khai sinh' });
    const tamTru = makeProcedure({
      code: '1.004194.000.00.00.H48',
      name: 'Đăng ký tạm trú',
      documents: [{ id: 'giay-khai-sinh', name: 'Bản sao giấy khai sinh', originals: 0, copies: 1, mandatory: true }],
    });
    const store = storeWith(lai, tamTru, khaiSinh);
    expect(store.search('ĐĂNG KÝ KHAI SINH', 1, 20).items.map((p) => p.code)).toEqual([khaiSinh.code, lai.code, tamTru.code]);
  });

  it('falls back to any-word matches when no procedure has every word', () => {
    const store = storeWith(khaiSinh, gpxd);
    const res = store.search('khai sinh xyzzy', 1, 20);
    expect(res.items[0]?.code).toBe(khaiSinh.code);
  });

  it('is not confused by FTS syntax in the query', () => {
    const store = storeWith(khaiSinh);
    for (const q of ['"', 'khai AND', 'NEAR(', '*', 'sinh"*)(']) expect(() => store.search(q, 1, 20)).not.toThrow();
  });

  it('pages, filters and removes', () => {
    const store = storeWith(khaiSinh, ketHon, gpxd);
    expect(store.list({ page: 1, pageSize: 2 }).items).toHaveLength(2);
    expect(store.list({ page: 1, pageSize: 20, field: 'Xây dựng' }).items.map((p) => p.code)).toEqual([gpxd.code]);
    expect(store.list({ page: 1, pageSize: 20, agencyCode: '000.00.20.H48' }).total).toBe(1);
    store.applySync({ upserts: [], removed: [gpxd.code], version: 4, syncedAt: '2026-11-28T02:00:00.000Z' });
    expect(store.get(gpxd.code)).toBeNull();
    expect(store.search('giay phep xay dung', 1, 20).items.map((p) => p.code)).not.toContain(gpxd.code);
    expect(store.count()).toBe(2);
    expect(store.mark()).toEqual({ version: 4, syncedAt: '2026-11-28T02:00:00.000Z' });
  });

  it('updates a changed procedure in place, index included', () => {
    const store = storeWith(khaiSinh);
    store.applySync({ upserts: [{ ...khaiSinh, name: 'Đăng ký khai sinh lưu động' }], removed: [], version: 4, syncedAt: '2026-11-28T02:00:00.000Z' });
    expect(store.count()).toBe(1);
    expect(store.search('luu dong', 1, 20).total).toBe(1);
  });
});

describe('kiosk store migrations', () => {
  it('creates the schema on an empty database and survives a reopen with its data', () => {
    const dir = tempDir();
    const db = openStore(dir);
    new CatalogueStore(db).applySync({ upserts: [khaiSinh], removed: [], version: 1, syncedAt: '2026-11-28T00:00:00.000Z' });
    db.close();
    const again = openStore(dir);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(new CatalogueStore(again).get(khaiSinh.code)?.name).toBe('Đăng ký khai sinh');
    again.close();
  });

  it('refuses a database from a newer kiosk with a clear error and leaves it untouched', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, 'kiosk.sqlite'));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openStore(dir)).toThrow(StoreVersionError);
    expect(() => openStore(dir)).toThrow(/phiên bản mới hơn/);
    const check = new Database(path.join(dir, 'kiosk.sqlite'));
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    check.close();
  });
});
