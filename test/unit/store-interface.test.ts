import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlobStore } from '../../src-main/store/blob-store.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import { openStore } from '../../src-main/store/database.js';
import { createStores } from '../../src-main/store/kiosk-store.js';
import { makeProcedure, repoRoot } from '../support/procedures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.7\nGiấy chứng sinh');
const CITIZEN = { fullName: 'Nguyễn Thị Mỹ Lệ', citizenId: '051190001234', phone: '0912345678', address: 'Thôn Phú Lộc' };

describe('the SQLite store', () => {
  it('prepares every statement when it is built, none on a call', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-interface-'));
    dirs.push(dir);
    const db = openStore(dir);
    const box = CryptoBox.fromKeyFile(path.join(dir, 'keys', 'data.key'));
    const s = createStores(db, box, new BlobStore(path.join(dir, 'blobs'), box), { kioskId: 'KIOSK-T1', retentionDays: 7, now: () => new Date() });
    const prepare = vi.spyOn(db, 'prepare');

    // Every method of the data API once, the catalogue's filtered and unfiltered searches both.
    const khaiSinh = makeProcedure({ code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh' });
    s.catalogue.applySync({ upserts: [khaiSinh], removed: [], version: 2, syncedAt: '2026-11-28T01:00:00.000Z' });
    s.catalogue.markSynced('2026-11-28T02:00:00.000Z');
    s.catalogue.mark();
    s.catalogue.count();
    s.catalogue.get(khaiSinh.code);
    s.catalogue.list({ page: 1, pageSize: 10 });
    s.catalogue.facets();
    s.catalogue.search('khai sinh', 1, 10);
    s.catalogue.search('khai sinh', 1, 10, { field: 'Xây dựng' });
    s.catalogue.search('zzz', 1, 10, { agencyCode: '000.00.53.H48' });

    const hash = s.blobs.put(PDF);
    const draft = s.drafts.save({ procedureCode: khaiSinh.code, sessionId: 'visit-1', data: { step: 1 }, blobRefs: [hash] });
    s.drafts.get(draft.id);
    s.drafts.latestForSession('visit-1');
    s.drafts.sessionOf(draft.id);
    s.drafts.hasSession('visit-1');
    const attachments = [{ componentId: 'to-khai', fileName: 'to-khai.pdf', mime: 'application/pdf', size: PDF.length, sha256: hash }];
    const app = {
      procedure: { code: khaiSinh.code, name: khaiSinh.name, agency: khaiSinh.agency },
      applicant: CITIZEN,
      fields: {},
      channel: 'truc_tiep' as const,
      attachments,
      draftId: draft.id,
    };
    const a = s.applications.submit(app);
    s.applications.submit(app);
    const [entry] = s.outbox.due(Date.now() + 1, 10);
    if (!entry) throw new Error('no outbox entry');
    s.outbox.dueSupplements(Date.now() + 1, 10);
    s.outbox.nextDueAt();
    s.outbox.pendingCount();
    s.outbox.parkedCount();
    s.outbox.reschedule(entry.id, 1, 0, 'unreachable');
    s.outbox.wakeAll(Date.now());
    s.outbox.wakeAll(Date.now(), { parked: true });
    s.applications.park(a.localId, entry.id, 2, 'SyntaxError', 'Không đọc được hồ sơ này trên máy');
    s.applications.get(a.localId);
    s.applications.byProvisionalNo(a.provisionalNo);
    s.applications.list();
    s.applications.list({ states: ['queued'], limit: 5 });
    s.applications.personal(a.localId);
    s.applications.attachmentsOf(a.localId);
    s.applications.markNeedsFix(a.localId, entry.id, 'Thiếu tờ khai');
    s.applications.resubmit(a.localId, { applicant: CITIZEN, fields: {}, attachments });
    const [again] = s.outbox.due(Date.now() + 1, 10);
    const status = { code: 1, name: 'Mới tiếp nhận' };
    s.applications.markAccepted(a.localId, again?.id ?? 0, { code: '000.00.53.H48-261128-0001', receivedAt: 'x', appointmentAt: 'y', status });
    s.applications.byOfficialCode('000.00.53.H48-261128-0001');
    s.applications.updateStatus('000.00.53.H48-261128-0001', status, new Date().toISOString());

    const sup = s.supplements.commit({ code: '000.00.53.H48-261128-0001', requestId: 1, note: 'Bản sao', files: attachments });
    s.supplements.get(sup.localId);
    s.supplements.latestFor('000.00.53.H48-261128-0001', 1);
    s.supplements.outgoing(sup.localId);
    const [supEntry] = s.outbox.dueSupplements(Date.now() + 1, 10);
    s.supplements.markSent(sup.localId, supEntry?.id ?? 0, new Date().toISOString());
    s.supplements.markRefused(sup.localId, supEntry?.id ?? 0, 'Đã đóng yêu cầu');

    s.audit.record('system', 'test', null);
    s.settings.set('k', 'v');
    s.settings.get('k');
    const hoTich = { centre: '000.00.31.H48', area: 'A', areaName: 'Hộ tịch', counters: [1], priority: false };
    s.queue.saveCentre('000.00.31.H48', '{}', new Date().toISOString());
    s.queue.savedCentre('000.00.31.H48');
    s.queue.addBlock('000.00.31.H48', { area: 'A', day: '2026-12-03', from: 1, to: 10 });
    s.queue.remaining('000.00.31.H48', '2026-12-03');
    const offline = s.queue.issueOffline({ ...hoTich, day: '2026-12-03', issuedAt: new Date().toISOString() });
    s.queue.recordOnline({ ...hoTich, portalId: 'p-1', number: 11, day: '2026-12-03', issuedAt: new Date().toISOString(), ahead: 1, estimatedWaitMinutes: null, statusUrl: 'http://x/hang-doi/so/p-1' });
    s.queue.get(offline?.localId ?? '');
    s.queue.unreported(10);
    s.queue.markReported(offline?.localId ?? '', { portalId: 'p-2', statusUrl: 'http://x', ahead: 0, estimatedWaitMinutes: null }, new Date().toISOString());
    s.queue.markUnreportable(offline?.localId ?? '', 'NOT_IN_BLOCK', new Date().toISOString());
    s.queue.prune('2026-11-26');
    s.drafts.deleteSession('visit-1');
    s.drafts.delete(draft.id);
    s.retention.run();

    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([]);
    db.close();
  });

  it('touches each table from its one owner module only', () => {
    const owners: Record<string, string> = {
      procedures: 'catalogue-store.ts',
      procedures_fts: 'catalogue-store.ts',
      sync_state: 'catalogue-store.ts',
      applications: 'applications-store.ts',
      attachments: 'applications-store.ts',
      outbox: 'outbox-store.ts',
      drafts: 'drafts-store.ts',
      supplements: 'supplements-store.ts',
      supplement_attachments: 'supplements-store.ts',
      audit: 'audit-store.ts',
      settings: 'settings-store.ts',
      queue_blocks: 'queue-store.ts',
      queue_tickets: 'queue-store.ts',
      queue_centres: 'queue-store.ts',
    };
    const folder = path.join(repoRoot, 'src-main/store');
    const touched: string[] = [];
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'migrations.ts')) {
      const source = fs.readFileSync(path.join(folder, file), 'utf8');
      // Table names after the SQL words that read or write one; an upsert's DO UPDATE SET and json_each(…) name none.
      for (const m of source.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)) {
        const table = m[1] ?? '';
        if (table === 'SET' || table === 'json_each') continue;
        touched.push(table);
        expect(file, `${file} touches ${table}, which ${owners[table] ?? 'no module'} owns`).toBe(owners[table]);
      }
    }
    // The scan saw the statements: every table is touched by its owner.
    expect(new Set(touched)).toEqual(new Set(Object.keys(owners)));
  });
});
