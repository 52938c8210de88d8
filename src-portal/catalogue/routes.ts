import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ProcedureSchema } from '../../src-shared/catalogue.js';
import { PortalErrorSchema, ProceduresPageSchema, ProceduresQuerySchema } from '../../src-shared/portal-api.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';

export async function catalogueVersion(db: Kysely<PortalDb>): Promise<number> {
  const row = await db.selectFrom('catalogue_meta').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

export function registerCatalogueRoutes(app: FastifyInstance, db: Kysely<PortalDb>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/procedures',
    {
      schema: {
        summary: 'Danh mục thủ tục hành chính (đồng bộ tăng dần theo phiên bản)',
        tags: ['catalogue'],
        querystring: ProceduresQuerySchema,
        response: { 200: ProceduresPageSchema, 304: z.null(), 400: PortalErrorSchema },
      },
    },
    async (req, reply) => {
      const { since, page, pageSize } = req.query;
      const version = await catalogueVersion(db);
      const etag = `W/"cat-${version}-${since}-${page}-${pageSize}"`;
      void reply.header('ETag', etag).header('Cache-Control', 'no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send(null);

      const changed = db.selectFrom('procedures').where('version', '>', since);
      const [{ total } = { total: 0 }] = await changed
        .where('removed', '=', 0)
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .execute();
      const rows = await changed
        .where('removed', '=', 0)
        .select('record')
        .orderBy('code')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      // Withdrawals are small in number: they ride along on the first page.
      const removed =
        page === 1 && since > 0
          ? (await changed.where('removed', '=', 1).select('code').execute()).map((x) => x.code)
          : [];
      return {
        version,
        page,
        pageSize,
        total: Number(total),
        items: rows.map((x) => ProcedureSchema.parse(JSON.parse(x.record))),
        removed,
      };
    },
  );

  r.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        summary: 'Chi tiết một thủ tục hành chính',
        tags: ['catalogue'],
        params: z.object({ code: z.string().min(1).max(60) }),
        response: { 200: ProcedureSchema, 404: PortalErrorSchema },
      },
    },
    async (req) => {
      const row = await db
        .selectFrom('procedures')
        .select('record')
        .where('code', '=', req.params.code)
        .where('removed', '=', 0)
        .executeTakeFirst();
      if (!row) throw new PortalHttpError(404, 'PROCEDURE_NOT_FOUND', 'Không tìm thấy thủ tục hành chính với mã này.');
      return ProcedureSchema.parse(JSON.parse(row.record));
    },
  );

  r.get(
    '/api/v1/agencies',
    {
      schema: {
        summary: 'Danh sách cơ quan thực hiện',
        tags: ['catalogue'],
        response: { 200: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) },
      },
    },
    async () => db.selectFrom('agencies').select(['code', 'name', 'level']).orderBy('code').execute(),
  );
}
