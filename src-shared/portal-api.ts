import { z } from 'zod';
import { ProcedureSchema } from './catalogue.js';

/**
 * Types of the central portal's HTTP API (/api/v1) that the kiosk's portal
 * client relies on. The reference portal (src-portal) validates its answers
 * with these same schemas, and the kiosk validates what it receives.
 */

export const PORTAL_API_PREFIX = '/api/v1';

/** GET /api/v1/procedures?since=<version>&page=<n>&pageSize=<n> */
export const ProceduresQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type ProceduresQuery = z.infer<typeof ProceduresQuerySchema>;

export const ProceduresPageSchema = z.object({
  /** Catalogue version this page was cut from; pass it as `since` next time. */
  version: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** Procedures changed since `since` (all of them when since=0). */
  total: z.number().int().nonnegative(),
  items: z.array(ProcedureSchema),
  /** Codes withdrawn since `since`. */
  removed: z.array(z.string()),
});
export type ProceduresPage = z.infer<typeof ProceduresPageSchema>;

/** Every portal error body: a stable code and a Vietnamese message. */
export const PortalErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type PortalError = z.infer<typeof PortalErrorSchema>;
