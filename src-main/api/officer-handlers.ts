import { KioskError } from '../../src-shared/errors.js';
import { ATTACHMENT_MIMES, type AttachmentRef } from '../../src-shared/kiosk-api.js';
import type { ApplicationsStore } from '../store/applications-store.js';
import type { Handlers } from './dispatcher.js';
import { toSubmissionView } from './submission-handlers.js';

export interface OfficerDeps {
  apps: ApplicationsStore;
}

type AttachmentMime = AttachmentRef['mime'];
const EXTENSION: Record<AttachmentMime, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

function isAttachmentMime(m: string): m is AttachmentMime {
  return (ATTACHMENT_MIMES as readonly string[]).includes(m);
}

const NOTHING_TO_FIX = 'Hồ sơ này không ở trạng thái cần sửa, hoặc kiosk không còn dữ liệu của hồ sơ.';

/**
 * The counter officer's calls at the kiosk. Who may make them is decided
 * once, by the dispatcher's authorization table (the present officer only);
 * these handlers only answer for what this kiosk holds.
 */
export function officerHandlers(deps: OfficerDeps): Pick<Handlers, 'submissions.forFix'> {
  const { apps } = deps;
  return {
    'submissions.forFix': (input) => {
      const app = apps.get(input.localId);
      const personal = app ? apps.personal(app.localId) : null;
      // Only a refused application is edited in place; anything else is the portal's now.
      if (!app || !personal || app.state !== 'needs_fix') throw new KioskError('NOT_FOUND', NOTHING_TO_FIX);
      // File names are kept with the personal part, in the same order as the attachment rows.
      const attachments: AttachmentRef[] = app.attachments.flatMap((a, i) =>
        isAttachmentMime(a.mime)
          ? [{ componentId: a.componentId, fileName: personal.fileNames[i] ?? `${a.componentId}.${EXTENSION[a.mime]}`, mime: a.mime, size: a.size, sha256: a.sha256 }]
          : [],
      );
      return { application: toSubmissionView(app), applicant: personal.applicant, fields: personal.fields, attachments };
    },
  };
}
