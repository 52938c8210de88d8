import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { KIOSK_ID_HEADER, ReturnedSchema, ReturnRequestSchema } from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { fullView, requireApplication } from '../applications/records.js';
import { parseCodeParam } from '../applications/routes.js';
import { actingOfficer } from '../officer/acting-officer.js';
import { returnResult } from './return-result.js';

export function registerReturnRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/officer/applications/:code/return',
    {
      schema: {
        summary: 'Trả kết quả (9 → 10): kiểm tra CCCD người nhận hoặc ghi nhận người được ủy quyền, thu phí còn nợ; trả về nội dung phiếu trả kết quả',
        tags: ['officer'],
        security: [{ bearer: [] }],
        headers: z.looseObject({ [KIOSK_ID_HEADER]: z.string().optional() }),
        params: z.object({ code: z.string().max(100) }),
        body: ReturnRequestSchema,
        response: {
          200: ReturnedSchema,
          400: PortalErrorSchema,
          401: PortalErrorSchema,
          403: PortalErrorSchema,
          404: PortalErrorSchema,
          409: PortalErrorSchema,
          422: PortalErrorSchema,
        },
      },
    },
    async (req) => {
      const who = await actingOfficer(ctx, req);
      const code = parseCodeParam(req.params.code);
      const outcome = await returnResult(ctx, who, code, req.body);
      return { application: await fullView(ctx.db, await requireApplication(ctx.db, code)), ...outcome };
    },
  );
}
