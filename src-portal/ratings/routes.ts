import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  RatingCriteriaSchema,
  RatingSavedSchema,
  RatingSubmissionSchema,
  RatingSummaryQuerySchema,
  RatingSummarySchema,
} from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { parseCodeParam } from '../applications/routes.js';
import { actingOfficer } from '../officer/acting-officer.js';
import { loadRatingCriteria } from './criteria.js';
import { ratingSummary, saveRating } from './rating-service.js';

const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema, 503: PortalErrorSchema };

export function registerRatingRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/ratings/criteria',
    {
      schema: {
        summary: 'Bộ tiêu chí và thang điểm đánh giá mức độ hài lòng (kèm văn bản làm căn cứ)',
        tags: ['ratings'],
        response: { 200: RatingCriteriaSchema, 503: PortalErrorSchema },
      },
    },
    () => loadRatingCriteria(ctx.config.resourcesDir),
  );

  r.post(
    '/api/v1/applications/:code/rating',
    {
      schema: {
        summary: 'Đánh giá mức độ hài lòng của hồ sơ (trạng thái 9 hoặc 10; mỗi hồ sơ một lần)',
        description: 'Người nộp hồ sơ đăng nhập, hoặc gửi ratingToken nhận được khi trả kết quả tại quầy (dùng một lần).',
        tags: ['ratings'],
        params: z.object({ code: z.string().max(100) }),
        body: RatingSubmissionSchema,
        response: { 201: RatingSavedSchema, ...errors, 409: PortalErrorSchema },
      },
    },
    async (req, reply) => {
      const criteria = loadRatingCriteria(ctx.config.resourcesDir);
      const principal = req.body.ratingToken === undefined ? await ctx.sessions.fromRequest(req) : null;
      const saved = await saveRating(ctx, criteria, principal, parseCodeParam(req.params.code), req.body);
      return reply.code(201).send(saved);
    },
  );

  r.get(
    '/api/v1/officer/ratings/summary',
    {
      schema: {
        summary: 'Tổng hợp đánh giá mức độ hài lòng của cơ quan và từng cán bộ (không cho biết người đánh giá)',
        tags: ['officer', 'ratings'],
        security: [{ bearer: [] }],
        querystring: RatingSummaryQuerySchema,
        response: { 200: RatingSummarySchema, ...errors },
      },
    },
    async (req) => {
      const { principal } = await actingOfficer(ctx, req);
      const criteria = loadRatingCriteria(ctx.config.resourcesDir);
      const agency = await ctx.db.selectFrom('agencies').select(['code', 'name']).where('code', '=', principal.agencyCode).executeTakeFirst();
      return ratingSummary(ctx, criteria, agency ?? { code: principal.agencyCode, name: principal.agencyCode }, req.query);
    },
  );
}
