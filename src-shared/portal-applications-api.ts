import { z } from 'zod';
import { MA_HO_SO_PATTERN, parseMaHoSo } from './domain/ma-ho-so.js';
import {
  AgencyRefSchema,
  ApplicantSchema,
  ApplicationFullViewSchema,
  ApplicationListItemSchema,
  ApplicationPublicViewSchema,
  ApplicationStatusViewSchema,
  ChannelSchema,
  DateKeySchema,
  FeeLineSchema,
  PaymentStatusSchema,
  QueueTicketLabelSchema,
  SubmitterSchema,
} from './kiosk-contract/applications.js';

/**
 * Submissions, payments, statuses and lookup on the central portal
 * (/api/v1/applications…). The reference portal validates with these
 * schemas and the kiosk's portal client parses the answers with them.
 *
 * Wire conventions: instants are ISO 8601 UTC strings; calendar dates
 * ('date' form fields, birth dates, holidays) are 'YYYY-MM-DD'; money is
 * whole VND.
 *
 * The reference portal speaks the kiosk contract's own records (applicant,
 * fee lines, the application views) on the wire, so it reuses them from
 * src-shared/kiosk-contract/; a portal that speaks other shapes maps them
 * in the host's gateway (src-main/portal/), and the contract stays as it is.
 */
export * from './kiosk-contract/applications.js';

/** Header carrying the client's idempotency key on POST /applications. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that is a stored replay of an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

export const IdempotencyKeySchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'Khóa chống gửi trùng chỉ gồm ký tự ASCII in được, không có khoảng trắng.');

/** Multipart part holding the JSON of the application. */
export const APPLICATION_PART = 'application';
/** File parts are named `doc:<componentId>`; a component may carry several files. */
export const DOCUMENT_PART_PREFIX = 'doc:';

const INVALID_MA_HO_SO = 'Mã hồ sơ không đúng định dạng. Mã hồ sơ có dạng 000.00.53.H48-220921-0099.';

/** A mã hồ sơ as typed by a person: trimmed, upper-cased, with a real date and a counter from 0001. */
export const MaHoSoSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(MA_HO_SO_PATTERN, INVALID_MA_HO_SO)
  .refine((code) => parseMaHoSo(code) !== null, INVALID_MA_HO_SO);

/** The JSON `application` part of POST /api/v1/applications. */
export const ApplicationSubmissionSchema = z.object({
  procedureCode: z.string().min(1).max(60),
  applicant: ApplicantSchema,
  /** Values of the procedure's `formFields`, keyed by field id ('date' fields as YYYY-MM-DD). */
  fields: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), z.union([z.string().max(2000), z.number()])).default({}),
  channel: ChannelSchema,
  /**
   * Names of the procedure's fee items that apply to this case (reduced
   * rate, re-issue…). Absent: the ordinary case, the first item of each kind
   * (phí, lệ phí) for the channel.
   */
  feeItems: z.array(z.string().min(1).max(300)).max(20).optional(),
  /** Kiosk the application was made at, recorded for the counter's statistics. */
  kioskId: z.string().trim().min(1).max(64).optional(),
  /** The queue ticket ("Số thứ tự", e.g. B-015) of the walk-in the counter received it from. */
  queueTicket: QueueTicketLabelSchema.optional(),
  /**
   * Who is handing it in. Absent or 'self': the signed-in citizen is the
   * applicant, and the portal refuses another CCCD (403
   * APPLICANT_NOT_SIGNED_IN). 'proxy' ("người nộp hộ / ủy quyền"): the
   * signed-in person submits for the applicant, recorded with the relation.
   */
  submitter: SubmitterSchema.optional(),
  /**
   * Kiosk devices only: the CCCD/CMND of the citizen who signed in at the
   * kiosk, since the device session sends after they have left. The portal
   * holds it to the applicant as it holds a citizen's own session.
   */
  signedInCitizenId: z.string().trim().regex(/^(\d{9}|\d{12})$/, 'Số định danh cá nhân gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).').optional(),
  /** "Tôi chắc chắn rằng các thông tin khai báo trên là đúng sự thật…" must be ticked. */
  declarationAccepted: z.literal(true, 'Vui lòng xác nhận cam đoan thông tin khai báo là đúng sự thật.'),
});
export type ApplicationSubmission = z.infer<typeof ApplicationSubmissionSchema>;
export type ApplicationSubmissionInput = z.input<typeof ApplicationSubmissionSchema>;

