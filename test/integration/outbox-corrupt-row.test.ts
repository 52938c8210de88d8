import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { PARKED_MESSAGE } from '../../src-main/sync/outbox-sync.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { signInCitizen, signInOfficer, wizardCaptcha } from '../support/host-session.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const FAST = { outbox: { idleMs: 200, backoff: { baseMs: 50, capMs: 400, floorMs: 20 } }, probeMs: 100 } as const;

interface View {
  localId: string;
  state: string;
  officialCode: string | null;
  portalMessage: string | null;
}
interface Sync {
  pending: number;
  parked: number;
}

async function call<T>(host: Host, name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

let seed = 11;
const rng = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

async function submit(host: Host): Promise<View> {
  const attachments = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    attachments.push(await call(host, 'attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  return call<View>(host, 'submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    submitter: PROXY_SUBMITTER,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
    ...(await wizardCaptcha(host)),
  });
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Flips bytes in the middle of an application's encrypted column, as a bad
 * sector or a restored wrong row would; returns a function that puts the
 * original bytes back (a restored backup).
 */
function corruptPersonal(dataDir: string, localId: string): () => void {
  const file = path.join(dataDir, 'kiosk.sqlite');
  const db = new Database(file);
  let original: Buffer;
  try {
    original = (db.prepare('SELECT personal FROM applications WHERE local_id = ?').get(localId) as { personal: Buffer }).personal;
    const bytes = Buffer.from(original);
    for (let i = 20; i < 28; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    db.prepare('UPDATE applications SET personal = ? WHERE local_id = ?').run(bytes, localId);
  } finally {
    db.close();
  }
  return () => {
    const again = new Database(file);
    try {
      again.prepare('UPDATE applications SET personal = ? WHERE local_id = ?').run(original, localId);
    } finally {
      again.close();
    }
  };
}

describe('a stored application that no longer decrypts', () => {
  it('is parked and shown to staff while the host stays up and the other applications drain', async () => {
    const portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-corrupt-'));
    cleanup.push(() => fs.rmSync(portalDir, { recursive: true, force: true }));
    const first = await startTestPortal({ dataDir: portalDir });
    const { port } = new URL(first.url);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-corrupt-'));
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const lines: string[] = [];
    const host = await createHost(KioskConfigSchema.parse({ portalUrl: first.url, dataDir, kioskId: 'KIOSK-BAD', training: true, mode: 'assisted' }), {
      shell: 'browser',
      log: (line) => lines.push(line),
      ...FAST,
    });
    cleanup.push(() => host.close());
    await signInCitizen(host, first.url);
    await signInOfficer(host, first.url);
    // Queued while the portal is away, so all three are waiting when the bad one is spoiled.
    await first.close();
    const queued = [await submit(host), await submit(host), await submit(host)];
    const [good1, bad, good2] = queued as [View, View, View];
    const restore = corruptPersonal(dataDir, bad.localId);

    const again = await startTestPortal({ dataDir: portalDir, port: Number(port) });
    cleanup.push(() => again.close());

    for (const v of [good1, good2]) {
      const done = await until(
        () => call<View>(host, 'submissions.get', { localId: v.localId }),
        (x) => x.state === 'accepted',
      );
      expect(done.officialCode).toMatch(/^000\.00\.31\.H48-\d{6}-\d{4}$/);
    }
    const sync = await until(
      () => call<Sync>(host, 'sync.state', {}),
      (s) => s.parked === 1,
    );
    expect(sync).toMatchObject({ pending: 0, parked: 1 });

    // Staff see it in the list, still queued (nothing was lost), with the reason in Vietnamese.
    const list = (await call<{ items: View[] }>(host, 'submissions.list', {})).items;
    const shown = list.find((a) => a.localId === bad.localId);
    expect(shown).toMatchObject({ state: 'queued', officialCode: null, portalMessage: PARKED_MESSAGE });
    expect(list.filter((a) => a.state === 'accepted').map((a) => a.localId).sort()).toEqual([good1.localId, good2.localId].sort());

    // The portal got the two good ones, once each, and nothing for the bad one.
    const onPortal = await again.context.db.selectFrom('applications').select('code').where('kiosk_id', '=', 'KIOSK-BAD').execute();
    expect(onPortal).toHaveLength(2);

    // The host still answers, and the parked entry stays put across later passes.
    await new Promise((r) => setTimeout(r, 600));
    expect(await call<Sync>(host, 'sync.state', {})).toMatchObject({ pending: 0, parked: 1 });
    expect((await call<View>(host, 'submissions.get', { localId: bad.localId })).state).toBe('queued');

    // The log names the entry and the error class, never the applicant.
    const parkedLines = lines.filter((l) => l.includes('outbox.parked'));
    expect(parkedLines).toHaveLength(1);
    expect(parkedLines[0]).toContain(`localId=${bad.localId}`);
    expect(parkedLines[0]).toMatch(/error=Error/);
    const all = lines.join('\n');
    for (const value of Object.values(APPLICANT)) if (String(value).length >= 4) expect(all).not.toContain(String(value));

    // Nothing was lost: once the row is restored, "Đồng bộ ngay" sends it, once.
    restore();
    await call(host, 'sync.now', {});
    const recovered = await until(
      () => call<View>(host, 'submissions.get', { localId: bad.localId }),
      (x) => x.state === 'accepted',
    );
    expect(recovered.portalMessage).toBeNull();
    expect(await call<Sync>(host, 'sync.state', {})).toMatchObject({ pending: 0, parked: 0 });
    expect(await again.context.db.selectFrom('applications').select('code').where('kiosk_id', '=', 'KIOSK-BAD').execute()).toHaveLength(3);
  });
});
