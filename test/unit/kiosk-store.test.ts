import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore, sha256Hex } from '../../src-main/store/blob-store.js';
import { CatalogueStore } from '../../src-main/store/catalogue-store.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import { openStore } from '../../src-main/store/database.js';
import { createStores } from '../../src-main/store/kiosk-store.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../src-main/store/migrations.js';
import { OutboxStore } from '../../src-main/store/outbox-store.js';
import { Retention } from '../../src-main/store/retention.js';
import type { NewApplication } from '../../src-main/store/store.js';
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

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Giấy chứng sinh của bé Nguyễn Ngọc Ánh')]);
const CITIZEN = { fullName: 'Nguyễn Thị Mỹ Lệ', citizenId: '051190001234', phone: '0912345678', address: 'Thôn Phú Lộc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi' };

function setup(now = () => new Date('2026-11-28T03:00:00Z')) {
  const dir = tempDir();
  const db = openStore(dir);
  const box = CryptoBox.fromKeyFile(path.join(dir, 'keys', 'data.key'));
  const blobs = new BlobStore(path.join(dir, 'blobs'), box);
  const stores = createStores(db, box, blobs, { kioskId: 'KIOSK-T1', retentionDays: 7, now });
  return { dir, db, box, blobs, apps: stores.applications, drafts: stores.drafts, supplements: stores.supplements, outbox: stores.outbox };
}

function newApp(sha256: string): NewApplication {
  return {
    procedure: { code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh', agency: { code: '000.00.31.H48', name: 'UBND phường Cẩm Thành' } },
    applicant: CITIZEN,
    fields: { childName: 'Nguyễn Ngọc Ánh' },
    channel: 'truc_tiep',
    attachments: [{ componentId: 'giay-chung-sinh', fileName: 'chung-sinh.pdf', mime: 'application/pdf', size: PDF.length, sha256 }],
  };
}

describe('personal data at rest', () => {
  it('never stores a name, CCCD number, phone or document in clear in the database or blob folder', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    s.apps.submit(newApp(hash));
    s.drafts.save({ procedureCode: '1.001193.000.00.00.H48', sessionId: 's1', data: { applicant: CITIZEN }, blobRefs: [hash] });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.db.close();
    const haystack = Buffer.concat([
      fs.readFileSync(path.join(s.dir, 'kiosk.sqlite')),
      ...fs.readdirSync(path.join(s.dir, 'blobs'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => fs.readFileSync(path.join(e.parentPath, e.name))),
    ]);
    for (const secret of [CITIZEN.fullName, CITIZEN.citizenId, CITIZEN.phone, 'Giấy chứng sinh của bé', 'Tịnh Ấn Tây']) {
      expect(haystack.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });

  it('needs the key file: another key cannot open the data', () => {
    const s = setup();
    const sealed = s.box.sealJson(CITIZEN, 'row-1');
    expect(s.box.openJson(sealed, 'row-1')).toEqual(CITIZEN);
    const other = CryptoBox.fromKeyFile(path.join(tempDir(), 'k'));
    expect(() => other.openJson(sealed, 'row-1')).toThrow();
    // bound to its row: moving a sealed value to another row is detected
    expect(() => s.box.openJson(sealed, 'row-2')).toThrow();
  });
});

describe('blob store', () => {
  it('addresses files by the SHA-256 of their bytes and reads them back intact', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    expect(hash).toBe(sha256Hex(PDF));
    expect(s.blobs.put(PDF)).toBe(hash);
    expect(s.blobs.get(hash).equals(PDF)).toBe(true);
    expect(s.blobs.scan()).toEqual({ hashes: [hash], temps: [] });
  });

  it('detects a file damaged on disk', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    const file = s.blobs.pathOf(hash);
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8((bytes.readUInt8(bytes.length - 20) ^ 0xff) & 0xff, bytes.length - 20);
    fs.writeFileSync(file, bytes);
    expect(() => s.blobs.get(hash)).toThrow();
  });
});

describe('submit', () => {
  it('commits the application, its attachments and one outbox entry together', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    const r = s.apps.submit(newApp(hash));
    expect(r.provisionalNo).toBe('TAM-KIOSK-T1-261128-0001');
    expect(s.apps.submit(newApp(hash)).provisionalNo).toBe('TAM-KIOSK-T1-261128-0002');
    const stored = s.apps.get(r.localId);
    expect(stored).toMatchObject({ state: 'queued', officialCode: null, procedureName: 'Đăng ký khai sinh' });
    expect(stored?.attachments).toEqual([{ componentId: 'giay-chung-sinh', mime: 'application/pdf', size: PDF.length, sha256: hash }]);
    expect(s.apps.personal(r.localId)?.applicant).toEqual(CITIZEN);
    const due = s.outbox.due(Date.parse('2026-11-28T03:00:00Z'), 10);
    expect(due.map((e) => e.idempotencyKey)).toContain(r.idempotencyKey);
  });

  it('writes nothing when an attachment is missing', () => {
    const s = setup();
    expect(() => s.apps.submit(newApp('0'.repeat(64)))).toThrow(/Không tìm thấy tệp đính kèm/);
    expect(s.apps.list()).toEqual([]);
    expect(s.outbox.pendingCount()).toBe(0);
  });

  it('keeps one key per outbox entry, and a resubmission after a refusal gets a new one', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    const r = s.apps.submit(newApp(hash));
    const [entry] = s.outbox.due(Date.now() + 1, 10);
    if (!entry) throw new Error('no outbox entry');
    s.outbox.reschedule(entry.id, 3, 0, 'unreachable');
    expect(s.outbox.due(Date.now() + 1, 10)[0]?.idempotencyKey).toBe(r.idempotencyKey);
    s.apps.markNeedsFix(r.localId, entry.id, 'Thiếu giấy chứng sinh');
    expect(s.apps.get(r.localId)).toMatchObject({ state: 'needs_fix', portalMessage: 'Thiếu giấy chứng sinh' });
    expect(s.outbox.pendingCount()).toBe(0);
    const again = s.apps.resubmit(r.localId, { applicant: CITIZEN, fields: {}, attachments: newApp(hash).attachments });
    expect(again.idempotencyKey).not.toBe(r.idempotencyKey);
    expect(s.apps.get(r.localId)?.state).toBe('queued');
    expect(s.outbox.pendingCount()).toBe(1);
  });
});

