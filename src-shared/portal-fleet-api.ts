import { z } from 'zod';

/**
 * The fleet: each kiosk tells the portal every few minutes that it is alive
 * and how it is doing; the portal lists its kiosks and flags one that went
 * quiet or whose queue is stuck. Counts, states and times only — nothing
 * about the people served.
 */

export const HEARTBEAT_PATH = '/kiosks/heartbeat';
export const FLEET_PATH = '/admin/kiosks/fleet';

const Iso = z.iso.datetime({ offset: true });

export const DeviceHealthSchema = z.object({
  /** 'configured': a print queue is set; 'none': receipts go to the screen as PDF. */
  printer: z.enum(['configured', 'none']),
  tokenReader: z.enum(['present', 'absent']),
  scanner: z.enum(['wedge', 'hid']),
});
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;

/** POST /api/v1/kiosks/heartbeat (the kiosk's device session). */
export const KioskHeartbeatSchema = z
  .object({
    version: z.string().min(1).max(40),
    queueDepth: z.number().int().nonnegative(),
    /** Seconds since the oldest entry still waiting was committed (an age, so the kiosk's clock need not agree with the portal's); null with an empty queue. */
    oldestPendingAgeSeconds: z.number().int().nonnegative().nullable(),
    lastSyncAt: Iso.nullable(),
    devices: DeviceHealthSchema,
    /** Free bytes on the data folder's disk; null when the system would not say. */
    freeDiskBytes: z.number().int().nonnegative().nullable(),
    /** Where the kiosk stands (its config's place, e.g. "Cẩm Thành"); optional so kiosks of an older version still report. */
    place: z.string().trim().min(1).max(60).optional(),
    sentAt: Iso,
  })
  .strict();
export type KioskHeartbeat = z.infer<typeof KioskHeartbeatSchema>;

export const HeartbeatAcceptedSchema = z.object({ ok: z.literal(true), receivedAt: Iso });

export const FleetFlagSchema = z.enum(['silent', 'queue_stale']);
export type FleetFlag = z.infer<typeof FleetFlagSchema>;

export const FleetKioskSchema = KioskHeartbeatSchema.omit({ sentAt: true, oldestPendingAgeSeconds: true, place: true }).extend({
  kioskId: z.string(),
  place: z.string().nullable(),
  /** When the portal last heard from it. */
  receivedAt: Iso,
  /** The oldest waiting entry's commit time, on the portal's clock (receivedAt minus the age it was sent). */
  oldestPendingAt: Iso.nullable(),
  /** 'silent': no heartbeat for longer than the limit; 'queue_stale': its oldest waiting entry is older than the limit. */
  flags: z.array(FleetFlagSchema),
});
export type FleetKiosk = z.infer<typeof FleetKioskSchema>;

/** GET /api/v1/admin/kiosks/fleet */
export const FleetListSchema = z.object({
  kiosks: z.array(FleetKioskSchema),
  silentAfterSeconds: z.number().int().positive(),
  queueAgeLimitSeconds: z.number().int().positive(),
});
export type FleetList = z.infer<typeof FleetListSchema>;
