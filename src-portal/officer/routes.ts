import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  ApplicationFullViewSchema,
  ApplicationListSchema,
  OfficerApplicationsQuerySchema,
  StatusChangeRequestSchema,
} from '../../src-shared/portal-applications-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { requireOwnAgency } from '../applications/access.js';
import { fullView, listPage, requireApplication } from '../applications/records.js';
import { parseCodeParam } from '../applications/routes.js';
import { changeStatus } from '../applications/status-change.js';

const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema };

/** The receiving agency's staff: work queue and status moves (with the audit trail). */
export function registerOfficerRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/officer/applications',
    {
      schema: {
        summary: 'Hồ sơ của cơ quan cán bộ đang đăng nhập, lọc theo trạng thái',
        tags: ['officer'],
        security: [{ bearer: [] }],
        querystring: OfficerApplicationsQuerySchema,
        response: { 200: ApplicationListSchema, ...errors },
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

  r.post(
    '/api/v1/officer/applications/:code/status',
    {
      schema: {
        summary: 'Chuyển trạng thái hồ sơ (chỉ các bước hợp lệ; ghi nhật ký)',
        tags: ['officer'],
        security: [{ bearer: [] }],
        params: z.object({ code: z.string().max(100) }),
        body: StatusChangeRequestSchema,
        response: { 200: ApplicationFullViewSchema, ...errors, 409: PortalErrorSchema },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req, ['officer']);
      const code = parseCodeParam(req.params.code);
      await ctx.db.transaction().execute(async (trx) => {
        const row = await requireApplication(trx, code);
        requireOwnAgency(principal, row);
        await changeStatus(
          trx,
          row,
          req.body.to,
          { accountId: principal.accountId, role: 'officer', name: principal.displayName },
          req.body.note ? req.body.note.normalize('NFC') : null,
          ctx.now(),
        );
      });
      return fullView(ctx.db, await requireApplication(ctx.db, code));
    },
  );
}
