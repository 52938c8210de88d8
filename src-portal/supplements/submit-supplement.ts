import type { FastifyRequest } from 'fastify';
import { SupplementDetailsSchema, type SupplementReceived } from '../../src-shared/portal-officer-api.js';
import type { Principal } from '../auth/principal.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { maySeeFull } from '../applications/access.js';
import type { AttachmentStore } from '../applications/attachment-store.js';
import { insertAttachmentRows } from '../applications/attachment-rows.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from '../applications/idempotency.js';
import { readSubmission, type UploadedDocument, type UploadLimits } from '../applications/multipart-reader.js';
import { loadProcedure, requireApplication, statusView, type ApplicationRow } from '../applications/records.js';
import { recordStatus, type Actor } from '../applications/status-change.js';
import { currentRequest, requestedComponents, type SupplementRequestRow } from './requests.js';

/**
 * POST /api/v1/applications/:code/supplements — "Gửi bổ sung". Read like a
 * submission (same multipart reader, file checks and idempotency rules);
 * the key is kept apart from submission keys so the by-key recovery of
 * applications never mistakes a supplement's answer for an application.
 */

export interface SupplementResult {
  status: number;
  body: SupplementReceived;
  replayed: boolean;
}


function mayProvide(principal: Principal, row: ApplicationRow): boolean {
  // An enrolled kiosk sends the supplement of a citizen who signed in at it, possibly after they left (its outbox).
  if (principal.role === 'kiosk') return true;
  return (principal.role === 'citizen' || principal.role === 'business') && maySeeFull(principal, row);
}

async function openRequestOf(ctx: PortalContext, row: ApplicationRow): Promise<SupplementRequestRow> {
  const request = await currentRequest(ctx.db, row);
  if (!request) {
    throw new PortalHttpError(409, 'NOT_AWAITING_SUPPLEMENT', `Hồ sơ ${row.code} không ở trạng thái chờ bổ sung giấy tờ.`);
  }
  if (request.state !== 'open') {
    throw new PortalHttpError(409, 'ALREADY_SUPPLEMENTED', `Hồ sơ ${row.code} đã được gửi bổ sung và đang chờ cán bộ xem xét.`);
  }
  return request;
}

async function checkComponents(ctx: PortalContext, row: ApplicationRow, request: SupplementRequestRow, documents: readonly UploadedDocument[]): Promise<void> {
  const asked = requestedComponents(request).map((c) => c.componentId);
  const askedSet = new Set(asked);
  const notAsked = [...new Set(documents.map((d) => d.componentId).filter((c) => !askedSet.has(c)))];
  if (notAsked.length > 0) {
    throw new PortalHttpError(
      400,
      'COMPONENT_NOT_REQUESTED',
      `Chỉ gửi bổ sung các thành phần hồ sơ cán bộ đã yêu cầu; không yêu cầu: ${notAsked.join(', ')}.`,
      notAsked.map((componentId) => ({ componentId })),
    );
  }
  const sent = new Set(documents.map((d) => d.componentId));
  const missing = asked.filter((c) => !sent.has(c));
  if (missing.length > 0) {
    const procedure = await loadProcedure(ctx.db, row.procedure_code);
    const names = new Map<string, string>(procedure ? procedure.documents.map((d) => [d.id, d.name]) : []);
    throw new PortalHttpError(
      400,
      'MISSING_DOCUMENTS',
      `Còn thiếu thành phần hồ sơ được yêu cầu bổ sung: ${missing.map((c) => names.get(c) ?? c).join('; ')}.`,
      missing.map((componentId) => ({ componentId, name: names.get(componentId) ?? componentId })),
    );
  }
}

async function actorOf(ctx: PortalContext, principal: Principal): Promise<Actor> {
  if (principal.role !== 'kiosk') return { accountId: principal.accountId, role: principal.role, name: principal.displayName };
  const kiosk = await ctx.db.selectFrom('accounts').select('username').where('id', '=', principal.accountId).executeTakeFirstOrThrow();
  return { accountId: principal.accountId, role: 'kiosk', name: principal.displayName, kioskId: kiosk.username };
}

