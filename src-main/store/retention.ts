import fs from 'node:fs';
import type { ApplicationsStore } from './applications-store.js';
import type { BlobStore } from './blob-store.js';
import type { DraftsStore } from './drafts-store.js';
import type { Retention as RetentionApi } from './store.js';
import type { SupplementsStore } from './supplements-store.js';

const HOUR = 3_600_000;

/** Whoever still refers to attachment files: the owners of the tables that name them. */
export interface BlobReferrers {
  apps: Pick<ApplicationsStore, 'purgeAcceptedBefore' | 'referencedBlobs'>;
  drafts: Pick<DraftsStore, 'referencedBlobs'>;
  supplements: Pick<SupplementsStore, 'referencedBlobs'>;
}

/**
 * Personal data never outlives its purpose on a kiosk: applications the
 * portal holds lose their personal part after the retention period, and
 * attachment files nothing refers to any more are deleted. The policy lives
 * here; each table's owner does its own part of the purge.
 */
export class Retention implements RetentionApi {
  constructor(
    private readonly owners: BlobReferrers,
    private readonly blobs: BlobStore,
    /** A number, or where to read it each run ("Quản trị kiosk" may change it). */
    private readonly retentionDays: number | (() => number),
    private readonly now: () => Date = () => new Date(),
  ) {}

  run(): { purgedApplications: number; deletedBlobs: number } {
    const cutoff = new Date(this.now().getTime() - (typeof this.retentionDays === 'number' ? this.retentionDays : this.retentionDays()) * 24 * HOUR);
    const purgedApplications = this.owners.apps.purgeAcceptedBefore(cutoff);
    return { purgedApplications, deletedBlobs: this.cleanOrphans() };
  }

  /**
   * Deletes blobs no application, supplement or draft refers to. A blob
   * younger than an hour is spared: the citizen may have just attached it
   * and the draft that will refer to it is still being saved.
   */
  cleanOrphans(): number {
    const inUse = this.owners.drafts.referencedBlobs();
    for (const h of this.owners.apps.referencedBlobs()) inUse.add(h);
    for (const h of this.owners.supplements.referencedBlobs()) inUse.add(h);
    const { hashes, temps } = this.blobs.scan();
    const old = (file: string) => this.now().getTime() - fs.statSync(file).mtimeMs > HOUR;
    for (const t of temps) if (old(t)) this.blobs.removeTemp(t);
    let deleted = 0;
    for (const h of hashes) {
      if (inUse.has(h) || !old(this.blobs.pathOf(h))) continue;
      this.blobs.delete(h);
      deleted++;
    }
    return deleted;
  }
}
