import { KioskError } from '../../src-shared/errors.js';
import { fieldIssue } from '../../src-shared/detail-messages.js';
import { parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';
import { lookupUrlFor } from '../../src-shared/domain/lookup-url.js';
import { ATTACHMENT_MIMES, type AttachmentRef, type PrintedDocument } from '../../src-shared/kiosk-api.js';
import type { ApplicationFullView } from '../../src-shared/portal-applications-api.js';
import type { SupplementRequestView } from '../../src-shared/portal-officer-api.js';
import type { KioskConfig } from '../config.js';
// pdf-lib and fontkit take longer to load than the rest of the host: loaded on the first document, not at start (npm run bench, row 5).
const officerSlipPdf = () => import('../documents/officer-slip-pdf.js');
const receiptPdf = () => import('../documents/receipt-pdf.js');
import type { PortalClient } from '../portal/portal-client.js';
import { PortalCallError } from '../portal/portal-error.js';
import type { Printer } from '../printing/printer.js';
import type { PortalSignIn } from '../session/portal-sign-in.js';
import type { Applications, Audit, Catalogue, Supplements } from '../store/store.js';
import { feeLineName, headingParent } from '../documents/receipt-fees.js';
import type { OutboxSync } from '../sync/outbox-sync.js';
import { deliverPdf } from './document-handlers.js';
import type { Handlers } from './dispatcher.js';
import { toKioskError } from './portal-errors.js';
import { toSubmissionView } from './submission-handlers.js';

export interface OfficerDeps {
  config: KioskConfig;
  apps: Applications;
  portal: PortalClient;
  signIn: PortalSignIn;
  audit: Audit;
  supplements: Supplements;
  outboxSync: OutboxSync;
  printer: Printer | null;
  catalogue: Catalogue;
}

type AttachmentMime = AttachmentRef['mime'];
const EXTENSION: Record<AttachmentMime, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

function isAttachmentMime(m: string): m is AttachmentMime {
  return (ATTACHMENT_MIMES as readonly string[]).includes(m);
}


const codeOf = (raw: string): string => {
  const code = raw.trim().toUpperCase();
  if (!parseMaHoSo(code)) throw new KioskError('INVALID_CODE');
  return code;
};

/**
 * The counter officer's calls at the kiosk, and the citizen's side of a
 * supplement and a rating. Who may make them is decided once, by the
 * dispatcher's authorization table; each officer call goes to the portal
 * with the officer's OWN session (from the open shift), so the portal audits
 * who acted, and through which kiosk.
 */
export function officerHandlers(
  deps: OfficerDeps,
): Pick<
  Handlers,
  | 'submissions.forFix'
  | 'officer.worklist'
  | 'officer.application'
  | 'officer.attachment'
  | 'officer.accept'
  | 'officer.requestSupplement'
  | 'officer.reject'
  | 'officer.processing'
  | 'officer.returnResult'
  | 'supplements.request'
  | 'supplements.submit'
  | 'ratings.criteria'
  | 'ratings.submit'
> {
  const { apps, portal, signIn, audit } = deps;
  const copies = deps.config.mode === 'assisted' ? 'two' : 'single';
  /** The slips share the receipt's heading: the receiving agency under its own parent, from the catalogue's agency data. */
  const parentOf = (procedureCode: string): string | null => headingParent(deps.catalogue.get(procedureCode)?.agency);
  /**
   * Requests opened, so "Gửi bổ sung" is checked against them even offline;
   * each is bound to the portal session that opened it, so the next person
   * at the kiosk cannot send a supplement for someone else's application.
   */
  const openedRequests = new Map<string, { request: SupplementRequestView; session: string }>();
  /** The one-time rating token of a result just handed back at this counter, by mã hồ sơ, and who handed it back. */
  const ratingTokens = new Map<string, { token: string; expiresAt: number; by: string }>();

  const officerToken = (): { token: string; username: string } => {
    const token = signIn.presentStaffToken();
    const username = signIn.presentStaffUsername();
    if (!token || !username) throw KioskError.detailed('SIGN_IN_REQUIRED', 'NO_SHIFT_SIGN_IN');
    return { token, username };
  };

  const viaPortal = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof PortalCallError && e.status === 404 && e.portalCode === 'APPLICATION_NOT_FOUND') throw new KioskError('APPLICATION_NOT_FOUND');
      throw toKioskError(e);
    }
  };

  const result = (a: ApplicationFullView) => ({ code: a.code, status: { code: a.status.code, name: a.status.name }, appointmentAt: a.appointmentAt });

  const applicantOnSlip = (a: ApplicationFullView) => ({ fullName: a.applicant.fullName, address: a.applicant.address, phone: a.applicant.phone });

  const print = (pdf: Uint8Array, title: string, layout: 'a4' | 'thermal80', what: string): Promise<PrintedDocument> => deliverPdf(deps.printer, pdf, { title, layout, what });

  return {
    'submissions.forFix': (input) => {
      const app = apps.get(input.localId);
      const personal = app ? apps.personal(app.localId) : null;
      // Only a refused application is edited in place; anything else is the portal's now.
      if (!app || !personal || app.state !== 'needs_fix') throw KioskError.detailed('NOT_FOUND', 'NOTHING_TO_FIX');
      // File names are kept with the personal part, in the same order as the attachment rows.
      const attachments: AttachmentRef[] = app.attachments.flatMap((a, i) =>
        isAttachmentMime(a.mime)
          ? [{ componentId: a.componentId, fileName: personal.fileNames[i] ?? `${a.componentId}.${EXTENSION[a.mime]}`, mime: a.mime, size: a.size, sha256: a.sha256 }]
          : [],
      );
      return { application: toSubmissionView(app), applicant: personal.applicant, fields: personal.fields, attachments };
    },

    'officer.worklist': (input) => {
      const { token } = officerToken();
      return viaPortal(() =>
        portal.officerWorklist(token, {
          ...(input.procedureCode ? { procedureCode: input.procedureCode } : {}),
          ...(input.from ? { from: input.from } : {}),
          ...(input.to ? { to: input.to } : {}),
          ...(input.overdue ? { overdue: '1' as const } : {}),
          page: input.page,
        }),
      );
    },

    'officer.application': (input) => {
      const { token } = officerToken();
      return viaPortal(() => portal.officerApplication(token, codeOf(input.code)));
    },

    'officer.attachment': async (input) => {
      const { token } = officerToken();
      const file = await viaPortal(() => portal.officerAttachment(token, codeOf(input.code), input.sha256));
      if (!isAttachmentMime(file.mime)) throw KioskError.detailed('NOT_FOUND', 'ATTACHMENT_NO_PREVIEW');
      return { mime: file.mime, dataBase64: Buffer.from(file.bytes).toString('base64') };
    },

    'officer.accept': async (input) => {
      const { token, username } = officerToken();
      const code = codeOf(input.code);
      const done = await viaPortal(() => portal.acceptApplication(token, code, { expectedStatus: input.expectedStatus }));
      audit.record(`staff:${username}`, 'officer.accept', code);
      const r = done.receipt;
      const pdf = await (await receiptPdf()).renderReceiptPdf(
        {
          code: r.code,
          agency: { name: r.agency.name, parentName: parentOf(r.procedureCode) },
          applicant: { fullName: r.applicant.fullName, address: r.applicant.address, phone: r.applicant.phone, email: r.applicant.email },
          procedure: { code: r.procedureCode, name: r.procedureName },
          documents: r.documents.map((d) => ({ name: d.name, originals: d.originals, copies: d.copies })),
          processingDays: Math.round(r.processingDays),
          receivedAt: r.acceptedAt,
          appointmentAt: r.appointmentAt,
          resultPlace: `Bộ phận tiếp nhận và trả kết quả — ${r.agency.name}`,
          receivedBy: { name: r.receivedBy.name },
          lookupUrl: lookupUrlFor(r.code, deps.config.lookupBaseUrl),
          place: deps.config.place,
          fees: { items: r.fees.items.map((f) => ({ name: feeLineName(f), amount: f.amount })), total: r.fees.total, status: r.fees.status },
        },
        { layout: input.layout, copies },
      );
      const document = await print(pdf, `Giay tiep nhan ${code}`, input.layout, 'giấy tiếp nhận hồ sơ và hẹn trả kết quả');
      return { ...result(done.application), document };
    },

    'officer.requestSupplement': async (input) => {
      const { token, username } = officerToken();
      const code = codeOf(input.code);
      const done = await viaPortal(() =>
        portal.requestSupplement(token, code, {
          expectedStatus: input.expectedStatus,
          components: input.components.map((c) => ({ componentId: c.componentId, ...(c.reason ? { reason: c.reason } : {}) })),
          note: input.note,
        }),
      );
      audit.record(`staff:${username}`, 'officer.request_supplement', code);
      const q = done.request;
      const pdf = await (await officerSlipPdf()).renderSupplementSlipPdf(
        {
          code: q.code,
          agency: { name: q.agency.name, parentName: parentOf(done.application.procedureCode) },
          applicant: applicantOnSlip(done.application),
          procedureName: q.procedureName,
          components: q.components.map((c) => ({ name: c.name, reason: c.reason })),
          note: q.note,
          requestedAt: q.requestedAt,
          requestedBy: { name: q.requestedBy.name },
          lookupUrl: lookupUrlFor(q.code, deps.config.lookupBaseUrl),
          place: deps.config.place,
        },
        { layout: input.layout, copies },
      );
      const document = await print(pdf, `Phieu yeu cau bo sung ${code}`, input.layout, 'phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
      return { ...result(done.application), document };
    },

    'officer.reject': async (input) => {
      const { token, username } = officerToken();
      const code = codeOf(input.code);
      const done = await viaPortal(() => portal.rejectApplication(token, code, { expectedStatus: input.expectedStatus, reason: input.reason }));
      audit.record(`staff:${username}`, 'officer.reject', code);
      const slip = done.slip;
      const pdf = await (await officerSlipPdf()).renderRejectionSlipPdf(
        {
          code: slip.code,
          agency: { name: slip.agency.name, parentName: parentOf(done.application.procedureCode) },
          applicant: applicantOnSlip(done.application),
          procedureName: slip.procedureName,
          reason: slip.reason,
          rejectedAt: slip.rejectedAt,
          rejectedBy: { name: slip.rejectedBy.name },
          place: deps.config.place,
        },
        { layout: input.layout, copies },
      );
      const document = await print(pdf, `Phieu tu choi ${code}`, input.layout, 'phiếu từ chối tiếp nhận, giải quyết hồ sơ');
      return { ...result(done.application), document };
    },

    'officer.processing': async (input) => {
      const { token, username } = officerToken();
      const code = codeOf(input.code);
      const step = input.step === 'start' ? 'start-processing' : 'finish-processing';
      const done = await viaPortal(() => portal.processingStep(token, code, step, { expectedStatus: input.expectedStatus }));
      audit.record(`staff:${username}`, `officer.${step}`, code);
      return result(done);
    },

    'officer.returnResult': async (input) => {
      const { token, username } = officerToken();
      const code = codeOf(input.code);
      const done = await viaPortal(() =>
        portal.returnResult(token, code, { expectedStatus: input.expectedStatus, recipient: input.recipient, ...(input.collectFees ? { collectFees: true } : {}) }),
      );
      audit.record(`staff:${username}`, 'officer.return', code);
      // The citizen may rate right here, without signing in: the portal's one-time token stays in the host.
      ratingTokens.set(code, { token: done.ratingToken, expiresAt: Date.parse(done.ratingTokenExpiresAt), by: username });
      const slip = done.slip;
      const pdf = await (await officerSlipPdf()).renderReturnSlipPdf(
        {
          code: slip.code,
          agency: { name: slip.agency.name, parentName: parentOf(done.application.procedureCode) },
          applicant: { fullName: slip.applicantName },
          procedureName: slip.procedureName,
          recipient: slip.recipient,
          receivedAt: done.application.receivedAt,
          appointmentAt: slip.appointmentAt,
          returnedAt: slip.returnedAt,
          returnedBy: { name: slip.returnedBy.name },
          fees: { items: slip.fees.items.map((f) => ({ name: feeLineName(f), amount: f.amount })), total: slip.fees.total },
          feesCollected: slip.feesCollected,
          place: deps.config.place,
        },
        { layout: input.layout, copies },
      );
      const document = await print(pdf, `Phieu tra ket qua ${code}`, input.layout, 'phiếu trả kết quả');
      return { ...result(done.application), document, feesCollected: slip.feesCollected };
    },

    'supplements.request': async (input) => {
      const code = codeOf(input.code);
      const token = signIn.citizenToken();
      if (!token) throw KioskError.detailed('SIGN_IN_REQUIRED', 'SUPPLEMENT_SIGN_IN');
      const app = await viaPortal(() => portal.applicationAs(token, code));
      if (app.view !== 'full') throw KioskError.detailed('FORBIDDEN', 'SUPPLEMENT_NOT_OWNER');
      const request = await viaPortal(() => portal.supplementRequest(token, code)).catch((e: unknown) => {
        if (e instanceof KioskError && e.reason === 'SUPPLEMENT_NOT_REQUESTED') throw KioskError.detailed('NOT_FOUND', 'SUPPLEMENT_NOT_WAITING');
        throw e;
      });
      openedRequests.set(code, { request, session: token });
      const local = deps.supplements.latestFor(code, request.id);
      return { procedureCode: app.procedureCode, status: { code: app.status.code, name: app.status.name }, request, queued: local?.state === 'queued' };
    },

    'supplements.submit': (input) => {
      const code = codeOf(input.code);
      const token = signIn.citizenToken();
      if (!token) throw KioskError.detailed('SIGN_IN_REQUIRED', 'SUPPLEMENT_SIGN_IN');
      const opened = openedRequests.get(code);
      if (!opened || opened.session !== token) throw KioskError.detailed('NOT_FOUND', 'SUPPLEMENT_OPEN_FIRST');
      const { request } = opened;
      if (request.state !== 'open') throw KioskError.detailed('NOT_FOUND', 'SUPPLEMENT_NOT_WAITING');
      const asked = new Map(request.components.map((c) => [c.componentId, c.name]));
      const stray = input.attachments.find((a) => !asked.has(a.componentId));
      if (stray) throw KioskError.detailed('INVALID_INPUT', 'SUPPLEMENT_COMPONENT_STRAY', { id: stray.componentId });
      const missing = request.components.filter((c) => !input.attachments.some((a) => a.componentId === c.componentId));
      if (missing.length > 0) {
        const issues = missing.map((c) => fieldIssue(`attachments.${c.componentId}`, 'COMPONENT_NOT_ATTACHED', { name: c.name }));
        throw KioskError.detailed('MISSING_DOCUMENTS', 'SUPPLEMENT_MISSING', { names: missing.map((c) => c.name).join('; ') }, { issues });
      }
      // Committed with its own outbox entry: sent now if the portal answers, later if not, and once.
      const existing = deps.supplements.latestFor(code, request.id);
      if (existing && existing.state !== 'refused') return { code, state: existing.state === 'sent' ? ('sent' as const) : ('queued' as const), sentAt: existing.sentAt };
      deps.supplements.commit({ code, requestId: request.id, note: input.note ?? null, files: input.attachments });
      audit.record('citizen', 'supplement.submit', code);
      openedRequests.delete(code);
      deps.outboxSync.enqueued();
      return { code, state: 'queued' as const, sentAt: null };
    },

    'ratings.criteria': () => viaPortal(() => portal.ratingCriteria()),

    'ratings.submit': async (input) => {
      const code = codeOf(input.code);
      const held = ratingTokens.get(code);
      // Only at the counter that handed the result back, while that officer is there.
      const oneTime = held && held.expiresAt > Date.now() && held.by === signIn.presentStaffUsername() ? held.token : null;
      const session = oneTime ? null : signIn.citizenToken();
      if (!oneTime && !session) throw KioskError.detailed('SIGN_IN_REQUIRED', 'RATING_SIGN_IN');
      const saved = await viaPortal(() =>
        portal.submitRating(code, { scores: input.scores, ...(input.comment ? { comment: input.comment } : {}), ...(oneTime ? { ratingToken: oneTime } : {}) }, session),
      );
      ratingTokens.delete(code);
      // Who rated is never recorded at the kiosk either: only that a rating was given.
      audit.record('kiosk', 'rating.submit', code);
      return saved;
    },
  };
}
