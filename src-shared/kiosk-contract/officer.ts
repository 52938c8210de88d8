import { z } from 'zod';
import { AgencyRefSchema, ApplicationListItemSchema } from './applications.js';

/**
 * The kiosk contract's records of the counter officer's work: the
 * reception worklist, a supplement request, who takes a result, and the
 * satisfaction-rating criteria. Owned by the contract; the host's gateway
 * maps a portal's answers to them.
 */

/** An officer named on a record. */
export const PersonRefSchema = z.object({ accountId: z.number().int(), name: z.string() });

export const WorklistItemSchema = ApplicationListItemSchema.extend({
  kioskId: z.string().nullable(),
  receivedBy: PersonRefSchema.nullable(),
  /** True when the application is back from the citizen with a requested supplement (status 5). */
  supplemented: z.boolean(),
  /** When it reached the worklist: submission, or the supplement's arrival. */
  waitingSince: z.string(),
  /** Reception decision due by (`dueWorkingDays` working days after waitingSince). */
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type WorklistItem = z.infer<typeof WorklistItemSchema>;

export const WorklistSchema = z.object({
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  dueWorkingDays: z.number(),
  items: z.array(WorklistItemSchema),
});
export type Worklist = z.infer<typeof WorklistSchema>;

/**
 * A supplement request as the kiosk shows it and as the "Phiếu yêu cầu bổ
 * sung, hoàn thiện hồ sơ" prints it. state: 'open' (waiting for the
 * citizen), 'supplemented' (sent, waiting for the officer), 'closed' (the
 * officer decided after it).
 */
export const SupplementRequestViewSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  agency: AgencyRefSchema,
  procedureName: z.string(),
  /** The applicant's full name: the slip is given to them; only owners and officers can read this. */
  applicantName: z.string(),
  /** 'reception': asked before acceptance; 'processing': asked while processing. */
  stage: z.enum(['reception', 'processing']),
  components: z.array(z.object({ componentId: z.string(), name: z.string(), reason: z.string().nullable() })),
  note: z.string(),
  requestedAt: z.string(),
  requestedBy: PersonRefSchema,
  kioskId: z.string().nullable(),
  state: z.enum(['open', 'supplemented', 'closed']),
  supplementedAt: z.string().nullable(),
});
export type SupplementRequestView = z.infer<typeof SupplementRequestViewSchema>;

/** Who takes the result: the applicant (their CCCD must match), or an authorised person recorded. */
export const ResultRecipientSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('applicant'),
    citizenId: z.string().trim().regex(/^(\d{9}|\d{12})$/, 'Số định danh cá nhân gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).'),
  }),
  z.object({
    kind: z.literal('authorised'),
    fullName: z.string().trim().min(1).max(100),
    citizenId: z.string().trim().regex(/^(\d{9}|\d{12})$/, 'Số định danh cá nhân gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).'),
    /** e.g. the power of attorney's number and date. */
    note: z.string().trim().min(1, 'Vui lòng ghi giấy ủy quyền hoặc quan hệ với người nộp hồ sơ.').max(500),
  }),
]);
export type ResultRecipient = z.infer<typeof ResultRecipientSchema>;

/** GET /api/v1/ratings/criteria — the criteria and the scale (data, with its legal source). */
export const RatingCriteriaSchema = z.object({
  source: z.object({ title: z.string(), documents: z.array(z.string()), note: z.string() }),
  scale: z.array(z.object({ score: z.number().int(), label: z.string(), labelEn: z.string() })).min(2),
  criteria: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9_]{1,40}$/), label: z.string(), labelEn: z.string(), basis: z.string() }))
    .min(1),
});
export type RatingCriteria = z.infer<typeof RatingCriteriaSchema>;
