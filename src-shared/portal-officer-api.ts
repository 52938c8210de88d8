import { z } from 'zod';
import {
  AgencyRefSchema,
  ApplicationFullViewSchema,
  ApplicationStatusViewSchema,
  FeeLineSchema,
  PaymentStatusSchema,
} from './portal-applications-api.js';
import { PersonRefSchema, ResultRecipientSchema, SupplementRequestViewSchema } from './kiosk-contract/officer.js';

/**
 * The counter officer's work on the central portal: the reception worklist,
 * the reception decisions, processing, supplements, the return of results
 * and satisfaction ratings. The reference portal validates with these
 * schemas and the kiosk host parses the answers with them.
 *
 * Who acts, and through which kiosk
 * ---------------------------------
 * - Officer actions (everything under /api/v1/officer) are sent with the
 *   officer's OWN portal session: `Authorization: Bearer <officer token>`.
 *   When the officer acts at a kiosk, the host adds `X-Kiosk-Id: <kiosk id>`
 *   (an enrolled kiosk, else 400 UNKNOWN_KIOSK); it is written in the audit
 *   row next to the officer.
 * - Receiving on behalf (POST /api/v1/applications from a kiosk): the kiosk
 *   sends with its DEVICE session (`Authorization: Bearer <kiosk token>`) and
 *   forwards the shift officer's portal session token in
 *   `X-On-Behalf-Of: <officer token>`. The portal checks that token is a
 *   live officer session (not expired, revoked, disabled, or a demo account
 *   on a production portal); the application then records that officer as
 *   `receivedBy` and its first audit row names the officer and the kiosk.
 *   A forged or expired token is refused with 403 DELEGATION_INVALID (the
 *   application is not created; the kiosk can resend with the same
 *   Idempotency-Key once an officer is signed in again). Without the header
 *   the kiosk submits as a self-service kiosk, as before.
 *
 * Two officers at once: every action carries `expectedStatus`, the status
 * the officer saw. The portal moves the application only if it is still in
 * that status (checked and changed in one transaction); otherwise 409
 * STATUS_CHANGED with the current status in `details.current`.
 *
 * Agency: an action on another agency's application is 403 WRONG_AGENCY.
 *
 * Wire conventions as in portal-applications-api.ts: ISO 8601 UTC instants,
 * 'YYYY-MM-DD' calendar days (Vietnam time), whole VND.
 *
 * The worklist, the supplement request, who takes a result and the rating
 * criteria are the kiosk contract's own records
 * (src-shared/kiosk-contract/officer.ts), spoken by the reference portal
 * as they are.
 */
export * from './kiosk-contract/officer.js';

export const ON_BEHALF_OF_HEADER = 'x-on-behalf-of';
export const KIOSK_ID_HEADER = 'x-kiosk-id';

/**
 * An application waiting for reception (status 1, or 5 with the supplement
 * sent) is overdue once this many working days (office hours, the portal's
 * holiday table) have passed since it reached the worklist — since it was
 * submitted, or since the citizen sent the supplement — without a decision.
 */
export const RECEPTION_DUE_WORKING_DAYS = 1;

const DateKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');
const StatusCodeSchema = z.number().int().min(1).max(10);
const ComponentIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Mã thành phần hồ sơ không hợp lệ.');

// ---------------------------------------------------------------- worklist