describe('drafts and retention', () => {
  it('wipes a session’s drafts on logout unless the citizen kept them', () => {
    const s = setup();
    s.drafts.save({ procedureCode: 'p', sessionId: 'visit-1', data: { step: 2 }, blobRefs: [] });
    s.drafts.save({ procedureCode: 'p', sessionId: 'visit-1', keep: true, data: { step: 3 }, blobRefs: [] });
    expect(s.drafts.deleteSession('visit-1')).toBe(1);
    expect(s.drafts.latestForSession('visit-1')?.data).toEqual({ step: 3 });
  });

  it('purges personal data and files of accepted applications after the retention period', () => {
    let now = new Date('2026-11-01T03:00:00Z');
    const s = setup(() => now);
    const hash = s.blobs.put(PDF);
    const r = s.apps.submit(newApp(hash));
    const [entry] = s.outbox.due(now.getTime(), 1);
    s.apps.markAccepted(r.localId, entry?.id ?? 0, {
      code: '000.00.31.H48-261101-0001',
      receivedAt: now.toISOString(),
      appointmentAt: '2026-11-02T03:00:00.000Z',
      status: { code: 1, name: 'Mới đăng ký' },
    });
    const retention = new Retention({ apps: s.apps, drafts: s.drafts, supplements: s.supplements }, s.blobs, 7, () => now);
    now = new Date('2026-11-05T03:00:00Z');
    expect(retention.run()).toEqual({ purgedApplications: 0, deletedBlobs: 0 });
    expect(s.apps.personal(r.localId)).not.toBeNull();
    now = new Date('2026-11-09T03:00:00Z');
    // the blob file is older than an hour by the injected clock only if its mtime is; age it
    fs.utimesSync(s.blobs.pathOf(hash), new Date('2026-11-01T03:00:00Z'), new Date('2026-11-01T03:00:00Z'));
    expect(retention.run()).toEqual({ purgedApplications: 1, deletedBlobs: 1 });
    expect(s.apps.personal(r.localId)).toBeNull();
    expect(s.apps.get(r.localId)).toMatchObject({ officialCode: '000.00.31.H48-261101-0001', procedureName: 'Đăng ký khai sinh', attachments: [] });
    expect(s.blobs.has(hash)).toBe(false);
  });

  it('spares a fresh blob no draft refers to yet', () => {
    const now = new Date();
    const s = setup(() => now);
    const hash = s.blobs.put(PDF);
    expect(new Retention({ apps: s.apps, drafts: s.drafts, supplements: s.supplements }, s.blobs, 7, () => now).cleanOrphans()).toBe(0);
    expect(s.blobs.has(hash)).toBe(true);
  });
});

