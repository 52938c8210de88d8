import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import { KioskLoginSchema, KioskDeviceSessionSchema } from '../../src-shared/portal-kiosk-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { requireAdmin } from './admin.js';
import { enrolmentCodeMatches, isLoopbackAddress, loadOrCreateEnrolmentCode } from './kiosk-enrolment.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { isUniqueViolation } from '../db/errors.js';

/**
 * Kiosk devices. A kiosk sends the applications it received on its own —
 * after the citizen has left, or when the portal was down while they were
 * there — so it holds a session of its own, opened with its device key.
 * Training portals enrol a kiosk the first time it shows up, from this
 * machine or with the trainer's enrolment code (kiosk-enrolment.ts); in
 * production an administrator enrols it and hands the key to whoever
 * installs the kiosk.
 */
/** A kiosk device is an account of role 'kiosk': its id is the username, its device key is hashed like a password. */
async function insertKioskAccount(ctx: PortalContext, kioskId: string, kioskKey: string): Promise<number> {
  const passwordHash = await hashPassword(kioskKey);
  try {
    return await insertKioskRow(ctx, kioskId, passwordHash);
  } catch (e) {
    // Usernames are one namespace: the id may be a staff username, or a parallel first contact won.
    if (isUniqueViolation(e)) {
      throw new PortalHttpError(409, 'KIOSK_ID_TAKEN', 'Mã kiosk này đã được dùng cho một tài khoản khác. Vui lòng đặt mã kiosk khác rồi thử lại.');
    }
    throw e;
  }
}

async function insertKioskRow(ctx: PortalContext, kioskId: string, passwordHash: string): Promise<number> {
  const row = await ctx.db
    .insertInto('accounts')
    .values({
      role: 'kiosk',
      username: kioskId,
      display_name: `Kiosk ${kioskId}`,
      password_hash: passwordHash,
      citizen_id: null,
      tax_code: null,
      agency_code: null,
      phone: null,
      email: null,
      address: null,
      birth_date: null,
      is_demo: 0,
      disabled: 0,
      locked_until: null,
      created_at: ctx.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const NOT_ENROLLED_MESSAGE = 'Kiosk chưa được đăng ký với Cổng dịch vụ công. Vui lòng liên hệ quản trị viên để đăng ký thiết bị.';
const TRAINING_NOT_ENROLLED_MESSAGE =
  'Kiosk chưa được đăng ký với cổng tập huấn. Cổng tập huấn chỉ tự đăng ký kiosk chạy trên cùng máy; kiosk ở máy khác cần mã đăng ký kiosk do người phụ trách tập huấn cung cấp.';

export function registerKioskDeviceRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const enrolmentCode = ctx.config.mode === 'training' ? loadOrCreateEnrolmentCode(ctx.config.dataDir) : null;

  r.post(
    '/api/v1/auth/kiosk',
    {
      schema: {
        summary: 'Kiosk đăng nhập bằng khóa thiết bị',
        tags: ['auth'],
        body: KioskLoginSchema,
        response: { 200: KioskDeviceSessionSchema, 400: PortalErrorSchema, 401: PortalErrorSchema, 409: PortalErrorSchema },
      },
    },
    async (req) => {
      const { kioskId, kioskKey, enrolmentCode: givenCode } = req.body;
      const row = await ctx.db
        .selectFrom('accounts')
        .select(['id', 'password_hash', 'disabled'])
        .where('role', '=', 'kiosk')
        .where('username', '=', kioskId)
        .executeTakeFirst();
      if (!row) {
        if (enrolmentCode === null) {
          await burnPasswordCheck(kioskKey);
          throw new PortalHttpError(401, 'KIOSK_NOT_ENROLLED', NOT_ENROLLED_MESSAGE);
        }
        const local = isLoopbackAddress(req.ip);
        if (!local && !enrolmentCodeMatches(enrolmentCode, givenCode)) {
          await burnPasswordCheck(kioskKey);
          req.log.info({ event: 'kiosk.enrolment_refused', local }, 'kiosk enrolment refused (training)');
          throw new PortalHttpError(401, 'KIOSK_NOT_ENROLLED', TRAINING_NOT_ENROLLED_MESSAGE);
        }
        const id = await insertKioskAccount(ctx, kioskId, kioskKey);
        req.log.info({ event: 'kiosk.enrolled', accountId: id, local }, 'kiosk enrolled (training)');
        return { ...(await ctx.sessions.issue(id)), kioskId };
      }
      if (!row.password_hash || !(await verifyPassword(kioskKey, row.password_hash)) || row.disabled) {
        throw new PortalHttpError(401, 'KIOSK_KEY_INVALID', 'Khóa thiết bị của kiosk không đúng hoặc đã bị thu hồi.');
      }
      return { ...(await ctx.sessions.issue(row.id)), kioskId };
    },
  );

  r.post(
    '/api/v1/admin/kiosks',
    {
      schema: {
        summary: 'Đăng ký kiosk mới và cấp khóa thiết bị (quản trị viên)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        body: KioskLoginSchema.pick({ kioskId: true }),
        response: { 200: z.object({ kioskId: z.string(), kioskKey: z.string() }), 401: PortalErrorSchema, 403: PortalErrorSchema, 409: PortalErrorSchema },
      },
    },
    async (req) => {
      await requireAdmin(ctx, req);
      const { kioskId } = req.body;
      const exists = await ctx.db.selectFrom('accounts').select('id').where('role', '=', 'kiosk').where('username', '=', kioskId).executeTakeFirst();
      if (exists) throw new PortalHttpError(409, 'KIOSK_EXISTS', 'Kiosk này đã được đăng ký.');
      const kioskKey = crypto.randomBytes(32).toString('base64url');
      await insertKioskAccount(ctx, kioskId, kioskKey);
      return { kioskId, kioskKey };
    },
  );
}
