import { z } from 'zod';
import type { ErrorCode } from '../error-messages.js';

/**
 * "Các kiosk của đơn vị" on "Quản trị kiosk": the portal's list of kiosks
 * with their last heartbeat and what is wrong with each. The portal keeps the
 * list for administrators only, so the kiosk asks with the present
 * administrator's own session, once the admin screen is open. Counts, states
 * and times only: nothing about the people served.
 */

export const FleetRowSchema = z.object({
  kioskId: z.string(),
  /** The place the kiosk names on its papers (its config's `place`); null from a kiosk that did not say. */
  place: z.string().nullable(),
  version: z.string(),
  /** When the portal last heard from it (ISO, the portal's clock). */
  lastHeartbeatAt: z.string(),
  queueDepth: z.number().int().nonnegative(),
  /** The oldest waiting entry's commit time (ISO); null with an empty queue. */
  oldestPendingAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  printer: z.enum(['configured', 'none']),
  tokenReader: z.enum(['present', 'absent']),
  scanner: z.enum(['wedge', 'hid']),
  freeDiskBytes: z.number().int().nonnegative().nullable(),
  /** 'silent': "Mất liên lạc"; 'queue_stale': "Hàng đợi quá hạn" — the portal's own verdict by its limits. */
  flags: z.array(z.enum(['silent', 'queue_stale'])),
});
export type FleetRow = z.infer<typeof FleetRowSchema>;

export const AdminFleetSchema = z.object({
  kiosks: z.array(FleetRowSchema),
  /** The portal's limits behind the flags, so the screen can say what they mean. */
  silentAfterSeconds: z.number().int().positive(),
  queueAgeLimitSeconds: z.number().int().positive(),
  /** This kiosk's id, so the screen can mark its own row. */
  thisKioskId: z.string(),
  /** When the list was read (ISO). */
  readAt: z.string(),
});
export type AdminFleet = z.infer<typeof AdminFleetSchema>;

const FLEET_ERRORS: readonly ErrorCode[] = ['SIGN_IN_REQUIRED', 'FORBIDDEN', 'PORTAL_UNREACHABLE', 'PORTAL_REFUSED'];

/** The fleet call, joined into the kiosk API (src-shared/kiosk-api.ts). */
export const fleetCalls = {
  'admin.fleet': {
    description: 'The portal\'s list of kiosks: version, queue, devices, disk, last heartbeat and the flags "Mất liên lạc" / "Hàng đợi quá hạn".',
    input: z.object({}).strict(),
    output: AdminFleetSchema,
    errors: FLEET_ERRORS,
  },
} as const;
