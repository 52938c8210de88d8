import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** An application the kiosk told its user was in, with the hashes of the bytes the driver generated. */
export interface Ack {
  localId: string;
  expected: string[];
}

export interface PortalVerdict {
  acknowledged: number;
  /** Applications in the kiosk's store. */
  kioskApplications: number;
  onPortal: number;
  /** Acknowledged, yet not on the portal. */
  missing: number;
  /** Extra portal applications for one kiosk application. */
  duplicated: number;
  /** Portal applications whose attachments are not byte-identical to the generated ones. */
  mismatches: number;
  /** Portal applications from this kiosk id under a key the kiosk never used. */
  unknown: number;
  /** Portal application count per idempotency key. */
  perKey: Map<string, number>;
  /** Keys of acknowledged applications that are on the portal exactly once, byte-identical. */
  soundKeys: Set<string>;
}

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * Compares what the kiosk acknowledged with what the portal holds, reading
 * both SQLite files directly (read-only), so it works whether the portal
 * runs in this process or as a child that was killed and restarted.
 */
export function checkPortal(o: { kioskDataDir: string; portalDataDir: string; kioskId: string; acks: Iterable<Ack> }): PortalVerdict {
  const kiosk = new Database(path.join(o.kioskDataDir, 'kiosk.sqlite'), { readonly: true });
  const keyToLocal = new Map(
    (kiosk.prepare('SELECT idempotency_key, application_id FROM outbox').all() as { idempotency_key: string; application_id: string }[]).map((r) => [
      r.idempotency_key,
      r.application_id,
    ]),
  );
  const kioskApplications = (kiosk.prepare('SELECT count(*) AS n FROM applications').get() as { n: number }).n;
  kiosk.close();

  const portal = new Database(path.join(o.portalDataDir, 'portal.sqlite'), { readonly: true });
  const apps = portal.prepare('SELECT id, idempotency_key FROM applications WHERE kiosk_id = ?').all(o.kioskId) as { id: number; idempotency_key: string }[];
  const files = portal.prepare('SELECT application_id, sha256 FROM application_attachments ORDER BY application_id, position').all() as {
    application_id: number;
    sha256: string;
  }[];
  portal.close();
  const filesOf = new Map<number, string[]>();
  for (const f of files) filesOf.set(f.application_id, [...(filesOf.get(f.application_id) ?? []), f.sha256]);

  const perLocal = new Map<string, number[]>();
  const perKey = new Map<string, number>();
  let unknown = 0;
  for (const a of apps) {
    // The portal scopes keys to the sending account ("<accountId>:<key>"); the kiosk knows only its own part.
    const key = keyToLocal.has(a.idempotency_key) ? a.idempotency_key : a.idempotency_key.replace(/^\d+:/, '');
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
    const local = keyToLocal.get(key);
    if (!local) {
      unknown++;
      continue;
    }
    perLocal.set(local, [...(perLocal.get(local) ?? []), a.id]);
  }

  let acknowledged = 0;
  let missing = 0;
  let duplicated = 0;
  let mismatches = 0;
  const localToKeys = new Map<string, string[]>();
  for (const [key, local] of keyToLocal) localToKeys.set(local, [...(localToKeys.get(local) ?? []), key]);
  const soundKeys = new Set<string>();
  for (const ack of o.acks) {
    acknowledged++;
    const ids = perLocal.get(ack.localId) ?? [];
    if (ids.length === 0) missing++;
    if (ids.length > 1) duplicated += ids.length - 1;
    for (const id of ids) {
      const held = filesOf.get(id) ?? [];
      const same =
        held.length === ack.expected.length &&
        held.every((h, i) => {
          const file = path.join(o.portalDataDir, 'attachments', h.slice(0, 2), h);
          return h === ack.expected[i] && fs.existsSync(file) && sha256(fs.readFileSync(file)) === ack.expected[i];
        });
      if (!same) mismatches++;
      else if (ids.length === 1) for (const key of localToKeys.get(ack.localId) ?? []) soundKeys.add(key);
    }
  }
  return { acknowledged, kioskApplications, onPortal: apps.length, missing, duplicated, mismatches, unknown, perKey, soundKeys };
}

/** `PRAGMA integrity_check` of a kiosk store: "ok" or what SQLite found. */
export function integrityOf(kioskDataDir: string): string {
  const file = path.join(kioskDataDir, 'kiosk.sqlite');
  if (!fs.existsSync(file)) return 'no database';
  try {
    const db = new Database(file, { readonly: true });
    try {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } finally {
      db.close();
    }
  } catch (e) {
    return `cannot open: ${e instanceof Error ? e.message : String(e)}`;
  }
}
