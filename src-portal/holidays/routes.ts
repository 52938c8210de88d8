import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { HolidayYearSchema, HolidayYearUpdateSchema } from '../../src-shared/portal-applications-api.js';
import type { PortalContext } from '../context.js';
import { requireAdmin } from '../auth/admin.js';
import { readHolidayYear, replaceHolidayYear } from './holiday-table.js';

const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2199) });
const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema };

/**
 * The portal's administrators keep the holiday table in line with the
 * government's announced schedule. Every officer may read it (appointments
 * are worked out from it); only an administrator may replace it.
 */
export function registerHolidayRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/holidays/:year',
    {
      schema: {
        summary: 'Bảng ngày nghỉ của một năm',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: YearParams,
        response: { 200: HolidayYearSchema, ...errors },
      },
    },
    async (req) => {
      await ctx.sessions.require(req, ['officer']);
      return readHolidayYear(ctx.db, req.params.year, ctx.now());
    },
  );

  r.put(
    '/api/v1/admin/holidays/:year',
    {
      schema: {
        summary: 'Thay bảng ngày nghỉ của một năm (theo lịch nghỉ Chính phủ công bố; quản trị viên)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: YearParams,
        body: HolidayYearUpdateSchema,
        response: { 200: HolidayYearSchema, ...errors },
      },
    },
    async (req) => {
      await requireAdmin(ctx, req);
      return replaceHolidayYear(ctx.db, req.params.year, req.body, ctx.now());
    },
  );
}
