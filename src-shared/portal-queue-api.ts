import { z } from 'zod';
import { QueueTicketLabelSchema } from './kiosk-contract/applications.js';
import { DayFiguresSchema, DurationsSchema } from './kiosk-contract/counter-queue.js';

/**
 * The portal's queue of a one-stop centre (bộ phận một cửa): numbered
 * tickets per service area (lĩnh vực), called by the counters that serve the
 * area. Wire format of the reference portal; no personal data anywhere.
 */

/** The printed number: the area's letter and the day's number, at least three digits. */
export function ticketLabel(area: string, number: number): string {
  return `${area}-${String(number).padStart(3, '0')}`;
}

/** `B-015`: the area's letter and the day's number of that letter (one rule for the whole queue). */
export const TicketLabelSchema = QueueTicketLabelSchema;

export const TicketStatusSchema = z.enum(['waiting', 'called', 'done', 'cancelled', 'expired']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const QueueAreaSchema = z.object({
  letter: z.string().regex(/^[A-Z]$/),
  /** The catalogue's field name (lĩnh vực), e.g. "Hộ tịch". */
  name: z.string().min(1),
  /** Counters that receive this area. */
  counters: z.array(z.number().int().positive()).min(1),
  waiting: z.number().int().nonnegative(),
});

export const QueueCentreSchema = z.object({
  agencyCode: z.string().min(1),
  name: z.string().min(1),
  /** Closing time, Vietnam time, 'HH:MM': tickets of the day expire then. */
  closesAt: z.string().regex(/^\d{2}:\d{2}$/),
  areas: z.array(QueueAreaSchema),
});
export type QueueCentre = z.infer<typeof QueueCentreSchema>;

export const TakeTicketSchema = z.object({
  /** The area's letter, as listed by the centre. */
  area: z.string().regex(/^[A-Z]$/, 'Lĩnh vực không hợp lệ.'),
  /** Người cao tuổi, người khuyết tật, phụ nữ mang thai: served first, per the centre's interleave. */
  priority: z.boolean().default(false),
});

/** A ticket the kiosk gave out from its reserved block while the portal was out of reach. */
export const OfflineTicketSchema = TakeTicketSchema.extend({
  number: z.number().int().positive(),
  issuedAt: z.iso.datetime({ offset: true }),
});

export const ReserveBlockSchema = z.object({
  area: z.string().regex(/^[A-Z]$/),
  size: z.number().int().min(1).max(50).default(20),
});

export const NumberBlockSchema = z.object({
  area: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  from: z.number().int().positive(),
  to: z.number().int().positive(),
});
export type NumberBlock = z.infer<typeof NumberBlockSchema>;

export const TicketSchema = z.object({
  id: z.string().min(1),
  label: TicketLabelSchema,
  area: z.string(),
  areaName: z.string(),
  priority: z.boolean(),
  status: TicketStatusSchema,
  /** The counter calling or serving it; for a waiting ticket, the counter it was transferred to, if any. */
  counter: z.number().int().positive().nullable(),
  /** Tickets that will be called before this one at its area's counters. */
  ahead: z.number().int().nonnegative(),
  /** From the area's recent serving times; null before anyone was served today. */
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  misses: z.number().int().nonnegative(),
  issuedAt: z.string(),
  /** Public page of the ticket's live status (the ticket's QR). */
  statusUrl: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const CounterActionSchema = z.object({ counter: z.number().int().positive() });
export const TransferSchema = z.object({ toCounter: z.number().int().positive() });

export const CallSchema = z.object({
  seq: z.number().int().positive(),
  label: TicketLabelSchema,
  counter: z.number().int().positive(),
  recall: z.boolean(),
  at: z.string(),
  /**
   * The announcement "Mời số B mười lăm đến quầy số ba" as word ids, each a
   * pre-rendered clip at /hang-doi/am-thanh/<id>.wav, for a board without a
   * Vietnamese speech voice.
   */
  announcement: z.array(z.string().regex(/^[a-z-]+$/)),
});
export type Call = z.infer<typeof CallSchema>;

export const CallsSchema = z.object({ calls: z.array(CallSchema) });
export const CallsQuerySchema = z.object({ after: z.coerce.number().int().nonnegative().default(0) });

export const QueueFiguresSchema = DayFiguresSchema.extend({
  byArea: z.array(z.object({ area: z.string(), waiting: DurationsSchema, serving: DurationsSchema })),
});
export type QueueFigures = z.infer<typeof QueueFiguresSchema>;
export const FiguresQuerySchema = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });
