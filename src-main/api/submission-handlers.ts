import { KioskError } from '../../src-shared/errors.js';
import { cleanFileName } from '../../src-shared/domain/file-name.js';
import { sniffAttachmentMime } from '../../src-shared/domain/file-sniff.js';
import { DraftDataSchema, MAX_ATTACHMENT_BYTES, type SubmissionView } from '../../src-shared/kiosk-api.js';
import type { KioskConfig } from '../config.js';
import type { Visit } from '../session/visit.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import type { WizardCaptcha } from '../session/wizard-captcha.js';
import type { Applications, Audit, Blobs, Catalogue, Drafts, StoredApplication } from '../store/store.js';
import type { OutboxSync } from '../sync/outbox-sync.js';
import type { Handlers } from './dispatcher.js';
import { checkApplication, checkIdentity, checkSubmitter } from './application-checks.js';
import { KIOSK_CHANNEL } from '../../src-shared/domain/fees.js';
import { identityVerifiedBySignIn } from '../../src-shared/domain/document-waivers.js';

import type { CounterDesk } from '../session/counter-desk.js';

export interface SubmissionDeps {
  config: KioskConfig;
  catalogue: Catalogue;
  apps: Applications;
  blobs: Blobs;
  drafts: Drafts;
  visit: Visit;
  audit: Audit;
  outboxSync: OutboxSync;
  signIn: PortalSignIn;
  captcha: WizardCaptcha;
  /** The ticket this counter serves, if any (assisted mode with a counter number). */
  counterDesk: CounterDesk;
  now: () => Date;
}

export function toSubmissionView(a: StoredApplication): SubmissionView {
  return {
    localId: a.localId,
    provisionalNo: a.provisionalNo,
    procedureCode: a.procedureCode,
    procedureName: a.procedureName,
    agency: a.agency,
    state: a.state,
    officialCode: a.officialCode,
    receivedAt: a.receivedAt,
    appointmentAt: a.appointmentAt,
    status: a.status,
    portalMessage: a.portalMessage,
    queueTicket: a.queueTicket,
    createdAt: a.createdAt,
  };
}

export function submissionHandlers(deps: SubmissionDeps): Pick<
  Handlers,
  | 'attachments.add'
  | 'drafts.save'
  | 'drafts.current'
  | 'drafts.discard'
  | 'submissions.submit'
  | 'submissions.get'
  | 'submissions.list'
  | 'submissions.resubmit'
  | 'sync.state'
  | 'sync.now'
