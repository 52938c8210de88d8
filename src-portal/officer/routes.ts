import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApplicationFullViewSchema,
  ApplicationListSchema,
  OfficerApplicationsQuerySchema,
  StatusChangeRequestSchema,
} from '../../src-shared/portal-applications-api.js';
import {
  AcceptedSchema,
  AcceptRequestSchema,
  ProcessingStepSchema,
  RejectedSchema,
  RejectRequestSchema,
  SupplementRequestBodySchema,
  SupplementRequestedSchema,
  WorklistQuerySchema,
  WorklistSchema,
} from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { requireOwnAgency } from '../applications/access.js';
import type { AttachmentStore } from '../applications/attachment-store.js';
import type { UploadLimits } from '../applications/multipart-reader.js';
import { listPage, lockApplication, requireApplication } from '../applications/records.js';
import { parseCodeParam } from '../applications/routes.js';
import { changeStatus, requireExpectedStatus } from '../applications/status-change.js';
import { registerRatingRoutes } from '../ratings/routes.js';
import { registerReturnRoutes } from '../returns/routes.js';
import { registerSupplementRoutes } from '../supplements/routes.js';
import { actingOfficer } from './acting-officer.js';
import { currentView, officerErrors, postOfficerAction } from './action-route.js';
import { acceptApplication, finishProcessing, rejectApplication, requestSupplement, startProcessing } from './reception.js';
import { readWorklist } from './worklist.js';


/**
 * Moves that carry rules of their own go through their own actions, never
 * the generic move: reception ("Tiếp nhận" counts the appointment from the
 * moment of acceptance; "Từ chối tiếp nhận" needs its reason and slip), a
 * supplement (its request and its answer), and the return ("Trả kết quả"
 * checks the person and collects fees still due).
 */
function requireNoDedicatedAction(row: { code: string; status: number }, to: number): void {
  if (to === 5) {
    throw new PortalHttpError(409, 'USE_DEDICATED_ACTION', `Vui lòng dùng chức năng "Yêu cầu bổ sung" để yêu cầu bổ sung hồ sơ ${row.code}.`);
  }
  if (to === 2 || to === 3) {
    throw new PortalHttpError(409, 'USE_DEDICATED_ACTION', `Vui lòng dùng chức năng "Tiếp nhận" hoặc "Từ chối tiếp nhận" cho hồ sơ ${row.code}.`);
  }
  if (to === 10) {
    throw new PortalHttpError(409, 'USE_DEDICATED_ACTION', `Vui lòng dùng chức năng "Trả kết quả" để trả kết quả hồ sơ ${row.code}: cần kiểm tra người nhận và thu phí còn thiếu.`);
  }
}

export interface OfficerRouteFiles {
  store: AttachmentStore;
  limits: UploadLimits;
}