/** 201 answer of POST /api/v1/applications (and its replay). */
export const ApplicationCreatedSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agency: AgencyRefSchema,
  channel: ChannelSchema,
  status: ApplicationStatusViewSchema,
  receivedAt: z.string(),
  appointmentAt: z.string(),
  processingDays: z.number().int().nonnegative(),
  fees: z.object({ items: z.array(FeeLineSchema), total: z.number().int().nonnegative(), status: PaymentStatusSchema }),
  attachments: z.number().int().nonnegative(),
});
export type ApplicationCreated = z.infer<typeof ApplicationCreatedSchema>;

export const ApplicationLookupSchema = z.discriminatedUnion('view', [ApplicationPublicViewSchema, ApplicationFullViewSchema]);
export type ApplicationLookup = z.infer<typeof ApplicationLookupSchema>;

export const ApplicationListSchema = z.object({
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  items: z.array(ApplicationListItemSchema),
});
export type ApplicationList = z.infer<typeof ApplicationListSchema>;

const PagingSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/v1/applications?mine=1 */
export const MyApplicationsQuerySchema = PagingSchema.extend({
  mine: z.literal('1', 'Chỉ hỗ trợ tra cứu danh sách hồ sơ của chính tài khoản (mine=1).'),
});

/** GET /api/v1/officer/applications?status= */
export const OfficerApplicationsQuerySchema = PagingSchema.extend({
  status: z.coerce.number().int().min(1).max(10).optional(),
});

/** POST /api/v1/officer/applications/:code/status */
export const StatusChangeRequestSchema = z.object({
  to: z.number().int().min(1).max(10),
  note: z.string().trim().max(1000).optional(),
  /** The status the officer saw; when given, a different current status is 409 STATUS_CHANGED (see portal-officer-api.ts). */
  expectedStatus: z.number().int().min(1).max(10).optional(),
});
export type StatusChangeRequest = z.infer<typeof StatusChangeRequestSchema>;

/** POST /api/v1/applications/:code/payment and the officer/sandbox payment actions. */
export const PaymentQuoteSchema = z.object({
  code: z.string(),
  items: z.array(FeeLineSchema),
  total: z.number().int().nonnegative(),
  status: PaymentStatusSchema,
  /** EMVCo/VietQR payload for bank transfer; null when nothing is owed. */
  vietQr: z.string().nullable(),
  /** Receiving account shown beside the QR so a citizen can also type it in. */
  payee: z.object({ bankBin: z.string(), account: z.string(), accountName: z.string() }).nullable(),
  paidAt: z.string().nullable(),
});
export type PaymentQuote = z.infer<typeof PaymentQuoteSchema>;

/** GET/PUT /api/v1/admin/holidays/:year — the year's days off and swapped working days. */
export const HolidayEntrySchema = z.object({
  date: DateKeySchema,
  name: z.string().trim().min(1).max(200),
});
export const HolidayYearSchema = z.object({
  year: z.number().int().min(2000).max(2199),
  /** Days the offices are closed (public holidays, compensatory and bridged days). */
  holidays: z.array(HolidayEntrySchema.extend({ kind: z.string() })),
  /** Weekend days declared working days ("làm bù"). */
  workdays: z.array(HolidayEntrySchema),
  /** 'generated' from the lunar calendar, or 'edited' by an officer. */
  source: z.enum(['generated', 'edited']),
  updatedAt: z.string(),
});
export type HolidayYear = z.infer<typeof HolidayYearSchema>;

export const HolidayYearUpdateSchema = z.object({
  holidays: z.array(HolidayEntrySchema.extend({ kind: z.string().trim().min(1).max(40).default('nghi_le') })).max(60),
  workdays: z.array(HolidayEntrySchema).max(20).default([]),
});
export type HolidayYearUpdate = z.input<typeof HolidayYearUpdateSchema>;

/**
 * GET /api/v1/applications/by-key/:idempotencyKey — lets a kiosk that lost
 * the answer (crash, timeout) learn whether the portal created the
 * application: 'created' with the original answer and the status now, or
 * 'in_flight' while the first request is still being handled. A key the
 * portal never completed answers 404 IDEMPOTENCY_KEY_NOT_FOUND: send again.
 */
export const IdempotencyLookupSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('created'), application: ApplicationCreatedSchema, currentStatus: ApplicationStatusViewSchema }),
  z.object({ state: z.literal('in_flight'), startedAt: z.string() }),
]);
export type IdempotencyLookup = z.infer<typeof IdempotencyLookupSchema>;