export async function submitSupplement(
  ctx: PortalContext,
  store: AttachmentStore,
  limits: UploadLimits,
  req: FastifyRequest,
  principal: Principal,
  code: string,
  idempotencyKey: string,
): Promise<SupplementResult> {
  const { db } = ctx;
  const read = await readSubmission(req, store, limits);
  const files = read.documents.map((d) => d.file);
  const storedKey = `supplement:${idempotencyKey}`;
  let claimedAt: string | null = null;
  try {
    const fingerprint = requestFingerprint(
      principal.accountId,
      { supplementOf: code, details: read.application },
      read.documents.map((d) => ({ part: d.componentId, sha256: d.file.sha256 })),
    );
    const claim = await claimIdempotencyKey(db, storedKey, fingerprint, principal.accountId, ctx.now());
    if (claim.kind === 'replay') {
      await store.discard(files);
      return { status: claim.answer.status, body: claim.answer.body as SupplementReceived, replayed: true };
    }
    claimedAt = claim.startedAt;

    const details = SupplementDetailsSchema.safeParse(read.application);
    if (!details.success) {
      throw new PortalHttpError(400, 'INVALID_SUPPLEMENT', `Thông tin bổ sung không hợp lệ: ${details.error.issues.map((i) => i.message).join('; ')}`);
    }
    const row = await requireApplication(db, code);
    if (!mayProvide(principal, row)) {
      throw new PortalHttpError(403, 'FORBIDDEN', 'Chỉ chủ hồ sơ mới gửi bổ sung được cho hồ sơ này.');
    }
    const request = await openRequestOf(ctx, row);
    await checkComponents(ctx, row, request, read.documents);
    const actor = await actorOf(ctx, principal);

    for (const f of files) await store.promote(f);
    const body = await db.transaction().execute(async (trx) => {
      const at = ctx.now();
      const stamp = at.toISOString();
      // The officer may have decided meanwhile (refused, or the request was closed), or another send answered it first.
      const now = await trx.selectFrom('applications').select('status').where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
      if (now.status !== 5) {
        throw new PortalHttpError(409, 'NOT_AWAITING_SUPPLEMENT', `Hồ sơ ${row.code} không ở trạng thái chờ bổ sung giấy tờ.`);
      }
      const marked = await trx
        .updateTable('supplement_requests')
        .set({ state: 'supplemented', supplemented_at: stamp })
        .where('id', '=', request.id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) {
        throw new PortalHttpError(409, 'ALREADY_SUPPLEMENTED', `Hồ sơ ${row.code} đã được gửi bổ sung và đang chờ cán bộ xem xét.`);
      }
      const last = await trx
        .selectFrom('application_attachments')
        .select((eb) => eb.fn.max('position').as('maxPosition'))
        .where('application_id', '=', row.id)
        .executeTakeFirst();
      await insertAttachmentRows(trx, row.id, read.documents, Number(last?.maxPosition ?? -1) + 1);
      const counts = new Map<string, number>();
      for (const d of read.documents) counts.set(d.componentId, (counts.get(d.componentId) ?? 0) + 1);
      await trx.updateTable('applications').set({ updated_at: stamp }).where('id', '=', row.id).execute();
      const note = details.data.note ? `Người nộp đã gửi bổ sung hồ sơ: ${details.data.note.normalize('NFC')}` : 'Người nộp đã gửi bổ sung hồ sơ.';
      await recordStatus(trx, row.id, 5, 5, actor, note, at);
      const answer: SupplementReceived = {
        code: row.code,
        requestId: request.id,
        status: statusView(5),
        supplementedAt: stamp,
        documents: [...counts].map(([componentId, n]) => ({ componentId, files: n })),
      };
      await completeIdempotencyKey(trx, storedKey, row.id, { status: 201, body: answer });
      return answer;
    });
    return { status: 201, body, replayed: false };
  } catch (e) {
    await store.discard(files);
    if (claimedAt !== null) await releaseIdempotencyKey(db, storedKey, claimedAt);
    throw e;
  }
}
