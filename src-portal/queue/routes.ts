import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vnDateKey } from '../../src-shared/domain/vn-time.js';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import {
  CallsQuerySchema,
  CallsSchema,
  CounterActionSchema,
  FiguresQuerySchema,
  NumberBlockSchema,
  OfflineTicketSchema,
  QueueCentreSchema,
  QueueFiguresSchema,
  ReserveBlockSchema,
  TakeTicketSchema,
  TicketSchema,
  TransferSchema,
} from '../../src-shared/portal-queue-api.js';
import type { PortalContext } from '../context.js';
import { actingOfficer } from '../officer/acting-officer.js';
import { requireCentre } from './centres.js';
import { actOnTicket, callNext, counterNow, callsAfter, describeCentre, figuresOf, reconcileOfflineTicket, reserveBlock, takeTicket, ticketStatus, transferTicket, type QueueDeps } from './queue-service.js';
import { registerQueuePages } from './pages.js';

const errors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema, 409: PortalErrorSchema, 503: PortalErrorSchema };
const AgencyParams = z.object({ agency: z.string().min(1).max(40) });
const TicketParams = z.object({ id: z.uuid() });

/**
 * The queue of each one-stop centre: kiosks take tickets (and blocks of
 * numbers for when they are offline), officers call them, the hall's board
 * and the ticket's QR read them without signing in. Nothing here names a
 * person.
 */
