import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src-main/store/blob-store.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import { openStore } from '../../src-main/store/database.js';
import { createStores } from '../../src-main/store/kiosk-store.js';
import type { NewApplication } from '../../src-main/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.7\nGiấy chứng sinh');
const now = () => new Date('2026-11-28T03:00:00Z');

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apps-draft-'));
  dirs.push(dir);
  const db = openStore(dir);
  const box = CryptoBox.fromKeyFile(path.join(dir, 'keys', 'data.key'));
  const blobs = new BlobStore(path.join(dir, 'blobs'), box);
  const stores = createStores(db, box, blobs, { kioskId: 'KIOSK-T1', retentionDays: 7, now });
  return { db, blobs, apps: stores.applications, drafts: stores.drafts, outbox: stores.outbox };
}

function newApp(sha256: string, draftId?: string): NewApplication {
  return {
    procedure: { code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh', agency: { code: '000.00.31.H48', name: 'UBND phường Cẩm Thành' } },
    applicant: { fullName: 'Nguyễn Thị Mỹ Lệ', citizenId: '051190001234', phone: '0912345678', address: 'Thôn Phú Lộc' },
    fields: { childName: 'Nguyễn Ngọc Ánh' },
    channel: 'truc_tiep',
    attachments: [{ componentId: 'giay-chung-sinh', fileName: 'chung-sinh.pdf', mime: 'application/pdf', size: PDF.length, sha256 }],
    ...(draftId ? { draftId } : {}),
  };
}

const count = (s: ReturnType<typeof setup>, table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('submit from a draft', () => {
  it('deletes the draft in the same commit and makes one application however often it is retried', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    const draft = s.drafts.save({ procedureCode: '1.001193.000.00.00.H48', sessionId: 's1', data: {}, blobRefs: [hash] });
    const first = s.apps.submit(newApp(hash, draft.id));
    expect(first.existing).toBe(false);
    expect(s.drafts.get(draft.id)).toBeNull();
    const again = s.apps.submit(newApp(hash, draft.id));
    expect(again).toEqual({ ...first, existing: true });
    expect(count(s, 'applications')).toBe(1);
    expect(count(s, 'outbox')).toBe(1);
    expect(s.outbox.pendingCount()).toBe(1);
  });

  it('still finds the application after the portal accepted it', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    const draftId = '7d1d3c1e-5b0a-4f53-9d2e-0c6a8b7e9f10';
    const first = s.apps.submit(newApp(hash, draftId));
    const entry = s.db.prepare('SELECT id FROM outbox WHERE application_id = ?').get(first.localId) as { id: number };
    s.apps.markAccepted(first.localId, entry.id, { code: '000.00.31.H48-261128-0001', receivedAt: 'x', appointmentAt: 'y', status: { code: 1, name: 'Mới tiếp nhận' } });
    expect(s.apps.submit(newApp(hash, draftId)).localId).toBe(first.localId);
    expect(count(s, 'applications')).toBe(1);
  });

  it('makes separate applications for separate drafts and for submits without a draft', () => {
    const s = setup();
    const hash = s.blobs.put(PDF);
    const a = s.apps.submit(newApp(hash, '11111111-1111-4111-8111-111111111111'));
    const b = s.apps.submit(newApp(hash, '22222222-2222-4222-8222-222222222222'));
    const c = s.apps.submit(newApp(hash));
    const d = s.apps.submit(newApp(hash));
    expect(new Set([a.localId, b.localId, c.localId, d.localId]).size).toBe(4);
    expect(new Set([a.idempotencyKey, b.idempotencyKey, c.idempotencyKey, d.idempotencyKey]).size).toBe(4);
    expect(count(s, 'applications')).toBe(4);
  });
});
