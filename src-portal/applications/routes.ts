import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  ApplicationCreatedSchema,
  ApplicationListSchema,
  ApplicationLookupSchema,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyLookupSchema,
  MaHoSoSchema,
  MyApplicationsQuerySchema,
  type ApplicationCreated,
} from '../../src-shared/portal-applications-api.js';
import type { Principal } from '../auth/principal.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { maySeeFull } from './access.js';
import { scopedIdempotencyKey, idempotencyKeyOf } from './idempotency.js';
import type { AttachmentStore } from './attachment-store.js';
import { lookupBucket, type RateLimiter } from './lookup-rate-limit.js';
import type { UploadLimits } from './multipart-reader.js';
import { fullView, listPage, publicView, requireApplication, statusView, timelineOf } from './records.js';
import { submitApplication } from './submit.js';

export interface ApplicationRouteDeps {
  ctx: PortalContext;
  store: AttachmentStore;
  limits: UploadLimits;
  lookupLimiter: RateLimiter;
}

const INVALID_CODE_MESSAGE = 'Mã hồ sơ không đúng định dạng. Mã hồ sơ có dạng 000.00.53.H48-220921-0099.';

/** Parses a mã hồ sơ from the path, answering 400 INVALID_CODE rather than a generic validation error. */
export function parseCodeParam(raw: string): string {
  const r = MaHoSoSchema.safeParse(raw);
  if (!r.success) throw new PortalHttpError(400, 'INVALID_CODE', INVALID_CODE_MESSAGE);
  return r.data;
}


const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema };

export function registerApplicationRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): void {
  const { ctx, store, limits, lookupLimiter } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/applications',
    {
      schema: {
        summary: 'Nộp hồ sơ (multipart: phần JSON "application" và các tệp "doc:<mã thành phần>")',
        description:
          'Header Idempotency-Key bắt buộc. Cùng khóa + cùng nội dung → trả lại kết quả ban đầu (Idempotent-Replayed: true); ' +
          'cùng khóa + nội dung khác → 422 IDEMPOTENCY_KEY_REUSED; khi yêu cầu đầu còn đang xử lý → 409 IDEMPOTENCY_IN_FLIGHT.',
        tags: ['applications'],
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        // Documents the header; its real check (IDEMPOTENCY_KEY_REQUIRED) is in the handler, with its own error code.
        headers: z.looseObject({ [IDEMPOTENCY_KEY_HEADER]: z.string().optional().describe('8–100 ký tự ASCII, ví dụ một UUID; một khóa cho mỗi hồ sơ.') }),
        response: {
          201: ApplicationCreatedSchema,
          ...errors,
          409: PortalErrorSchema,
          413: PortalErrorSchema,
          415: PortalErrorSchema,
          422: PortalErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const principal = await ctx.sessions.require(req, ['citizen', 'business', 'officer', 'kiosk']);
      const key = scopedIdempotencyKey(principal.accountId, idempotencyKeyOf(req, 'mỗi hồ sơ'));
      // Refuse an obviously oversized body before reading it (JSON part and multipart framing get 1 MB of room).
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limits.maxApplicationBytes + 1024 * 1024) {
        throw new PortalHttpError(
          413,
          'APPLICATION_TOO_LARGE',
          `Tổng dung lượng các tệp đính kèm của hồ sơ phải nhỏ hơn ${Math.round(limits.maxApplicationBytes / (1024 * 1024))} MB.`,
        );
      }
      const result = await submitApplication(ctx, store, limits, req, principal, key);
      if (result.replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return reply.code(201).send(result.body);
    },
  );

  r.get(
    '/api/v1/applications',
    {
      schema: {
        summary: 'Danh sách hồ sơ của tài khoản đang đăng nhập',
        tags: ['applications'],
        security: [{ bearer: [] }],
        querystring: MyApplicationsQuerySchema,
        response: { 200: ApplicationListSchema, ...errors },
      },
    },
    async (req) => {
      // Not for kiosk devices: their list would name everyone who used the kiosk.
      const principal = await ctx.sessions.require(req, ['citizen', 'business', 'officer']);
      const { page, pageSize } = req.query;
      const mine = ctx.db.selectFrom('applications').where((eb) => {
        const own = [
          eb('owner_account_id', '=', principal.accountId),
          eb('submitted_by_account_id', '=', principal.accountId),
          eb('received_by_account_id', '=', principal.accountId),
        ];
        if (principal.role === 'citizen' && principal.citizenId) own.push(eb('applicant_citizen_id', '=', principal.citizenId));
        return eb.or(own);
      });
      return listPage(mine, page, pageSize);
    },
  );

  r.get(
    '/api/v1/applications/by-key/:idempotencyKey',
    {
      schema: {
        summary: 'Hồ sơ đã được tạo từ một khóa chống gửi trùng chưa (cho kiosk khôi phục sau sự cố)',
        tags: ['applications'],
        security: [{ bearer: [] }],
        params: z.object({ idempotencyKey: z.string().max(200) }),
        response: { 200: IdempotencyLookupSchema, ...errors },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req);
      const notFound = new PortalHttpError(404, 'IDEMPOTENCY_KEY_NOT_FOUND', 'Cổng chưa tạo hồ sơ nào với khóa này. Có thể gửi lại hồ sơ với cùng khóa.');
      const row = await ctx.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('key', '=', scopedIdempotencyKey(principal.accountId, req.params.idempotencyKey))
        .executeTakeFirst();
      if (!row) throw notFound;
      if (row.state === 'in_flight' || row.application_id === null || row.response_body === null) {
        if (row.account_id !== principal.accountId) throw notFound;
        return { state: 'in_flight' as const, startedAt: row.started_at };
      }
      const application = await ctx.db.selectFrom('applications').selectAll().where('id', '=', row.application_id).executeTakeFirstOrThrow();
      if (row.account_id !== principal.accountId && !maySeeFull(principal, application)) throw notFound;
      return {
        state: 'created' as const,
        application: ApplicationCreatedSchema.parse(JSON.parse(row.response_body)) satisfies ApplicationCreated,
        currentStatus: statusView(application.status),
      };
    },
  );

  r.get(
    '/api/v1/applications/:code',
    {
      schema: {
        summary: 'Tra cứu hồ sơ theo mã hồ sơ (công khai: thông tin rút gọn; chủ hồ sơ, cán bộ: đầy đủ)',
        tags: ['applications'],
        params: z.object({ code: z.string().max(100) }),
        response: { 200: ApplicationLookupSchema, ...errors, 429: PortalErrorSchema },
      },
    },
    async (req) => {
      const principal: Principal | null = await ctx.sessions.fromRequest(req);
      const sentByCaller =
        principal?.role === 'kiosk' &&
        (await ctx.db
          .selectFrom('applications')
          .select('id')
          .where('code', '=', req.params.code)
          .where('submitted_by_account_id', '=', principal.accountId)
          .executeTakeFirst()) !== undefined;
      const bucket = lookupBucket(principal, req.ip, sentByCaller);
      if (bucket !== null) lookupLimiter.hit(bucket);
      const code = parseCodeParam(req.params.code);
      const row = await requireApplication(ctx.db, code);
      return maySeeFull(principal, row) ? fullView(ctx.db, row) : publicView(row, await timelineOf(ctx.db, row.id));
    },
  );
}