/** The receiving agency's staff: worklists, reception decisions, processing steps, attachments, and the features built on them. */
export function registerOfficerRoutes(app: FastifyInstance, ctx: PortalContext, files: OfficerRouteFiles): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/officer/applications',
    {
      schema: {
        summary: 'Hồ sơ của cơ quan cán bộ đang đăng nhập, lọc theo trạng thái',
        tags: ['officer'],
        security: [{ bearer: [] }],
        querystring: OfficerApplicationsQuerySchema,
        response: { 200: ApplicationListSchema, ...officerErrors },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req, ['officer']);
      if (!principal.agencyCode) throw new PortalHttpError(403, 'WRONG_AGENCY', 'Tài khoản cán bộ chưa được gắn với cơ quan nào.');
      const { status, page, pageSize } = req.query;
      let q = ctx.db.selectFrom('applications').where('agency_code', '=', principal.agencyCode);
      if (status !== undefined) q = q.where('status', '=', status);
      return listPage(q, page, pageSize);
    },
  );

  r.get(
    '/api/v1/officer/worklist',
    {
      schema: {
        summary: 'Hồ sơ chờ tiếp nhận của cơ quan (mới nộp, hoặc đã bổ sung theo yêu cầu), lọc theo thủ tục, ngày, quá hạn',
        tags: ['officer'],
        security: [{ bearer: [] }],
        querystring: WorklistQuerySchema,
        response: { 200: WorklistSchema, ...officerErrors },
      },
    },
    async (req) => {
      const { principal } = await actingOfficer(ctx, req);
      return readWorklist(ctx, principal.agencyCode, req.query);
    },
  );

  r.get(
    '/api/v1/officer/applications/:code/attachments/:sha256',
    {
      schema: {
        summary: 'Tệp đính kèm của hồ sơ để xem trực tiếp (PDF, ảnh); chỉ cán bộ cơ quan tiếp nhận',
        tags: ['officer'],
        security: [{ bearer: [] }],
        description: 'Trả về chính tệp (application/pdf, image/jpeg, image/png; Content-Disposition: inline). Lỗi: 401, 403 WRONG_AGENCY, 404 ATTACHMENT_NOT_FOUND.',
        params: z.object({ code: z.string().max(100), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ.') }),
      },
    },
    async (req, reply) => {
      const principal = await ctx.sessions.require(req, ['officer']);
      const row = await requireApplication(ctx.db, parseCodeParam(req.params.code));
      requireOwnAgency(principal, row);
      const file = await ctx.db
        .selectFrom('application_attachments')
        .select(['mime', 'original_name', 'size'])
        .where('application_id', '=', row.id)
        .where('sha256', '=', req.params.sha256)
        .executeTakeFirst();
      const where = files.store.pathOf(req.params.sha256);
      if (!file || !fs.existsSync(where)) {
        throw new PortalHttpError(404, 'ATTACHMENT_NOT_FOUND', `Hồ sơ ${row.code} không có tệp đính kèm này.`);
      }
      const mime = z.enum(['application/pdf', 'image/jpeg', 'image/png']).parse(file.mime);
      return reply
        .header('content-type', mime)
        .header('content-length', String(file.size))
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(where));
    },
  );

  postOfficerAction(app, ctx, {
    path: 'accept',
    summary: 'Tiếp nhận hồ sơ (1 → 2, hoặc 5 → 2 sau khi bổ sung); hẹn trả tính từ lúc tiếp nhận; trả về nội dung Giấy tiếp nhận (Mẫu 01)',
    body: AcceptRequestSchema,
    response: AcceptedSchema,
    run: async (who, code, body) => {
      const receipt = await acceptApplication(ctx, who, code, body);
      return { application: await currentView(ctx, code), receipt };
    },
  });

  postOfficerAction(app, ctx, {
    path: 'request-supplement',
    summary: 'Yêu cầu bổ sung, hoàn thiện hồ sơ (→ 5): các thành phần còn thiếu hoặc chưa đúng và nội dung; gửi SMS cho người nộp',
    body: SupplementRequestBodySchema,
    response: SupplementRequestedSchema,
    run: async (who, code, body) => {
      const request = await requestSupplement(ctx, who, code, body);
      return { application: await currentView(ctx, code), request };
    },
  });

  postOfficerAction(app, ctx, {
    path: 'reject',
    summary: 'Từ chối tiếp nhận hồ sơ (→ 3) với lý do; trả về nội dung Phiếu từ chối tiếp nhận',
    body: RejectRequestSchema,
    response: RejectedSchema,
    run: async (who, code, body) => {
      const slip = await rejectApplication(ctx, who, code, body);
      return { application: await currentView(ctx, code), slip };
    },
  });

  for (const step of [
    { path: 'start-processing', summary: 'Chuyển hồ sơ sang Đang xử lý (2 → 4, hoặc 5 → 4 sau khi bổ sung)', run: startProcessing },
    { path: 'finish-processing', summary: 'Hồ sơ đã xử lý xong (4 → 9), chờ trả kết quả', run: finishProcessing },
  ]) {
    postOfficerAction(app, ctx, {
      path: step.path,
      summary: step.summary,
      body: ProcessingStepSchema,
      response: ApplicationFullViewSchema,
      run: async (who, code, body) => {
        await step.run(ctx, who, code, body);
        return currentView(ctx, code);
      },
    });
  }

  postOfficerAction(app, ctx, {
    path: 'status',
    summary: 'Chuyển trạng thái hồ sơ (chỉ các bước hợp lệ; ghi nhật ký)',
    body: StatusChangeRequestSchema,
    response: ApplicationFullViewSchema,
    run: async (who, code, body) => {
      await ctx.db.transaction().execute(async (trx) => {
        const row = await lockApplication(trx, code);
        requireOwnAgency(who.principal, row);
        if (body.expectedStatus !== undefined) requireExpectedStatus(row, body.expectedStatus);
        requireNoDedicatedAction(row, body.to);
        await changeStatus(trx, row, body.to, who.actor, body.note ? body.note.normalize('NFC') : null, ctx.now());
      });
      return currentView(ctx, code);
    },
  });

  registerSupplementRoutes(app, ctx, files);
  registerReturnRoutes(app, ctx);
  registerRatingRoutes(app, ctx);
}