/** GET /api/v1/officer/worklist — "Hồ sơ chờ tiếp nhận" of the officer's agency, oldest first. */
export const WorklistQuerySchema = z.object({
  procedureCode: z.string().min(1).max(60).optional(),
  /** Arrived in the worklist on or after this day (Vietnam calendar). */
  from: DateKeySchema.optional(),
  /** Arrived in the worklist on or before this day. */
  to: DateKeySchema.optional(),
  /** '1': only the overdue ones (see RECEPTION_DUE_WORKING_DAYS). */
  overdue: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorklistQuery = z.input<typeof WorklistQuerySchema>;

/**
 * GET /api/v1/officer/applications/:code/attachments/:sha256 — the file
 * itself, for inline preview (Content-Type application/pdf, image/jpeg or
 * image/png; Content-Disposition inline). Officers of the agency only.
 * The sha256 values come from the full view's `attachments`.
 */

// ---------------------------------------------------------------- reception decisions

/** Body of POST /api/v1/officer/applications/:code/accept — "Tiếp nhận" (1 → 2, or 5 → 2 after a supplement). */
export const AcceptRequestSchema = z.object({
  expectedStatus: StatusCodeSchema,
  note: z.string().trim().max(1000).optional(),
});
export type AcceptRequest = z.infer<typeof AcceptRequestSchema>;

/** What the Mẫu 01 receipt ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả") needs. */
export const ReceptionReceiptSchema = z.object({
  code: z.string(),
  agency: AgencyRefSchema,
  procedureCode: z.string(),
  procedureName: z.string(),
  applicant: z.object({
    fullName: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
  }),
  /** "Thành phần hồ sơ nộp gồm": every component of the procedure that was sent. */
  documents: z.array(
    z.object({ componentId: z.string(), name: z.string(), originals: z.number().int(), copies: z.number().int(), files: z.number().int() }),
  ),
  processingDays: z.number().nonnegative(),
  /** The moment of acceptance: the appointment is counted from it. */
  acceptedAt: z.string(),
  appointmentAt: z.string(),
  receivedBy: PersonRefSchema,
  kioskId: z.string().nullable(),
  channel: z.string(),
  fees: z.object({ items: z.array(FeeLineSchema), total: z.number().int().nonnegative(), status: PaymentStatusSchema }),
});
export type ReceptionReceipt = z.infer<typeof ReceptionReceiptSchema>;

/** 200 answer of …/accept. */
export const AcceptedSchema = z.object({
  application: ApplicationFullViewSchema,
  receipt: ReceptionReceiptSchema,
});
export type Accepted = z.infer<typeof AcceptedSchema>;

/** Body of POST /api/v1/officer/applications/:code/request-supplement — "Yêu cầu bổ sung" (1, 2 or 4 → 5). */
export const SupplementRequestBodySchema = z.object({
  expectedStatus: StatusCodeSchema,
  /** The components that are missing or wrong, each with what is wrong (optional). */
  components: z
    .array(z.object({ componentId: ComponentIdSchema, reason: z.string().trim().max(500).optional() }))
    .min(1, 'Vui lòng chọn ít nhất một thành phần hồ sơ cần bổ sung.')
    .max(40),
  note: z.string().trim().min(1, 'Vui lòng nhập nội dung yêu cầu bổ sung.').max(2000),
});
export type SupplementRequestBody = z.infer<typeof SupplementRequestBodySchema>;

/** 200 answer of …/request-supplement. */
export const SupplementRequestedSchema = z.object({
  application: ApplicationFullViewSchema,
  request: SupplementRequestViewSchema,
});
export type SupplementRequested = z.infer<typeof SupplementRequestedSchema>;

/** Body of POST /api/v1/officer/applications/:code/reject — "Từ chối tiếp nhận" (1 or 5 → 3). */
export const RejectRequestSchema = z.object({
  expectedStatus: StatusCodeSchema,
  reason: z.string().trim().min(1, 'Vui lòng nhập lý do từ chối tiếp nhận.').max(2000),
});
export type RejectRequest = z.infer<typeof RejectRequestSchema>;

/** What the "Phiếu từ chối tiếp nhận giải quyết hồ sơ" needs. */
export const RejectionSlipSchema = z.object({
  code: z.string(),
  agency: AgencyRefSchema,
  procedureName: z.string(),
  applicantName: z.string(),
  reason: z.string(),
  rejectedAt: z.string(),
  rejectedBy: PersonRefSchema,
  kioskId: z.string().nullable(),
});
export type RejectionSlip = z.infer<typeof RejectionSlipSchema>;

export const RejectedSchema = z.object({ application: ApplicationFullViewSchema, slip: RejectionSlipSchema });
export type Rejected = z.infer<typeof RejectedSchema>;

/**
 * Body of POST /api/v1/officer/applications/:code/start-processing (2 → 4,
 * or 5 → 4 after a supplement asked during processing) and
 * POST /api/v1/officer/applications/:code/finish-processing (4 → 9).
 * Answer: ApplicationFullViewSchema.
 */
export const ProcessingStepSchema = z.object({
  expectedStatus: StatusCodeSchema,
  note: z.string().trim().max(1000).optional(),
});
export type ProcessingStep = z.infer<typeof ProcessingStepSchema>;

// ---------------------------------------------------------------- supplement by the citizen

/**
 * GET /api/v1/applications/:code/supplement-request — the latest request,
 * for the owner (or the citizen with the applicant's CCCD) and officers of
 * the agency. 404 SUPPLEMENT_NOT_REQUESTED when none was ever made.
 * Answer: SupplementRequestViewSchema.
 *
 * POST /api/v1/applications/:code/supplements — "Gửi bổ sung": multipart
 * with `doc:<componentId>` file parts and the JSON part `application`
 * holding SupplementDetailsSchema (same part names, limits, file checks and
 * Idempotency-Key rules as POST /api/v1/applications). Only in status 5, only components
 * that were asked, every asked component at least once. The owner's or the
 * applicant's session, or a kiosk device session (the kiosk's outbox sends
 * it later for the citizen who signed in at it). The application stays in
 * status 5, marked supplemented, and is back in the officer's worklist;
 * accepting it then gives 5 → 2, so the timeline reads 1 → 5 → 2.
 */
/** The JSON `application` part of POST …/supplements. */
export const SupplementDetailsSchema = z.object({
  /** A word from the citizen to the officer, shown beside the supplement. */
  note: z.string().trim().max(1000).optional(),
});
export type SupplementDetails = z.infer<typeof SupplementDetailsSchema>;

export const SupplementReceivedSchema = z.object({
  code: z.string(),
  requestId: z.number().int(),
  status: ApplicationStatusViewSchema,
  supplementedAt: z.string(),
  /** Files received, per component. */
  documents: z.array(z.object({ componentId: z.string(), files: z.number().int() })),
});
export type SupplementReceived = z.infer<typeof SupplementReceivedSchema>;

// ---------------------------------------------------------------- return of the result

/**
 * Body of POST /api/v1/officer/applications/:code/return — "Trả kết quả"
 * (9 → 10). A CCCD that is not the applicant's: 422 CITIZEN_ID_MISMATCH.
 * Fees still due (unpaid, or "thu tại quầy" not yet collected) must be
 * collected now: `collectFees: true`, else 409 FEES_DUE.
 */
export const ReturnRequestSchema = z.object({
  expectedStatus: StatusCodeSchema,
  recipient: ResultRecipientSchema,
  collectFees: z.boolean().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type ReturnRequest = z.infer<typeof ReturnRequestSchema>;

/** What the return slip needs. */
export const ReturnSlipSchema = z.object({
  code: z.string(),
  agency: AgencyRefSchema,
  procedureName: z.string(),
  applicantName: z.string(),
  recipient: z.object({ kind: z.enum(['applicant', 'authorised']), fullName: z.string(), note: z.string().nullable() }),
  returnedAt: z.string(),
  returnedBy: PersonRefSchema,
  kioskId: z.string().nullable(),
  appointmentAt: z.string(),
  /** Fees collected at this return (0 when nothing was due). */
  feesCollected: z.number().int().nonnegative(),
  fees: z.object({ items: z.array(FeeLineSchema), total: z.number().int().nonnegative() }),
});
export type ReturnSlip = z.infer<typeof ReturnSlipSchema>;

export const ReturnedSchema = z.object({
  application: ApplicationFullViewSchema,
  slip: ReturnSlipSchema,
  /**
   * One-time token for "Đánh giá mức độ hài lòng" at the kiosk right after
   * the return, without the citizen signing in; bound to this application.
   */
  ratingToken: z.string(),
  ratingTokenExpiresAt: z.string(),
});
export type Returned = z.infer<typeof ReturnedSchema>;

// ---------------------------------------------------------------- satisfaction ratings

/**
 * Body of POST /api/v1/applications/:code/rating — status 9 or 10 only; one
 * rating per application (a second: 409 ALREADY_RATED). Either the owner's
 * or applicant's session, or `ratingToken` from the return (no session
 * needed). Every criterion gets a score from the scale.
 */
export const RatingSubmissionSchema = z.object({
  scores: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/), z.number().int()),
  comment: z.string().trim().max(1000).optional(),
  ratingToken: z.string().min(20).max(200).optional(),
});
export type RatingSubmission = z.infer<typeof RatingSubmissionSchema>;

export const RatingSavedSchema = z.object({ code: z.string(), ratedAt: z.string() });
export type RatingSaved = z.infer<typeof RatingSavedSchema>;

/** GET /api/v1/officer/ratings/summary?from=&to= — the officer's agency; who rated is never shown. */
export const RatingSummaryQuerySchema = z.object({ from: DateKeySchema.optional(), to: DateKeySchema.optional() });

const RatingAggregateSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Average score per criterion id (null when nothing rated). */
  averages: z.record(z.string(), z.number().nullable()),
  /** Average of all scores, on the scale. */
  overall: z.number().nullable(),
});

export const RatingSummarySchema = z.object({
  agency: AgencyRefSchema.extend(RatingAggregateSchema.shape),
  /** The officer who received (accepted) the application is the one rated. */
  officers: z.array(PersonRefSchema.extend(RatingAggregateSchema.shape)),
});
export type RatingSummary = z.infer<typeof RatingSummarySchema>;
