import fs from 'node:fs';
import type { ApplicationsStore } from '../store/applications-store.js';
import type { BlobStore } from '../store/blob-store.js';
import type { DraftsStore } from '../store/drafts-store.js';
import type { StoreDatabase } from '../store/database.js';

const HOUR = 3_600_000;

/**
 * Personal data never outlives its purpose on a kiosk: applications the
 * portal holds lose their personal part after the retention period, and
 * attachment files nothing refers to any more are deleted.
 */
export class Retention {
  constructor(
    private readonly db: StoreDatabase,
    private readonly apps: ApplicationsStore,
    private readonly drafts: DraftsStore,
    private readonly blobs: BlobStore,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  run(): { purgedApplications: number; deletedBlobs: number } {
    const cutoff = new Date(this.now().getTime() - this.retentionDays * 24 * HOUR);
    const purgedApplications = this.apps.purgeAcceptedBefore(cutoff);
    return { purgedApplications, deletedBlobs: this.cleanOrphans() };
  }

  /**
   * Deletes blobs no application or draft refers to. A blob younger than an
   * hour is spared: the citizen may have just attached it and the draft that
   * will refer to it is still being saved.
   */
  cleanOrphans(): number {
    const inUse = this.drafts.referencedBlobs();
    const attached = "SELECT sha256 FROM attachments UNION SELECT sha256 FROM supplement_attachments";
    for (const r of this.db.prepare(attached).all() as { sha256: string }[]) inUse.add(r.sha256);
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
