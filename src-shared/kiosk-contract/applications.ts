import { z } from 'zod';
import { detailVi } from '../detail-messages.js';
import type { StatusKey } from '../domain/application-status.js';

/**
 * The kiosk contract's records of applications: who applies, the fees, and
 * an application as the UI shows it. The contract owns them, so the UI's
 * calls keep their shapes and Vietnamese messages whichever portal stands
 * behind the host; the host's gateway maps a portal's wire format to them.
 *
 * Conventions: instants are ISO 8601 UTC strings; calendar dates are
 * 'YYYY-MM-DD'; money is whole VND.
 */

/** A calendar day, 'YYYY-MM-DD'. */
export const DateKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');

/**
 * A queue ticket's label ("Số thứ tự"): the area's letter and the day's
 * number of that letter, e.g. `B-015`. Applications received at a counter
 * carry the ticket of the walk-in they came from.
 */
export const QueueTicketLabelSchema = z.string().regex(/^[A-Z]-\d{3,4}$/, 'Số thứ tự không hợp lệ (ví dụ B-015).');

/** Kênh nộp: trực tuyến, trực tiếp, bưu chính công ích. */
export const ChannelSchema = z.enum(['truc_tuyen', 'truc_tiep', 'buu_chinh']);
export type Channel = z.infer<typeof ChannelSchema>;

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
  /** The queue ticket of the walk-in it was received from ("Số thứ tự"); null when it came without one. */
  queueTicket: QueueTicketLabelSchema.nullable(),
  processingDays: z.number().int().nonnegative(),
  fees: z.object({ items: z.array(FeeLineSchema), total: z.number().int().nonnegative(), status: PaymentStatusSchema, paidAt: z.string().nullable() }),
  attachments: z.array(AttachmentMetaSchema),
  timeline: z.array(TimelineEntrySchema),
});
export type ApplicationFullView = z.infer<typeof ApplicationFullViewSchema>;

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