export function registerQueueRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const centre = (agency: string) => requireCentre(ctx.config.resourcesDir, agency);
  const deps = (req: FastifyRequest): QueueDeps => ({ ctx, statusUrl: (id) => `${req.protocol}://${req.host}/hang-doi/so/${id}` });

  async function kioskId(req: FastifyRequest): Promise<string> {
    const principal = await ctx.sessions.require(req, ['kiosk']);
    const row = await ctx.db.selectFrom('accounts').select('username').where('id', '=', principal.accountId).executeTakeFirstOrThrow();
    return row.username;
  }

  r.get(
    '/api/v1/queue/centres/:agency',
    { schema: { summary: 'Các lĩnh vực lấy số của bộ phận một cửa, quầy tiếp nhận và số người đang chờ', tags: ['queue'], params: AgencyParams, response: { 200: QueueCentreSchema, ...errors } } },
    (req) => describeCentre(deps(req), centre(req.params.agency)),
  );

  r.post(
    '/api/v1/queue/centres/:agency/tickets',
    {
      schema: {
        summary: 'Lấy số thứ tự (kiosk)',
        tags: ['queue'],
        security: [{ bearer: [] }],
        params: AgencyParams,
        body: TakeTicketSchema,
        response: { 201: TicketSchema, ...errors },
      },
    },
    async (req, reply) => {
      // Who is asking comes first: a stranger learns nothing about which centres queue.
      const kiosk = await kioskId(req);
      return reply.code(201).send(await takeTicket(deps(req), centre(req.params.agency), req.body, kiosk));
    },
  );

  r.post(
    '/api/v1/queue/centres/:agency/blocks',
    {
      schema: {
        summary: 'Dành một dãy số cho kiosk cấp khi mất kết nối',
        tags: ['queue'],
        security: [{ bearer: [] }],
        params: AgencyParams,
        body: ReserveBlockSchema,
        response: { 201: NumberBlockSchema, ...errors },
      },
    },
    async (req, reply) => {
      // Who is asking comes first: a stranger learns nothing about which centres queue.
      const kiosk = await kioskId(req);
      return reply.code(201).send(await reserveBlock(deps(req), centre(req.params.agency), req.body, kiosk));
    },
  );

  r.post(
    '/api/v1/queue/centres/:agency/offline-tickets',
    {
      schema: {
        summary: 'Báo số kiosk đã cấp khi mất kết nối (gửi lại nhiều lần vẫn là một số)',
        tags: ['queue'],
        security: [{ bearer: [] }],
        params: AgencyParams,
        body: OfflineTicketSchema,
        response: { 201: TicketSchema, ...errors },
      },
    },
    async (req, reply) => {
      // Who is asking comes first: a stranger learns nothing about which centres queue.
      const kiosk = await kioskId(req);
      return reply.code(201).send(await reconcileOfflineTicket(deps(req), centre(req.params.agency), req.body, kiosk));
    },
  );

  r.get(
    '/api/v1/queue/tickets/:id',
    { schema: { summary: 'Trạng thái một số thứ tự (mã QR trên phiếu)', tags: ['queue'], params: TicketParams, response: { 200: TicketSchema, ...errors } } },
    (req) => ticketStatus(deps(req), centre, req.params.id),
  );

  r.get(
    '/api/v1/queue/centres/:agency/calls',
    {
      schema: {
        summary: 'Các lượt gọi số hôm nay sau lượt `after` (bảng hiển thị)',
        tags: ['queue'],
        params: AgencyParams,
        querystring: CallsQuerySchema,
        response: { 200: CallsSchema, ...errors },
      },
    },
    async (req) => {
      centre(req.params.agency);
      return { calls: await callsAfter(ctx.db, req.params.agency, req.query.after, vnDateKey(ctx.now())) };
    },
  );

  const officerSchema = { tags: ['officer', 'queue'], security: [{ bearer: [] }] };

  r.post(
    '/api/v1/officer/queue/next',
    { schema: { ...officerSchema, summary: 'Gọi số tiếp theo cho quầy', body: CounterActionSchema, response: { 200: TicketSchema, ...errors } } },
    async (req) => {
      const { principal } = await actingOfficer(ctx, req);
      return callNext(deps(req), centre(principal.agencyCode), req.body.counter);
    },
  );

  r.get(
    '/api/v1/officer/queue/counters/:counter',
    {
      schema: {
        ...officerSchema,
        summary: 'Số quầy đang gọi hoặc đang phục vụ',
        params: z.object({ counter: z.coerce.number().int().positive() }),
        response: { 200: z.object({ serving: TicketSchema.nullable() }), ...errors },
      },
    },
    async (req) => {
      const { principal } = await actingOfficer(ctx, req);
      return { serving: await counterNow(deps(req), centre(principal.agencyCode), req.params.counter) };
    },
  );

  for (const action of ['recall', 'absent', 'complete'] as const) {
    const summary = { recall: 'Gọi lại số đang gọi', absent: 'Vắng mặt: số trở lại hàng chờ; vắng lần thứ 3 thì hủy', complete: 'Hoàn thành phục vụ' }[action];
    r.post(
      `/api/v1/officer/queue/tickets/:id/${action}`,
      { schema: { ...officerSchema, summary, params: TicketParams, body: CounterActionSchema, response: { 200: TicketSchema, ...errors } } },
      async (req) => {
        const { principal } = await actingOfficer(ctx, req);
        return actOnTicket(deps(req), centre(principal.agencyCode), req.params.id, req.body.counter, action);
      },
    );
  }

  r.post(
    '/api/v1/officer/queue/tickets/:id/transfer',
    {
      schema: {
        ...officerSchema,
        summary: 'Chuyển số đang gọi sang quầy khác (giữ chỗ trong hàng)',
        params: TicketParams,
        body: CounterActionSchema.extend(TransferSchema.shape),
        response: { 200: TicketSchema, ...errors },
      },
    },
    async (req) => {
      const { principal } = await actingOfficer(ctx, req);
      return transferTicket(deps(req), centre(principal.agencyCode), req.params.id, req.body.counter, req.body.toCounter);
    },
  );

  r.get(
    '/api/v1/officer/queue/figures',
    { schema: { ...officerSchema, summary: 'Số liệu hàng đợi trong ngày: thời gian chờ, thời gian phục vụ, số vắng mặt, giờ đông nhất', querystring: FiguresQuerySchema, response: { 200: QueueFiguresSchema, ...errors } } },
    async (req) => {
      const { principal } = await actingOfficer(ctx, req);
      centre(principal.agencyCode);
      return figuresOf(ctx.db, principal.agencyCode, req.query.day ?? vnDateKey(ctx.now()));
    },
  );

  registerQueuePages(app, ctx);
}
