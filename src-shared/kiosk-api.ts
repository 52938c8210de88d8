import { z } from 'zod';
import { ProcedureSchema, ProcedureSummarySchema } from './catalogue.js';
import { KioskErrorSchema, type ErrorCode } from './errors.js';
import type { CallName } from './call-names.js';

export { CALL_NAMES, isCallName, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallName } from './call-names.js';

/**
 * The kiosk API: every call the UI may make of the host. One declaration,
 * three users — the host dispatcher validates inputs and outputs with it,
 * the Electron preload exposes exactly these names, and the renderer client
 * gets its types from it.
 */

interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Error codes this call may answer with, besides the generic ones. */
  errors: readonly ErrorCode[];
  description: string;
}

function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

const CataloguePageSchema = z.object({
  items: z.array(ProcedureSummarySchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});

export const CatalogueStateSchema = z.object({
  procedures: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  /** When the cache last heard from the portal (ISO 8601), null if never. */
  syncedAt: z.string().nullable(),
  portalReachable: z.boolean(),
});
export type CatalogueState = z.infer<typeof CatalogueStateSchema>;

export const LookupResultSchema = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  agency: z.object({ code: z.string(), name: z.string() }),
  /** Masked as the public portal shows it. */
  applicantName: z.string(),
  receivedAt: z.string(),
  appointmentAt: z.string().nullable(),
  status: z.object({ code: z.number().int().min(1).max(10), name: z.string() }),
  timeline: z.array(z.object({ at: z.string(), status: z.object({ code: z.number().int(), name: z.string() }) })),
  /** When the kiosk last heard this from the portal (ISO 8601). */
  checkedAt: z.string(),
});
export type LookupResult = z.infer<typeof LookupResultSchema>;

const trimmed = (max: number) => z.string().trim().max(max);

export const kioskApi = {
  'app.info': call({
    description: 'Kiosk identity, mode, language and catalogue freshness.',
    input: z.object({}).strict(),
    output: z.object({
      name: z.string(),
      version: z.string(),
      kioskId: z.string(),
      mode: z.enum(['self-service', 'assisted']),
      language: z.enum(['vi', 'en']),
      shell: z.enum(['electron', 'browser']),
      catalogue: CatalogueStateSchema,
    }),
    errors: [],
  }),
  'catalogue.list': call({
    description: 'A page of the cached catalogue, optionally filtered by field or agency.',
    input: z
      .object({
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
        field: trimmed(200).optional(),
        agencyCode: trimmed(40).optional(),
      })
      .strict(),
    output: CataloguePageSchema.extend({
      fields: z.array(z.string()),
      agencies: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
    errors: [],
  }),
  'catalogue.search': call({
    description: 'Full-text search, case- and diacritics-insensitive, ranked by relevance.',
    input: z
      .object({
        query: trimmed(200).min(1),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    output: CataloguePageSchema,
    errors: [],
  }),
  'catalogue.get': call({
    description: 'One procedure with everything its detail page shows.',
    input: z.object({ code: trimmed(60).min(1) }).strict(),
    output: ProcedureSchema,
    errors: ['PROCEDURE_NOT_FOUND'],
  }),
  'applications.lookup': call({
    description: 'Where an application stands, by its mã hồ sơ (the public view).',
    input: z.object({ code: trimmed(40).min(1) }).strict(),
    output: LookupResultSchema,
    errors: ['INVALID_CODE', 'APPLICATION_NOT_FOUND', 'PORTAL_UNREACHABLE'],
  }),
} as const satisfies { [N in CallName]: CallSpec<z.ZodType, z.ZodType> };

export type KioskApi = typeof kioskApi;
export type CallInput<N extends CallName> = z.input<KioskApi[N]['input']>;
export type CallOutput<N extends CallName> = z.output<KioskApi[N]['output']>;
export type ParsedInput<N extends CallName> = z.output<KioskApi[N]['input']>;


/** The envelope every transport carries back. */
export const CallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: KioskErrorSchema }),
]);
export type CallResult<T = unknown> = { ok: true; data: T } | { ok: false; error: z.infer<typeof KioskErrorSchema> };

/** Host → UI events (WebSocket in the browser shell, IPC in Electron). */
export const KioskEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('catalogue.changed'), state: CatalogueStateSchema }),
  z.object({ type: z.literal('portal.reachability'), reachable: z.boolean() }),
]);
export type KioskEvent = z.infer<typeof KioskEventSchema>;

