import { z } from 'zod';

/**
 * Kiosk devices on the portal. A kiosk submits queued applications on its
 * own — long after the citizen has left, and even when they never had a
 * portal session because the portal was down — so it authenticates as a
 * device enrolled with the portal, and the portal records it as the channel.
 */

/** POST /api/v1/auth/kiosk */
export const KioskLoginSchema = z.object({
  kioskId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'Mã kiosk chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự).'),
  kioskKey: z.string().min(32).max(200),
  /** Training portals only: the code the trainer was shown, for a kiosk on another machine enrolling itself. */
  enrolmentCode: z.string().max(40).optional(),
});
export type KioskLogin = z.infer<typeof KioskLoginSchema>;

export const KioskDeviceSessionSchema = z.object({
  token: z.string().min(20),
  expiresAt: z.string(),
  kioskId: z.string(),
});
export type KioskDeviceSession = z.infer<typeof KioskDeviceSessionSchema>;