> {
  const { apps, blobs, drafts, visit, audit, outboxSync, catalogue } = deps;

  /** A draft id from the page is only honoured for the visit's own drafts. */
  const ownDraft = (id: string | undefined): void => {
    const owner = id ? drafts.sessionOf(id) : null;
    if (owner !== null && owner !== visit.current()) throw KioskError.detailed('FORBIDDEN', 'DRAFT_NOT_YOURS');
  };

  const view = (localId: string): SubmissionView => {
    const a = apps.get(localId);
    if (!a) throw new KioskError('NOT_FOUND');
    return toSubmissionView(a);
  };

  return {
    'attachments.add': (input) => {
      const bytes = Buffer.from(input.dataBase64, 'base64');
      if (bytes.length === 0) throw KioskError.detailed('INVALID_INPUT', 'ATTACHMENT_EMPTY');
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw new KioskError('FILE_TOO_LARGE');
      const mime = sniffAttachmentMime(bytes.subarray(0, 8));
      if (!mime) throw new KioskError('FILE_TYPE_NOT_ALLOWED');
      const sha256 = blobs.put(bytes);
      return { componentId: input.componentId, fileName: cleanFileName(input.fileName), mime, size: bytes.length, sha256 };
    },
    'drafts.save': (input) => {
      ownDraft(input.id);
      const saved = drafts.save({
        ...(input.id ? { id: input.id } : {}),
        procedureCode: input.procedureCode,
        sessionId: visit.current(),
        keep: input.keep,
        data: input.data,
        blobRefs: input.data.attachments.map((a) => a.sha256),
      });
      return { id: saved.id, updatedAt: saved.updatedAt };
    },
    'drafts.current': () => {
      const d = drafts.latestForSession(visit.current());
      return { draft: d ? { id: d.id, procedureCode: d.procedureCode, data: DraftDataSchema.parse(d.data), updatedAt: d.updatedAt } : null };
    },
    'drafts.discard': (input) => {
      ownDraft(input.id);
      drafts.delete(input.id);
      return { ok: true as const };
    },
    'submissions.submit': (input) => {
      // Self-service: the citizen signed in; assisted: the officer of the shift receives on their behalf,
      // and only while present (a locked counter means they stepped away).
      const staff = deps.signIn.presentStaffUsername();
      if (deps.config.mode === 'assisted' ? !staff : !deps.signIn.hasCitizen()) throw new KioskError('SIGN_IN_REQUIRED');
      // The captcha stops unattended automated submission from a public screen; a present officer
      // on a PIN-guarded shift is the human in the loop instead, and is audited by name below.
      if (!staff && !deps.captcha.verify(input.captchaId ?? '', input.captchaAnswer ?? '')) throw new KioskError('CAPTCHA_WRONG');
      const procedure = catalogue.get(input.procedureCode);
      if (!procedure) throw new KioskError('PROCEDURE_NOT_FOUND');
      ownDraft(input.draftId);
      // At the counter the officer receives for the walk-in; a self-service citizen is held to their own CCCD.
      const signedInCitizenId = staff ? null : deps.signIn.citizenId();
      const submitter = staff ? undefined : input.submitter;
      const fields = checkApplication(procedure, input, deps.now(), identityVerifiedBySignIn(signedInCitizenId, submitter?.kind, input.applicant.citizenId));
      checkSubmitter(signedInCitizenId, submitter?.kind, input.applicant);
      const { localId } = apps.submit({
        procedure: { code: procedure.code, name: procedure.name, agency: procedure.agency },
        applicant: input.applicant,
        fields,
        // The kiosk's mode decides the channel, and with it the fee rate, not the page (src-shared/domain/fees.ts).
        channel: KIOSK_CHANNEL[deps.config.mode],
        attachments: input.attachments,
        receivedBy: staff,
        // The host names the ticket the counter serves, as it names the officer: the UI cannot.
        queueTicket: staff ? deps.counterDesk.servingLabel() : null,
        signedInCitizenId,
        ...(submitter ? { submitter } : {}),
        // Idempotent per draft: a retried "Đồng ý" whose answer was lost returns the same application.
        draftId: input.draftId,
      });
      // Its receipt and details are this visit's to see again, and nobody's who comes after.
      visit.claim(localId);
      audit.record(staff ? `staff:${staff}` : 'citizen', staff ? 'submit.on_behalf' : 'submit', localId);
      outboxSync.enqueued();
      return view(localId);
    },
    'submissions.get': (input) => view(input.localId),
    'submissions.list': (input) => ({ items: apps.list(input.states ? { states: input.states } : {}).map(toSubmissionView) }),
    'submissions.resubmit': (input) => {
      const a = apps.get(input.localId);
      if (!a) throw new KioskError('NOT_FOUND');
      const procedure = catalogue.get(a.procedureCode);
      const sent = apps.personal(input.localId);
      // A procedure gone from the catalogue still gets the identity checks; the portal judges the rest.
      let fields = input.fields;
      const verified = identityVerifiedBySignIn(sent?.signedInCitizenId, sent?.submitter?.kind, input.applicant.citizenId);
      if (procedure) fields = checkApplication(procedure, input, deps.now(), verified);
      else checkIdentity(input.applicant, deps.now());
      // Staff may fix a typo, not turn the citizen's own application into someone else's.
      checkSubmitter(sent?.signedInCitizenId, sent?.submitter?.kind, input.applicant);
      apps.resubmit(input.localId, { applicant: input.applicant, fields, attachments: input.attachments });
      audit.record('kiosk', 'resubmit', input.localId);
      outboxSync.enqueued();
      return view(input.localId);
    },
    'sync.state': () => outboxSync.state(),
    'sync.now': () => {
      outboxSync.syncNow();
      return outboxSync.state();
    },
  };
}
