import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { toVnParts } from '../../src-shared/domain/vn-time.js';
import type { PortalContext } from '../context.js';
import { ensureHolidayYears } from '../holidays/holiday-table.js';
import { registerHolidayRoutes } from '../holidays/routes.js';
import { registerOfficerRoutes } from '../officer/routes.js';
import { registerPaymentRoutes } from '../payments/routes.js';
import { createAttachmentStore } from './attachment-store.js';
import { createRateLimiter } from './lookup-rate-limit.js';
import { MULTIPART_MAX_FILES, MULTIPART_MAX_JSON_BYTES } from './multipart-reader.js';
import { registerApplicationRoutes } from './routes.js';

const MB = 1024 * 1024;

/**
 * Submissions, lookup, payments, officer actions and the holiday table.
 * Registered as one plugin so multipart parsing exists only here.
 */
export async function registerApplicationsFeature(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  const year = toVnParts(ctx.now()).year;
  await ensureHolidayYears(ctx.db, year, year + 2, ctx.now());

  const limits = {
    maxFileBytes: Math.round(ctx.config.applications.maxFileMb * MB),
    maxApplicationBytes: Math.round(ctx.config.applications.maxApplicationMb * MB),
  };
  const store = createAttachmentStore(ctx.config.dataDir);
  const lookupLimiter = createRateLimiter(ctx.config.applications.publicLookupsPerMinute, ctx.now);

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // One byte over the limit is how the reader tells "exactly at the limit" from "too large".
      limits: {
        fileSize: limits.maxFileBytes + 1,
        files: MULTIPART_MAX_FILES,
        fields: 4,
        parts: MULTIPART_MAX_FILES + 4,
        fieldSize: MULTIPART_MAX_JSON_BYTES,
      },
      throwFileSizeLimit: false,
    });
    registerApplicationRoutes(scope, { ctx, store, limits, lookupLimiter });
    registerPaymentRoutes(scope, ctx);
    registerOfficerRoutes(scope, ctx, { store, limits });
    registerHolidayRoutes(scope, ctx);
  });
}
