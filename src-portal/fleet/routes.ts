import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PortalErrorSchema, PORTAL_API_PREFIX } from '../../src-shared/portal-api.js';
import {
  DeviceHealthSchema,
  FLEET_PATH,
  FleetListSchema,
  HEARTBEAT_PATH,
  HeartbeatAcceptedSchema,
  KioskHeartbeatSchema,
  type FleetKiosk,
} from '../../src-shared/portal-fleet-api.js';
import { requireAdmin } from '../auth/admin.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { fleetFlags } from './flags.js';

/** The fleet: kiosks report with their device session; administrators list them with what is wrong. */
export function registerFleetRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    `${PORTAL_API_PREFIX}${HEARTBEAT_PATH}`,
    {
      schema: {
        summary: 'Kiosk báo còn hoạt động (phiên thiết bị của kiosk)',
        tags: ['fleet'],
        security: [{ bearer: [] }],
        body: KioskHeartbeatSchema,
        response: { 200: HeartbeatAcceptedSchema, 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema },
      },
    },
    async (req) => {
      const principal = await ctx.sessions.require(req, ['kiosk']);
      const account = await ctx.db.selectFrom('accounts').select('username').where('id', '=', principal.accountId).executeTakeFirst();
      if (!account) throw new PortalHttpError(401, 'KIOSK_NOT_ENROLLED', 'Kiosk chưa được đăng ký với Cổng dịch vụ công.');
      const h = req.body;
      const received = ctx.now();
      const row = {
        received_at: received.toISOString(),
        sent_at: h.sentAt,
        version: h.version,
        queue_depth: h.queueDepth,
        oldest_pending_at: h.oldestPendingAgeSeconds === null ? null : new Date(received.getTime() - h.oldestPendingAgeSeconds * 1000).toISOString(),
        last_sync_at: h.lastSyncAt,
        devices_json: JSON.stringify(h.devices),
        free_disk_bytes: h.freeDiskBytes,
        place: h.place ?? null,
      };
      await ctx.db
        .insertInto('kiosk_heartbeats')
        .values({ kiosk_id: account.username, ...row })
        .onConflict((oc) => oc.column('kiosk_id').doUpdateSet(row))
        .execute();
      return { ok: true as const, receivedAt: row.received_at };
    },
  );

  r.get(
    `${PORTAL_API_PREFIX}${FLEET_PATH}`,
    {
      schema: {
        summary: 'Danh sách kiosk và cảnh báo (quản trị viên)',
        tags: ['admin', 'fleet'],
        security: [{ bearer: [] }],
        response: { 200: FleetListSchema, 401: PortalErrorSchema, 403: PortalErrorSchema },
      },
    },
    async (req) => {
      await requireAdmin(ctx, req);
      const limits = ctx.config.fleet;
      const now = ctx.now();
      const rows = await ctx.db.selectFrom('kiosk_heartbeats').selectAll().orderBy('kiosk_id').execute();
      const kiosks: FleetKiosk[] = rows.map((row) => {
        const last = { receivedAt: row.received_at, oldestPendingAt: row.oldest_pending_at };
        return {
          kioskId: row.kiosk_id,
          place: row.place,
          receivedAt: row.received_at,
          version: row.version,
          queueDepth: row.queue_depth,
          oldestPendingAt: row.oldest_pending_at,
          lastSyncAt: row.last_sync_at,
          devices: DeviceHealthSchema.parse(JSON.parse(row.devices_json)),
          freeDiskBytes: row.free_disk_bytes === null ? null : Number(row.free_disk_bytes),
          flags: fleetFlags(last, now, limits),
        };
      });
      return { kiosks, ...limits };
    },
  );
}
