import { z } from 'zod';
import type { ErrorCode } from '../error-messages.js';
import { DetailKeySchema, MessageParamsSchema } from '../errors.js';

/**
 * "Lấy số thứ tự": the kiosk's calls of the centre's queue. Nobody signs in
 * and nothing names a person; a ticket is an area, a number and a time.
 * The host answers from the portal, or from its own reserved block of
 * numbers while the portal is out of reach.
 */

export const QueueAreaViewSchema = z.object({
  letter: z.string().regex(/^[A-Z]$/),
  /** The catalogue's field (lĩnh vực), which is how a searched procedure picks its area. */
  name: z.string(),
  counters: z.array(z.number().int().positive()),
  /** People waiting now; null when the kiosk only has its saved copy of the centre. */
  waiting: z.number().int().nonnegative().nullable(),
});
export type QueueAreaView = z.infer<typeof QueueAreaViewSchema>;

export const QueueCentreViewSchema = z.object({
  agencyCode: z.string(),
  name: z.string(),
  closesAt: z.string(),
  areas: z.array(QueueAreaViewSchema),
  /** False: the portal is out of reach and tickets come from the kiosk's reserved numbers. */
  online: z.boolean(),
});
export type QueueCentreView = z.infer<typeof QueueCentreViewSchema>;

export const QueueTicketViewSchema = z.object({
  /** The kiosk's own id of the ticket, to print it again. */
  localId: z.uuid(),
  label: z.string(),
  area: z.string(),
  areaName: z.string(),
  counters: z.array(z.number().int().positive()),
  priority: z.boolean(),
  /** null when issued offline: the kiosk does not know the line. */
  ahead: z.number().int().nonnegative().nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  issuedAt: z.string(),
  /** The ticket's live status page (its QR); null for an offline ticket until the portal has it. */
  statusUrl: z.string().nullable(),
  offline: z.boolean(),
});
export type QueueTicketView = z.infer<typeof QueueTicketViewSchema>;

/** What became of the paper ticket; a failed print keeps the ticket, the screen shows it and offers "In lại". */
export const TicketPrintSchema = z.object({
  outcome: z.enum(['printed', 'screen', 'failed']),
  message: z.string(),
  /** The ticket PDF, shown on screen where no printer is set. */
  pdfBase64: z.string().optional(),
  /** Why printing failed, for the UI to word. */
  detail: DetailKeySchema.optional(),
  params: MessageParamsSchema.optional(),
});
export type TicketPrint = z.infer<typeof TicketPrintSchema>;

export const TakeTicketInputSchema = z
  .object({
    area: z.string().regex(/^[A-Z]$/, 'Vui lòng chọn một lĩnh vực trong danh sách.'),
    /** Người cao tuổi, người khuyết tật, phụ nữ mang thai. */
    priority: z.boolean().default(false),
  })
  .strict();

interface QueueCallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  description: string;
}

const spec = <I extends z.ZodType, O extends z.ZodType>(s: QueueCallSpec<I, O>): QueueCallSpec<I, O> => s;

/** The ticket calls, joined into the kiosk API (src-shared/kiosk-api.ts). */
export const queueCalls = {
  'queue.centre': spec({
    description: 'The areas of the centre this kiosk serves, with their counters and people waiting (the saved copy while offline).',
    input: z.object({}).strict(),
    output: QueueCentreViewSchema,
    errors: ['QUEUE_NOT_OFFERED', 'PORTAL_UNREACHABLE'],
  }),
  'queue.take': spec({
    description: '"Lấy số": a ticket from the portal, or from the kiosk\'s reserved block while offline; then printed, or shown where no printer is set.',
    input: TakeTicketInputSchema,
    output: z.object({ ticket: QueueTicketViewSchema, print: TicketPrintSchema }),
    errors: ['QUEUE_NOT_OFFERED', 'QUEUE_CLOSED', 'QUEUE_OFFLINE_EMPTY', 'PORTAL_REFUSED'],
  }),
  'queue.print': spec({
    description: '"In lại": prints a ticket this kiosk issued today once more.',
    input: z.object({ localId: z.uuid() }).strict(),
    output: TicketPrintSchema,
    errors: ['NOT_FOUND'],
  }),
} as const;
