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

describe('catalogue store search within the chosen filters', () => {
  const cuTru = { field: 'Đăng ký, quản lý cư trú', agency: { code: '000.31.40.H48', name: 'Công an phường Cẩm Thành' } };
  const phuong = { code: '000.00.31.H48', name: 'UBND phường Cẩm Thành' };
  const xa = { code: '000.00.34.H48', name: 'UBND xã Bình Sơn' };
  // Seven "khai sinh" hits: four Hộ tịch at the ward, one Hộ tịch at the commune, two elsewhere (documents only).
  const many = [
    ...['Đăng ký khai sinh', 'Đăng ký lại khai sinh', 'Đăng ký khai sinh lưu động', 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con'].map((name, i) =>
      makeProcedure({ code: `1.10000${i}.000.00.00.H48`, name, agency: phuong }),
    ),
    makeProcedure({ code: '1.200000.000.00.00.H48', name: 'Đăng ký khai sinh cho trẻ bị bỏ rơi', agency: xa }),
    makeProcedure({
      code: '1.300000.000.00.00.H48',
      name: 'Đăng ký thường trú',
      ...cuTru,
      documents: [{ id: 'ks', name: 'Bản sao giấy khai sinh', originals: 0, copies: 1, mandatory: true }],
    }),
    makeProcedure({
      code: '1.300001.000.00.00.H48',
      name: 'Cấp đổi thẻ căn cước',
      ...cuTru,
      field: 'Cấp, quản lý căn cước',
      documents: [{ id: 'ks', name: 'Giấy khai sinh', originals: 1, copies: 0, mandatory: true }],
    }),
  ];

  it('counts and pages only what field and agency select, query included', () => {
    const store = storeWith(...many);
    expect(store.search('khai sinh', 1, 20).total).toBe(7);
    const hoTich = { field: 'Hộ tịch', agencyCode: phuong.code };
    const first = store.search('khai sinh', 1, 3, hoTich);
    const second = store.search('khai sinh', 2, 3, hoTich);
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((p) => p.code)).size).toBe(4);
    for (const p of all) expect([p.field, p.agency.code]).toEqual(['Hộ tịch', phuong.code]);
    expect(store.search('khai sinh', 1, 20, { field: 'Hộ tịch' }).total).toBe(5);
    const police = store.search('khai sinh', 1, 20, { agencyCode: cuTru.agency.code });
    expect(police.total).toBe(2);
    expect(police.items.map((p) => p.name).sort()).toEqual(['Cấp đổi thẻ căn cước', 'Đăng ký thường trú']);
    expect(store.search('khai sinh', 1, 20, { field: 'Hộ tịch', agencyCode: cuTru.agency.code })).toEqual({ total: 0, items: [] });
  });

  it('finds nothing inside a filter when every word is found only outside it, so the screen can say so', () => {
    const store = storeWith(...many, gpxd);
    expect(store.search('giấy phép xây dựng', 1, 20).items.map((p) => p.code)).toEqual([gpxd.code]);
    // "giấy" alone is in Hộ tịch's documents; showing those would hide that the filter is why.
    expect(store.search('giấy phép xây dựng', 1, 20, { field: 'Hộ tịch' })).toEqual({ total: 0, items: [] });
  });

  it('falls back to any word inside the filter only', () => {
    const store = storeWith(...many);
    const res = store.search('khai sinh xyzzy', 1, 20, { field: cuTru.field });
    expect(res.items.map((p) => p.name)).toEqual(['Đăng ký thường trú']);
  });

  it('ranks the phrase that starts earlier in the name first', () => {
    // bm25 alone prefers the removal: its short record says "thường trú" in
    // a short body, while the registration's long list of documents dilutes it.
    const xoa = makeProcedure({
      code: '1.003197.000.00.00.H48',
      name: 'Xóa đăng ký thường trú',
      ...cuTru,
      documents: [{ id: 'a', name: 'Tờ khai thay đổi thông tin cư trú', originals: 1, copies: 0, mandatory: true }],
    });
    const dangKy = makeProcedure({
      code: '1.004222.000.00.00.H48',
      name: 'Đăng ký thường trú',
      ...cuTru,
      documents: Array.from({ length: 12 }, (_, i) => ({
        id: `d${i}`,
        name: `Giấy tờ, tài liệu chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình số ${i + 1}`,
        originals: 1,
        copies: 0,
        mandatory: false,
      })),
    });
    const store = storeWith(xoa, dangKy);
    for (const q of ['thuong tru', 'thường trú', 'THUONG TRU', 'thuong tr']) {
      expect(store.search(q, 1, 20).items.map((p) => p.name), q).toEqual(['Đăng ký thường trú', 'Xóa đăng ký thường trú']);
    }
  });

  it('lists and offers fields and agencies in Vietnamese order (Đ after D, before E)', () => {
    const f = (code: string, field: string, agencyName: string) =>
      makeProcedure({ code, name: `Thủ tục ${field}`, field, agency: { code: `000.00.${code.slice(2, 4)}.H48`, name: agencyName } });
    const store = storeWith(
      f('1.110000.000.00.00.H48', 'Việc làm', 'Sở Nội vụ'),
      f('1.120000.000.00.00.H48', 'Đất đai', 'Văn phòng Đăng ký đất đai'),
      f('1.130000.000.00.00.H48', 'Dân tộc', 'Ban Dân tộc'),
      f('1.140000.000.00.00.H48', 'Em bé', 'Đài Phát thanh'),
      f('1.150000.000.00.00.H48', 'Đường bộ', 'Công an tỉnh'),
      f('1.160000.000.00.00.H48', 'Giáo dục', 'Ủy ban nhân dân xã'),
    );
    const { fields, agencies } = store.facets();
    expect(fields).toEqual(['Dân tộc', 'Đất đai', 'Đường bộ', 'Em bé', 'Giáo dục', 'Việc làm']);
    expect(agencies.map((a) => a.name)).toEqual(['Ban Dân tộc', 'Công an tỉnh', 'Đài Phát thanh', 'Sở Nội vụ', 'Ủy ban nhân dân xã', 'Văn phòng Đăng ký đất đai']);
    expect(store.list({ page: 1, pageSize: 4 }).items.map((p) => p.field)).toEqual(['Dân tộc', 'Đất đai', 'Đường bộ', 'Em bé']);
    expect(store.list({ page: 2, pageSize: 4 }).items.map((p) => p.field)).toEqual(['Giáo dục', 'Việc làm']);
    expect(store.list({ page: 2, pageSize: 4 }).total).toBe(6);
  });

  it('keeps the list order in step with a sync', () => {
    const store = storeWith(makeProcedure({ code: '1.210000.000.00.00.H48', name: 'Đăng ký kết hôn' }));
    store.applySync({
      upserts: [makeProcedure({ code: '1.220000.000.00.00.H48', name: 'Đăng ký giám hộ' })],
      removed: [],
      version: 4,
      syncedAt: '2026-11-28T02:00:00.000Z',
    });
    expect(store.list({ page: 1, pageSize: 20 }).items.map((p) => p.name)).toEqual(['Đăng ký giám hộ', 'Đăng ký kết hôn']);
  });
});
