import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import '../src-shared/zod-locale.js';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../src-shared/log-redaction.js';
import { PortalConfigSchema, portalDatabaseLocation, type PortalConfig, type PortalConfigInput } from './config.js';
import { openPortalDatabase } from './db/database.js';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandler } from './http/errors.js';
import { applySeed, readSeedFiles } from './catalogue/seed.js';
import { registerCatalogueRoutes } from './catalogue/routes.js';
import type { PortalContext } from './context.js';
import { createSessionService } from './auth/sessions.js';
import { installAuth } from './auth/install.js';
import { registerApplicationsFeature } from './applications/feature.js';
import { registerQueueRoutes } from './queue/routes.js';
import { registerFleetRoutes } from './fleet/routes.js';

export interface RunningPortal {
  url: string;
  app: FastifyInstance;
  context: PortalContext;
  close(): Promise<void>;
}

export interface PortalOptions {
  now?: () => Date;
  /** Where request logs go when config.logRequests is on (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
}

/** Assembles the portal: database, seed, routes, OpenAPI. Does not listen. */
export async function buildPortal(input: PortalConfigInput, options: PortalOptions = {}): Promise<{ app: FastifyInstance; context: PortalContext }> {
  const config: PortalConfig = PortalConfigSchema.parse(input);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openPortalDatabase(portalDatabaseLocation(config));
  await applySeed(database.db, readSeedFiles(config.resourcesDir));

  const logFile = !options.logStream && config.logRequests && config.logFile ? openLogFile(config.logFile) : null;
  const stream = options.logStream ?? logFile;
  const app = Fastify({
    logger: config.logRequests
      ? {
          level: 'info',
          // The route pattern, not the URL: a query string can carry a phone number or a code.
          serializers: { req: (r) => ({ method: r.method, url: r.routeOptions?.url }) },
          redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_REDACT_CENSOR },
          ...(stream ? { stream } : {}),
        }
      : false,
    bodyLimit: 1024 * 1024,
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cổng dịch vụ công — API tham chiếu cho kiosk một cửa',
        description: 'Reference central portal API that Một cửa kiosk syncs with.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });

  const base = { config, db: database.db, now: options.now ?? (() => new Date()) };
  const context: PortalContext = { ...base, sessions: createSessionService(base) };

  registerCatalogueRoutes(app, database.db);
  await installAuth(app, context);
  await registerApplicationsFeature(app, context);
  registerQueueRoutes(app, context);
  registerFleetRoutes(app, context);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/api/v1/health', { schema: { hide: true } }, () => ({ ok: true, mode: config.mode }));

  app.addHook('onClose', async () => {
    await database.close();
    if (logFile) closeLogFile(logFile);
  });
  return { app, context };
}

type LogFile = ReturnType<typeof pino.destination>;

/** Appends JSON lines through sonic-boom directly: no worker-thread transport, which a bundled build cannot load. */
function openLogFile(file: string): LogFile {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const dest = pino.destination({ dest: file, append: true, mkdir: true, sync: false, mode: 0o600 });
  // A full disk ends the log, not the portal.
  dest.on('error', () => undefined);
  return dest;
}

function closeLogFile(dest: LogFile): void {
  try {
    dest.flushSync();
  } catch {
    // nothing left to flush, or the disk is gone: the portal still closes
  }
  dest.end();
}

export async function startPortal(input: PortalConfigInput, options: PortalOptions = {}): Promise<RunningPortal> {
  const { app, context } = await buildPortal(input, options);
  await app.listen({ host: context.config.host, port: context.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : context.config.port;
  return { url: `http://${context.config.host}:${port}`, app, context, close: () => app.close() };
}
