import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  DevBusinessCertificateSchema,
  DevCaptchaAnswerSchema,
  DevSmsQuerySchema,
  DevSmsResponseSchema,
} from '../../src-shared/portal-auth-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { trainingCaptchaAnswer } from '../auth/captcha.js';
import { normalizeVnMobile } from '../auth/identifiers.js';
import { readOutbox } from '../sms/provider.js';
import type { IssuedCertificate } from '../training/training-ca.js';
import { DEMO_ACCOUNTS } from '../training/demo-accounts.js';

export interface DevRouteDeps {
  /** Training certificates of the demo businesses, by MST. */
  demoCertificates: ReadonlyMap<string, IssuedCertificate>;
}

/**
 * Training-mode endpoints that show what a person would see elsewhere: the
 * SMS on their phone, the text of a captcha image, the key in a demo
 * business's token. Registered only in training mode — production answers
 * 404 because the routes do not exist.
 */
export function registerDevRoutes(app: FastifyInstance, ctx: PortalContext, deps: DevRouteDeps): void {
  if (ctx.config.mode !== 'training') throw new Error('dev endpoints exist only in training mode');
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/dev/sms',
    {
      schema: {
        summary: '[Tập huấn] Hộp thư SMS đã gửi (mới nhất trước)',
        tags: ['dev'],
        querystring: DevSmsQuerySchema,
        response: { 200: DevSmsResponseSchema, 400: PortalErrorSchema },
      },
    },
    async (req) => {
      let to: string | undefined;
      if (req.query.to) {
        const phone = normalizeVnMobile(req.query.to);
        if (!phone) throw new PortalHttpError(400, 'INVALID_PHONE', 'Số điện thoại di động không hợp lệ.');
        to = phone;
      }
      return { messages: await readOutbox(ctx.db, { ...(to ? { to } : {}), limit: req.query.limit }) };
    },
  );

  r.get(
    '/api/v1/dev/captcha/:id',
    {
      schema: {
        summary: '[Tập huấn] Đáp án của một mã xác thực chưa dùng',
        tags: ['dev'],
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: DevCaptchaAnswerSchema, 400: PortalErrorSchema, 404: PortalErrorSchema },
      },
    },
    async (req) => {
      const answer = await trainingCaptchaAnswer(ctx, req.params.id);
      if (!answer) throw new PortalHttpError(404, 'CAPTCHA_NOT_FOUND', 'Không có mã xác thực chưa dùng với mã này.');
      return { id: req.params.id, answer };
    },
  );

  r.get(
    '/api/v1/dev/business-certificate',
    {
      schema: {
        summary: '[Tập huấn] Chứng thư số và khóa của doanh nghiệp mẫu',
        tags: ['dev'],
        querystring: z.object({ taxCode: z.string().trim().max(20).optional() }),
        response: { 200: DevBusinessCertificateSchema, 400: PortalErrorSchema, 404: PortalErrorSchema },
      },
    },
    async (req) => {
      const business = req.query.taxCode
        ? DEMO_ACCOUNTS.businesses.find((b) => b.taxCode === req.query.taxCode)
        : DEMO_ACCOUNTS.businesses[0];
      const issued = business && deps.demoCertificates.get(business.taxCode);
      if (!business || !issued) throw new PortalHttpError(404, 'DEMO_BUSINESS_NOT_FOUND', 'Không có doanh nghiệp mẫu với mã số thuế này.');
      return {
        taxCode: business.taxCode,
        companyName: business.companyName,
        certificatePem: issued.certificatePem,
        privateKeyPem: issued.privateKeyPem,
        chainPem: [],
        algorithm: 'ECDSA-SHA256' as const,
      };
    },
  );
}
