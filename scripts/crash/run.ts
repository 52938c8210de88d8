import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startPortal } from '../../src-portal/server.js';

/**
 * `npm run test:crash`: kills a kiosk host with SIGKILL at random moments
 * while it submits and syncs applications against the real reference
 * portal, then checks that every acknowledged application is on the portal
 * exactly once with byte-identical attachments, and that the portal holds
 * nothing the kiosk does not know. Its last line is the verdict.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const driver = path.join(here, 'crash-driver.js');
const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-crash-'));
const kioskDir = path.join(work, 'kiosk');
const portal = await startPortal({ dataDir: path.join(work, 'portal'), resourcesDir: path.resolve(here, '../../resources'), mode: 'training' });

interface Ack {
  localId: string;
  hashes: string[];
}
const acks = new Map<string, Ack>();

function runDriver(mode: 'submit' | 'drain', killAfterMs: number | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [driver, kioskDir, portal.url, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      buffer += b.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ACK (\S+) (\S+)$/.exec(line);
        if (m?.[1] && m[2]) acks.set(m[1], { localId: m[1], hashes: m[2].split(',') });
        if (line === 'READY' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve();
      else reject(new Error(`driver exited with ${code}: ${err}`));
    });
  });
}

const started = Date.now();
let kills = 0;
for (; kills < KILLS; kills++) {
  // Mostly short lives (mid-transaction, mid-upload), now and then a longer one.
  const life = crypto.randomInt(0, 10) < 8 ? crypto.randomInt(5, 400) : crypto.randomInt(400, 2000);
  await runDriver('submit', life);
  if ((kills + 1) % 50 === 0) console.log(`… ${kills + 1} kills, ${acks.size} acknowledged, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
await runDriver('drain', null);

// What the kiosk knows: its applications and every idempotency key it ever used.
const kiosk = new Database(path.join(kioskDir, 'kiosk.sqlite'), { readonly: true });
const keyToLocal = new Map(
  (kiosk.prepare('SELECT idempotency_key, application_id FROM outbox').all() as { idempotency_key: string; application_id: string }[]).map((r) => [
    r.idempotency_key,
    r.application_id,
  ]),
);
kiosk.close();

const portalApps = await portal.context.db
  .selectFrom('applications')
  .select(['id', 'code', 'idempotency_key'])
  .where('kiosk_id', '=', 'CRASH-01')
  .execute();
const portalFiles = await portal.context.db.selectFrom('application_attachments').select(['application_id', 'sha256', 'position']).orderBy('position').execute();

const perLocal = new Map<string, number[]>();
let unknown = 0;
for (const a of portalApps) {
  const local = keyToLocal.get(a.idempotency_key);
  if (!local) {
    unknown++;
    continue;
  }
  perLocal.set(local, [...(perLocal.get(local) ?? []), a.id]);
}
let missing = 0;
let duplicated = 0;
let mismatches = 0;
const portalDataDir = path.join(work, 'portal');
for (const ack of acks.values()) {
  const ids = perLocal.get(ack.localId) ?? [];
  if (ids.length === 0) missing++;
  if (ids.length > 1) duplicated += ids.length - 1;
  for (const id of ids) {
    const files = portalFiles.filter((f) => f.application_id === id).map((f) => f.sha256);
    const same =
      files.length === ack.hashes.length &&
      files.every((h, i) => {
        const file = path.join(portalDataDir, 'attachments', h.slice(0, 2), h);
        return h === ack.hashes[i] && fs.existsSync(file) && crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') === h;
      });
    if (!same) mismatches++;
  }
}
// Applications the kiosk committed but never acknowledged (killed between commit and answer) may reach the portal too; that is fine.
await portal.close();
fs.rmSync(work, { recursive: true, force: true });
console.log(`unknown_to_kiosk=${unknown} seconds=${((Date.now() - started) / 1000).toFixed(0)}`);
console.log(`kills=${kills} acknowledged=${acks.size} on_portal=${portalApps.length} missing=${missing} duplicated=${duplicated} attachment_mismatches=${mismatches}`);
process.exit(missing + duplicated + mismatches + unknown === 0 && acks.size > 0 ? 0 : 1);
