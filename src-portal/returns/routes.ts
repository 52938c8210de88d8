import type { FastifyInstance } from 'fastify';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { ReturnedSchema, ReturnRequestSchema } from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { currentView, postOfficerAction } from '../officer/action-route.js';
import { returnResult } from './return-result.js';

export function registerReturnRoutes(app: FastifyInstance, ctx: PortalContext): void {
  postOfficerAction(app, ctx, {
    path: 'return',
    summary: 'Trả kết quả (9 → 10): kiểm tra CCCD người nhận hoặc ghi nhận người được ủy quyền, thu phí còn nợ; trả về nội dung phiếu trả kết quả',
    body: ReturnRequestSchema,
    response: ReturnedSchema,
    extraErrors: { 422: PortalErrorSchema },
    run: async (who, code, body) => {
      const outcome = await returnResult(ctx, who, code, body);
      return { application: await currentView(ctx, code), ...outcome };
    },
  });
}
