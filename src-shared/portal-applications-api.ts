import { z } from 'zod';
import { detailVi } from './detail-messages.js';
import { MA_HO_SO_PATTERN, parseMaHoSo } from './domain/ma-ho-so.js';
import type { StatusKey } from './domain/application-status.js';

/**
 * Submissions, payments, statuses and lookup on the central portal
 * (/api/v1/applications…). The reference portal validates with these
 * schemas and the kiosk's portal client parses the answers with them.
 *
 * Wire conventions: instants are ISO 8601 UTC strings; calendar dates
 * ('date' form fields, birth dates, holidays) are 'YYYY-MM-DD'; money is
 * whole VND.
 */

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

/** Kênh nộp: trực tuyến, trực tiếp, bưu chính công ích. */
export const ChannelSchema = z.enum(['truc_tuyen', 'truc_tiep', 'buu_chinh']);
export type Channel = z.infer<typeof ChannelSchema>;

const DateKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');

export const ApplicantSchema = z.object({
  fullName: z.string().trim().min(1).max(100),
  /** CCCD (12 digits) or old CMND (9 digits); structure checked by the portal. */
  citizenId: z.string().trim().regex(/^(\d{9}|\d{12})$/, detailVi('CITIZEN_ID_FORMAT')),
  birthDate: DateKeySchema.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(0|\+84)\d{9,10}$/, detailVi('PHONE_INVALID')),
  email: z.string().trim().email().max(200).optional(),
  address: z.string().trim().min(1).max(300),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

/** "Tôi nộp hồ sơ cho chính mình" or "Tôi nộp hộ người khác (được ủy quyền)". */
export const SubmitterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self') }),
  z.object({
    kind: z.literal('proxy'),
    /** How the submitter stands to the applicant: "con", "theo giấy ủy quyền số…". */
    relation: z.string().trim().min(1, 'Vui lòng ghi quan hệ với người được nộp hộ hoặc căn cứ ủy quyền.').max(200),
  }),
]);
export type Submitter = z.infer<typeof SubmitterSchema>;

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

/** Status as on the national public-service portal (codes 1–10). */
const STATUS_KEYS = [
  'moi_dang_ky',
  'duoc_tiep_nhan',
  'khong_duoc_tiep_nhan',
  'dang_xu_ly',
  'yeu_cau_bo_sung',
  'yeu_cau_nghia_vu_tai_chinh',
  'cong_dan_rut_ho_so',
  'dung_xu_ly',
  'da_xu_ly_xong',
  'da_tra_ket_qua',
] as const satisfies readonly StatusKey[];

export const ApplicationStatusViewSchema = z.object({
  code: z.number().int().min(1).max(10),
  key: z.enum(STATUS_KEYS),
  name: z.string(),
});
export type ApplicationStatusView = z.infer<typeof ApplicationStatusViewSchema>;

export const PaymentStatusSchema = z.enum([
  /** nothing owed */
  'mien',
  /** owes fees, not paid yet */
  'chua_thanh_toan',
  /** paid by bank transfer (VietQR) */
  'da_thanh_toan',
  /** the officer will collect at the counter */
  'thu_tai_quay',
]);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const FeeLineSchema = z.object({
  kind: z.enum(['phi', 'le_phi']),
  name: z.string(),
  amount: z.number().int().nonnegative(),
  /** The rate is that channel's (absent when the item applies to every channel, and in lines stored before it). */
  channel: z.enum(['truc_tuyen', 'truc_tiep']).optional(),
  /** A per-unit item: `amount` = quantity × unitAmount, e.g. 2 bản × 8.000 đồng. */
  quantity: z.number().int().positive().optional(),
  unitAmount: z.number().int().nonnegative().optional(),
  unit: z.string().max(20).optional(),
});
export type FeeLine = z.infer<typeof FeeLineSchema>;

export const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

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

/** What anyone holding the code may see (as the public portal's "Tra cứu hồ sơ"). */
export const ApplicationPublicViewSchema = z.object({
  view: z.literal('public'),
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agency: AgencyRefSchema,
  receivedAt: z.string(),
  appointmentAt: z.string(),
  status: ApplicationStatusViewSchema,
  /** e.g. "Nguyễn V*** A" for Nguyễn Văn An. */
  applicantName: z.string(),
  /** "Quá trình xử lý" as the public portal shows it: when each status was reached, without names or notes. */
  progress: z.array(z.object({ at: z.string(), status: ApplicationStatusViewSchema })),
});
export type ApplicationPublicView = z.infer<typeof ApplicationPublicViewSchema>;

export const AttachmentMetaSchema = z.object({
  componentId: z.string(),
  componentName: z.string(),
  originalName: z.string(),
  mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

/** 'kiosk': a kiosk device sending an application it received; 'system': the payment gateway and other automata. */
export const ActorRoleSchema = z.enum(['citizen', 'business', 'officer', 'kiosk', 'system']);

export const TimelineEntrySchema = z.object({
  at: z.string(),
  from: ApplicationStatusViewSchema.nullable(),
  to: ApplicationStatusViewSchema,
  actorRole: ActorRoleSchema,
  actorName: z.string(),
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** The applicant's own account, or an officer of the receiving agency. */
export const ApplicationFullViewSchema = ApplicationPublicViewSchema.omit({ view: true, applicantName: true, progress: true }).extend({
  view: z.literal('full'),
  applicant: ApplicantSchema,
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  channel: ChannelSchema,
  kioskId: z.string().nullable(),
  /** Officer who received the application on the applicant's behalf (assisted counter), if any. */
  receivedBy: z.object({ accountId: z.number().int(), name: z.string() }).nullable(),
  processingDays: z.number().int().nonnegative(),
  fees: z.object({ items: z.array(FeeLineSchema), total: z.number().int().nonnegative(), status: PaymentStatusSchema, paidAt: z.string().nullable() }),
  attachments: z.array(AttachmentMetaSchema),
  timeline: z.array(TimelineEntrySchema),
});
export type ApplicationFullView = z.infer<typeof ApplicationFullViewSchema>;

export const ApplicationLookupSchema = z.discriminatedUnion('view', [ApplicationPublicViewSchema, ApplicationFullViewSchema]);
export type ApplicationLookup = z.infer<typeof ApplicationLookupSchema>;

export const ApplicationListItemSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agency: AgencyRefSchema,
  applicantName: z.string(),
  channel: ChannelSchema,
  status: ApplicationStatusViewSchema,
  paymentStatus: PaymentStatusSchema,
  receivedAt: z.string(),
  appointmentAt: z.string(),
});
export type ApplicationListItem = z.infer<typeof ApplicationListItemSchema>;

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
