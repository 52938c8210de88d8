import path from 'node:path';
import { NO_ABBREVIATIONS, type AbbreviationTable } from '../catalogue/abbreviations.js';
import { ApplicationsStore } from './applications-store.js';
import { AuditStore } from './audit-store.js';
import { BlobStore } from './blob-store.js';
import { CatalogueStore } from './catalogue-store.js';
import { CryptoBox } from './crypto-box.js';
import { openStore, type StoreDatabase } from './database.js';
import { DraftsStore } from './drafts-store.js';
import { OutboxStore } from './outbox-store.js';
import { QueueStore } from './queue-store.js';
import { Retention } from './retention.js';
import { SettingsStore } from './settings-store.js';
import type { KioskStore } from './store.js';
import { SupplementsStore } from './supplements-store.js';

export interface StoreOptions {
  kioskId: string;
  /** How long an accepted application keeps its personal part. */
  retentionDays: number | (() => number);
  now: () => Date;
  abbreviations?: AbbreviationTable;
}

/** The SQLite implementations, each owner built once and handed to those whose commits touch its table. */
export interface SqliteStores extends Omit<KioskStore, 'close'> {
  readonly catalogue: CatalogueStore;
  readonly applications: ApplicationsStore;
  readonly outbox: OutboxStore;
  readonly drafts: DraftsStore;
  readonly supplements: SupplementsStore;
  readonly audit: AuditStore;
  readonly settings: SettingsStore;
  readonly blobs: BlobStore;
  readonly retention: Retention;
  readonly queue: QueueStore;
}

/** Builds every store over an open database (tests use it to look under the interface). */
export function createStores(db: StoreDatabase, box: CryptoBox, blobs: BlobStore, opts: StoreOptions): SqliteStores {
  const outbox = new OutboxStore(db);
  const drafts = new DraftsStore(db, box, opts.now);
  const settings = new SettingsStore(db);
  const applications = new ApplicationsStore(db, box, blobs, { outbox, drafts, settings }, opts.kioskId, opts.now);
  const supplements = new SupplementsStore(db, box, blobs, outbox, opts.kioskId, opts.now);
  return {
    catalogue: new CatalogueStore(db, opts.abbreviations ?? NO_ABBREVIATIONS),
    applications,
    outbox,
    drafts,
    supplements,
    audit: new AuditStore(db, opts.now),
    settings,
    blobs,
    retention: new Retention({ apps: applications, drafts, supplements }, blobs, opts.retentionDays, opts.now),
    queue: new QueueStore(db),
  };
}

/**
 * Opens the kiosk's data: the SQLite database in `dataDir`, the data key in
 * `keyDir` (kept apart so a copy of the data alone reveals nothing) and the
 * encrypted attachment files in `dataDir/blobs`.
 */
export function openKioskStore(dirs: { dataDir: string; keyDir: string }, opts: StoreOptions): KioskStore {
  const db = openStore(dirs.dataDir);
  try {
    const box = CryptoBox.fromKeyFile(path.join(dirs.keyDir, 'data.key'));
    const stores = createStores(db, box, new BlobStore(path.join(dirs.dataDir, 'blobs'), box), opts);
    return { ...stores, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}
