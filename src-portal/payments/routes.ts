import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { PaymentQuoteSchema } from '../../src-shared/portal-applications-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { maySeeFull, requireOwnAgency } from '../applications/access.js';
import { requireApplication } from '../applications/records.js';
import { parseCodeParam } from '../applications/routes.js';
import { paymentQuote, settleFees } from './payment-service.js';

const CodeParams = z.object({ code: z.string().max(100) });
const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema, 409: PortalErrorSchema };

export function registerPaymentRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/applications/:code/payment',
    {
      schema: {
        summary: 'Phí, lệ phí của hồ sơ và mã VietQR để chuyển khoản',
        tags: ['payments'],
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: PaymentQuoteSchema, ...errors },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req);
      const row = await requireApplication(ctx.db, parseCodeParam(req.params.code));
      // The kiosk that sent the application shows its fees and VietQR to the citizen standing at it.
      const sentByThisKiosk = principal.role === 'kiosk' && row.submitted_by_account_id === principal.accountId;
      if (!maySeeFull(principal, row) && !sentByThisKiosk) {
        throw new PortalHttpError(403, 'FORBIDDEN', 'Chỉ chủ hồ sơ hoặc cán bộ cơ quan tiếp nhận mới xem được phí, lệ phí của hồ sơ này.');
      }
      return paymentQuote(row, ctx.config.payments);
    },
  );

  r.post(
    '/api/v1/officer/applications/:code/pay-at-counter',
    {
      schema: {
        summary: 'Cán bộ ghi nhận người nộp sẽ nộp phí, lệ phí tại quầy',
        tags: ['officer', 'payments'],
        security: [{ bearer: [] }],
        params: CodeParams,
        response: { 200: PaymentQuoteSchema, ...errors },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req, ['officer']);
      const row = await settleFees(
        ctx.db,
        parseCodeParam(req.params.code),
        'counter',
        { accountId: principal.accountId, role: 'officer', name: principal.displayName },
        ctx.now(),
        (app) => requireOwnAgency(principal, app),
      );
      return paymentQuote(row, ctx.config.payments);
    },
  );

  // The bank's confirmation, simulated: exists only in training mode.
  if (ctx.config.mode === 'training') {
    r.post(
      '/api/v1/dev/payments/:code/confirm',
      {
        schema: {
          summary: '[Đào tạo] Giả lập ngân hàng xác nhận đã nhận chuyển khoản',
          tags: ['dev'],
          params: CodeParams,
          response: { 200: PaymentQuoteSchema, ...errors },
        },
      },
      async (req) => {
        const row = await settleFees(
          ctx.db,
          parseCodeParam(req.params.code),
          'transfer',
          { accountId: null, role: 'system', name: 'Cổng thanh toán (môi trường đào tạo)' },
          ctx.now(),
        );
        return paymentQuote(row, ctx.config.payments);
      },
    );
  }
}
