import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '../../src-shared/portal-applications-api.js';
import { SupplementReceivedSchema, SupplementRequestViewSchema } from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { maySeeFull } from '../applications/access.js';
import type { AttachmentStore } from '../applications/attachment-store.js';
import { megabytes, type UploadLimits } from '../applications/multipart-reader.js';
import { requireApplication } from '../applications/records.js';
import { parseCodeParam } from '../applications/routes.js';
import { latestRequest, notRequested, requestView } from './requests.js';
import { submitSupplement } from './submit-supplement.js';
import { idempotencyKeyOf } from '../applications/idempotency.js';

const CodeParams = z.object({ code: z.string().max(100) });
const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema };

/** The citizen's side of "Bổ sung hồ sơ": what was asked, and sending it. */
export function registerSupplementRoutes(app: FastifyInstance, ctx: PortalContext, files: { store: AttachmentStore; limits: UploadLimits }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/applications/:code/supplement-request',
    {
      schema: {
        summary: 'Yêu cầu bổ sung mới nhất của hồ sơ (chủ hồ sơ, cán bộ cơ quan tiếp nhận)',
        tags: ['applications'],
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: SupplementRequestViewSchema, ...errors },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req, ['citizen', 'business', 'officer']);
      const row = await requireApplication(ctx.db, parseCodeParam(req.params.code));
      if (!maySeeFull(principal, row)) {
        throw new PortalHttpError(403, 'FORBIDDEN', 'Chỉ chủ hồ sơ hoặc cán bộ cơ quan tiếp nhận mới xem được yêu cầu bổ sung của hồ sơ này.');
      }
      const request = await latestRequest(ctx.db, row.id);
      if (!request) throw notRequested(row.code);
      return requestView(ctx.db, row, request);
    },
  );

  r.post(
    '/api/v1/applications/:code/supplements',
    {
      schema: {
        summary: 'Gửi bổ sung hồ sơ (multipart: phần JSON "application" và các tệp "doc:<mã thành phần>" đã được yêu cầu)',
        description:
          'Chỉ khi hồ sơ ở trạng thái 5 và yêu cầu bổ sung đang chờ. Header Idempotency-Key bắt buộc, cùng quy tắc như khi nộp hồ sơ: ' +
          'cùng khóa + cùng nội dung → trả lại kết quả ban đầu (Idempotent-Replayed: true).',
        tags: ['applications'],
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        params: CodeParams,
        headers: z.looseObject({ [IDEMPOTENCY_KEY_HEADER]: z.string().optional().describe('8–100 ký tự ASCII; một khóa cho mỗi lần gửi bổ sung.') }),
        response: { 201: SupplementReceivedSchema, ...errors, 409: PortalErrorSchema, 413: PortalErrorSchema, 415: PortalErrorSchema, 422: PortalErrorSchema },
      },
    },
    async (req, reply) => {
      const principal = await ctx.sessions.require(req, ['citizen', 'business', 'kiosk']);
      const code = parseCodeParam(req.params.code);
      const key = idempotencyKeyOf(req, 'mỗi lần bổ sung');
      // As for a submission: refuse an obviously oversized body before reading it.
      if (Number(req.headers['content-length'] ?? 0) > files.limits.maxApplicationBytes + 1024 * 1024) {
        throw new PortalHttpError(
          413,
          'APPLICATION_TOO_LARGE',
          `Tổng dung lượng các tệp bổ sung phải nhỏ hơn ${megabytes(files.limits.maxApplicationBytes)} MB.`,
        );
      }
      const result = await submitSupplement(ctx, files.store, files.limits, req, principal, code, key);
      if (result.replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return reply.code(result.status).send(result.body);
    },
  );
}
