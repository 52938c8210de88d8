import { z } from 'zod';
import type { ErrorCode } from '../error-messages.js';
import { QueueTicketLabelSchema } from './applications.js';

/**
 * The counter officer's queue buttons ("Gọi số tiếp theo", "Gọi lại",
 * "Vắng mặt", "Chuyển quầy", "Hoàn thành") and the centre's day in figures.
 * The counter is the kiosk's own (config `counter`), never the UI's; the
 * centre is the signed-in officer's agency. No personal data anywhere.
 */

export const ServedTicketSchema = z.object({
  id: z.string().min(1),
  label: QueueTicketLabelSchema,
  area: z.string(),
  areaName: z.string(),
  priority: z.boolean(),
  status: z.enum(['waiting', 'called', 'done', 'cancelled', 'expired']),
  /** The counter calling or serving it; for a transferred ticket, the counter it now waits for. */
  counter: z.number().int().positive().nullable(),
  misses: z.number().int().nonnegative(),
});
export type ServedTicket = z.infer<typeof ServedTicketSchema>;

/** What the counter's panel shows: this desk's number and the ticket it is calling or serving. */
export const CounterNowSchema = z.object({
  /** null: this kiosk has no counter number configured, so no queue buttons. */
  counter: z.number().int().positive().nullable(),
  serving: ServedTicketSchema.nullable(),
  /** The other counters of the centre a ticket can be sent to ("Chuyển quầy"). */
  otherCounters: z.array(z.number().int().positive()),
  /** After "Vắng mặt", "Chuyển quầy" or "Hoàn thành": the ticket let go, as the portal left it (waiting again, cancelled at the third miss, done). */
  released: ServedTicketSchema.optional(),
});
export type CounterNow = z.infer<typeof CounterNowSchema>;

const TicketIdSchema = z.uuid('Mã số thứ tự không hợp lệ.');

/** Waiting or serving times of a group of tickets. */
export const DurationsSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Minutes, one decimal; null when nothing was measured. */
  averageMinutes: z.number().nonnegative().nullable(),
  maxMinutes: z.number().nonnegative().nullable(),
});

/** A centre's day in figures, as the portal counts it (src-shared/portal-queue-api.ts extends it with its own byArea). */
export const DayFiguresSchema = z.object({
  day: z.string(),
  issued: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShows: z.number().int().nonnegative(),
  /** The hour (0–23, Vietnam time) with the most tickets taken, or null on an empty day. */
  busiestHour: z.number().int().min(0).max(23).nullable(),
  byCounter: z.array(z.object({ counter: z.number().int().positive(), waiting: DurationsSchema, serving: DurationsSchema })),
});

/** The figures screen's answer: each area also named, as the centre calls it. */
export const CounterFiguresSchema = DayFiguresSchema.extend({
  byArea: z.array(z.object({ area: z.string(), areaName: z.string(), waiting: DurationsSchema, serving: DurationsSchema })),
});
export type CounterFigures = z.infer<typeof CounterFiguresSchema>;

interface CounterCallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  description: string;
}

const spec = <I extends z.ZodType, O extends z.ZodType>(s: CounterCallSpec<I, O>): CounterCallSpec<I, O> => s;
const QUEUE_ERRORS = ['SIGN_IN_REQUIRED', 'FORBIDDEN', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'] as const satisfies readonly ErrorCode[];
const TicketAction = z.object({ ticketId: TicketIdSchema }).strict();

/** The counter's queue calls, joined into the kiosk API (src-shared/kiosk-api.ts). */
export const counterQueueCalls = {
  'counterQueue.now': spec({
    description: 'This desk\'s counter and the ticket it is calling or serving (a counter screen opened again picks it up).',
    input: z.object({}).strict(),
    output: CounterNowSchema,
    errors: QUEUE_ERRORS,
  }),
  'counterQueue.next': spec({
    description: '"Gọi số tiếp theo": the next ticket of this counter\'s areas, priority first per the centre\'s interleave; it becomes the walk-in served.',
    input: z.object({}).strict(),
    output: CounterNowSchema,
    errors: QUEUE_ERRORS,
  }),
  'counterQueue.recall': spec({
    description: '"Gọi lại": the board calls the same ticket again.',
    input: TicketAction,
    output: CounterNowSchema,
    errors: QUEUE_ERRORS,
  }),
  'counterQueue.absent': spec({
    description: '"Vắng mặt": the ticket goes back to the end of the line; the third miss cancels it. The walk-in is wiped.',
    input: TicketAction,
    output: CounterNowSchema,
    errors: QUEUE_ERRORS,
  }),
  'counterQueue.complete': spec({
    description: '"Hoàn thành": the ticket is served; the walk-in is wiped, the shift stays.',
    input: TicketAction,
    output: CounterNowSchema,
    errors: QUEUE_ERRORS,
  }),
  'counterQueue.transfer': spec({
    description: '"Chuyển quầy": the ticket waits for another counter, keeping its place in the line. The walk-in is wiped.',
    input: z
      .object({
        ticketId: TicketIdSchema,
        toCounter: z.number({ error: 'Vui lòng chọn quầy cần chuyển đến.' }).int('Số quầy phải là số nguyên.').positive('Số quầy phải từ 1 trở lên.'),
      })
      .strict(),
    output: CounterNowSchema,
    errors: QUEUE_ERRORS,
  }),
  'counterQueue.figures': spec({
    description: '"Số liệu hàng đợi": the centre\'s day — waiting and serving times per counter and area, served, no-shows, busiest hour.',
    input: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày cần xem có dạng YYYY-MM-DD.').optional() }).strict(),
    output: CounterFiguresSchema,
    errors: QUEUE_ERRORS,
  }),
} as const;
