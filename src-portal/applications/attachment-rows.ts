import type { Kysely } from 'kysely';
import type { PortalDb } from '../db/tables.js';
import type { UploadedDocument } from './multipart-reader.js';

/**
 * Records received documents against an application, in the order they were
 * sent, numbered on from `firstPosition` so a supplement's files follow the
 * ones already there. The blobs themselves are already in the attachment store.
 */
export async function insertAttachmentRows(
  db: Kysely<PortalDb>,
  applicationId: number,
  documents: readonly UploadedDocument[],
  firstPosition: number,
): Promise<void> {
  let position = firstPosition;
  for (const d of documents) {
    await db
      .insertInto('application_attachments')
      .values({
        application_id: applicationId,
        component_id: d.componentId,
        sha256: d.file.sha256,
        size: d.file.size,
        mime: d.file.mime ?? 'application/octet-stream',
        original_name: d.originalName,
        position: position++,
      })
      .execute();
  }
}