describe('migrations with data', () => {
  it('brings a version-2 database holding a catalogue and a queued application up to date', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, 'kiosk.sqlite'));
    migrate(raw, MIGRATIONS.slice(0, 2));
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    const p = makeProcedure({ code: '1.000894.000.00.00.H48', name: 'Đăng ký kết hôn' });
    raw
      .prepare('INSERT INTO procedures (code, name, field, agency_code, agency_name, record) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.code, p.name, p.field, p.agency.code, p.agency.name, JSON.stringify(p));
    raw.prepare('INSERT INTO procedures_fts (code, name, body) VALUES (?, ?, ?)').run(p.code, 'dang ky ket hon', 'ho tich');
    raw
      .prepare(
        `INSERT INTO applications (local_id, provisional_no, procedure_code, procedure_name, agency_code, agency_name, personal, state, created_at)
         VALUES ('a1', 'TAM-K-261101-0001', ?, ?, ?, ?, x'00', 'queued', '2026-11-01T00:00:00.000Z')`,
      )
      .run(p.code, p.name, p.agency.code, p.agency.name);
    raw.prepare("INSERT INTO outbox (application_id, idempotency_key, next_attempt_at) VALUES ('a1', 'K.key-1', 0)").run();
    raw.close();
    const db = openStore(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(new CatalogueStore(db).search('ket hon', 1, 5).items[0]).toMatchObject({ code: p.code, name: 'Đăng ký kết hôn' });
    expect(new OutboxStore(db).due(1, 10).map((e) => e.idempotencyKey)).toEqual(['K.key-1']);
    db.close();
  });

  it('brings a version-1 database holding a catalogue up to date without losing it', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, 'kiosk.sqlite'));
    migrate(raw, MIGRATIONS.slice(0, 1));
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    // What a version-1 kiosk wrote: the row, its folded index entry, the sync mark.
    const p = makeProcedure({ code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh' });
    raw
      .prepare('INSERT INTO procedures (code, name, field, agency_code, agency_name, record) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.code, p.name, p.field, p.agency.code, p.agency.name, JSON.stringify(p));
    raw.prepare('INSERT INTO procedures_fts (code, name, body) VALUES (?, ?, ?)').run(p.code, 'dang ky khai sinh', 'ho tich');
    raw.prepare("INSERT INTO sync_state (key, value) VALUES ('catalogue.version', '9'), ('catalogue.syncedAt', '2026-11-01T00:00:00.000Z')").run();
    raw.close();
    const db = openStore(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const catalogue = new CatalogueStore(db);
    expect(catalogue.search('khai sinh', 1, 5).items[0]).toMatchObject({ name: 'Đăng ký khai sinh', hasFees: false, agency: p.agency });
    expect(catalogue.list({ page: 1, pageSize: 5 }).items.map((x) => x.code)).toEqual([p.code]);
    expect(catalogue.mark().version).toBe(9);
    expect(new OutboxStore(db).pendingCount()).toBe(0);
    db.close();
  });
});
