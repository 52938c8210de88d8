import { z } from 'zod';
import { ProcedureSchema, ProcedureSummarySchema } from './catalogue.js';
import { KioskErrorSchema, type ErrorCode } from './errors.js';
import type { CallName } from './call-names.js';
import { ApplicantSchema, FeeLineSchema, SubmitterSchema } from './kiosk-contract/applications.js';
import { AccountSummarySchema, CaptchaResponseSchema, LoginRequestSchema, OtpChallengeResponseSchema, OtpVerifyRequestSchema } from './kiosk-contract/login.js';
import { PAPER_LIMITS, PAPER_ROTATIONS, base64Length } from './paper-limits.js';
import { cleanFileName } from './domain/file-name.js';
import { ApplicationFullViewSchema } from './kiosk-contract/applications.js';
import { adminCalls } from './kiosk-contract/admin.js';
import { fleetCalls } from './kiosk-contract/fleet.js';
import { queueCalls } from './kiosk-contract/queue.js';
import { counterQueueCalls } from './kiosk-contract/counter-queue.js';
import { RatingCriteriaSchema, ResultRecipientSchema, SupplementRequestViewSchema, WorklistSchema } from './kiosk-contract/officer.js';

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

export const ATTACHMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** A file the citizen attached, kept on the kiosk by its SHA-256. */
export const AttachmentRefSchema = z.object({
  componentId: z.string().regex(/^[a-z0-9-]+$/),
  // Cleaned wherever a reference comes in (drafts, submit, resubmit), not only where the file was added.
  fileName: trimmed(200).min(1).overwrite((name) => cleanFileName(name)),
  mime: z.enum(ATTACHMENT_MIMES),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/**
 * Limits of their own for what the citizen types (issue 17: a 40 MB draft
 * with 20,000 keys was accepted). No procedure has more than a few dozen
 * fields, so 100 keys, 60-character ids and a 256 KB draft leave room while
 * keeping the encrypted store and the portal upload small.
 */
export const FORM_LIMITS = { maxKeys: 100, maxKeyLength: 60, maxApplicantKeys: 20, maxDraftBytes: 256 * 1024 } as const;

const fieldKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'Mã trường của biểu mẫu chỉ gồm chữ cái, chữ số và dấu gạch dưới.');

const atMostKeys = (max: number) => (record: Record<string, unknown>) => Object.keys(record).length <= max;
// A refine rather than the key schema's max, so the message names the limit instead of zod's generic "invalid key".
const shortKeys = (record: Record<string, unknown>) => Object.keys(record).every((k) => k.length <= FORM_LIMITS.maxKeyLength);
const SHORT_KEYS_MESSAGE = `Mã trường của biểu mẫu dài tối đa ${FORM_LIMITS.maxKeyLength} ký tự.`;

const FieldValuesSchema = z
  .record(fieldKey, z.union([z.string().max(2000), z.number()]))
  .refine(atMostKeys(FORM_LIMITS.maxKeys), `Biểu mẫu có quá nhiều trường (tối đa ${FORM_LIMITS.maxKeys}).`)
  .refine(shortKeys, SHORT_KEYS_MESSAGE);

/** What the 4-step wizard has so far; anything may still be missing. */
export const DraftDataSchema = z
  .object({
    step: z.number().int().min(1).max(4),
    applicant: z
      .record(fieldKey, z.string().max(300))
      .refine(atMostKeys(FORM_LIMITS.maxApplicantKeys), `Thông tin người nộp có quá nhiều mục (tối đa ${FORM_LIMITS.maxApplicantKeys}).`)
      .refine(shortKeys, SHORT_KEYS_MESSAGE)
      .default({}),
    fields: FieldValuesSchema.default({}),
    attachments: z.array(AttachmentRefSchema).max(50).default([]),
    declarationAccepted: z.boolean().default(false),
    /** "Tôi nộp hồ sơ cho chính mình" or "Tôi nộp hộ người khác (được ủy quyền)" with the relation typed so far. */
    submitter: z.object({ kind: z.enum(['self', 'proxy']), relation: z.string().max(200).default('') }).strict().optional(),
  })
  .refine(
    (draft) => new TextEncoder().encode(JSON.stringify(draft)).length <= FORM_LIMITS.maxDraftBytes,
    `Bản nháp quá lớn (tối đa ${FORM_LIMITS.maxDraftBytes / 1024} KB). Vui lòng rút gọn nội dung đã nhập.`,
  );
export type DraftData = z.infer<typeof DraftDataSchema>;

export const SubmissionStateSchema = z.enum(['queued', 'accepted', 'needs_fix']);

/** An application made at this kiosk, as the UI shows it. */
export const SubmissionViewSchema = z.object({
  localId: z.string(),
  /** "Số biên nhận tạm", shown until the portal gives the mã hồ sơ. */
  provisionalNo: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  state: SubmissionStateSchema,
  officialCode: z.string().nullable(),
  receivedAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  status: z.object({ code: z.number().int(), name: z.string(), checkedAt: z.string() }).nullable(),
  /** The portal's reason when it refused the application ("cần sửa"). */
  portalMessage: z.string().nullable(),
  /** "Số thứ tự" of the walk-in the counter received it from; null without a queue ticket. */
  queueTicket: z.string().nullable(),
  createdAt: z.string(),
});
export type SubmissionView = z.infer<typeof SubmissionViewSchema>;

export const SyncStateSchema = z.object({
  pending: z.number().int().nonnegative(),
  /** Applications this kiosk cannot read back (corrupt row, data key that does not match): kept, not sent, shown to staff. */
  parked: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  portalReachable: z.boolean(),
  /** The portal refused this kiosk's device key (KIOSK_KEY_INVALID / KIOSK_NOT_ENROLLED): nothing can be sent until an administrator enrols it again. */
  deviceRefused: z.boolean(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

const SubmissionInputSchema = z
  .object({
    draftId: z.uuid().optional(),
    procedureCode: trimmed(60).min(1),
    applicant: ApplicantSchema,
    fields: FieldValuesSchema.default({}),
    attachments: z.array(AttachmentRefSchema).max(50),
    /**
     * Self-service: the signed-in citizen submits for themself (the applicant's
     * CCCD must be theirs) or as a proxy ("người nộp hộ / ủy quyền") with the
     * relation recorded. Ignored at the assisted counter, where the officer receives.
     */
    submitter: SubmitterSchema.default({ kind: 'self' }),
    declarationAccepted: z.literal(true, 'Vui lòng xác nhận cam đoan thông tin khai báo là đúng sự thật.'),
    /**
     * The step-3 captcha (made by the host, so it works offline too), checked at
     * step 3 and spent here. Required in self-service; at an assisted counter the
     * present officer's shift stands in for it (see README, "Captcha").
     */
    captchaId: z.string().min(1).max(64).optional(),
    captchaAnswer: trimmed(12).min(1).optional(),
  })
  .strict();

/** The shift PIN an officer chooses at sign-in, to unlock the counter after a break. */
export const StaffPinSchema = z.string().regex(/^\d{4,8}$/, 'Mã PIN ca làm việc gồm 4 đến 8 chữ số.');

/** Who is signed in at the kiosk right now (the portal session itself stays in the host). */
export const SignedInSchema = z.object({
  citizen: AccountSummarySchema.nullable(),
  /** Counter officer signed in for the shift (assisted mode). */
  staff: z
    .object({
      username: z.string(),
      displayName: z.string(),
      agencyCode: z.string().nullable(),
      /** The officer stepped away: the counter is locked until the shift PIN is entered. */
      locked: z.boolean(),
    })
    .nullable(),
});
export type SignedIn = z.infer<typeof SignedInSchema>;

/** The signing token as the login screen shows it. */
export const TokenStateSchema = z.object({
  present: z.boolean(),
  /** The token model from the table of known tokens, null when unknown or absent. */
  model: z.string().nullable(),
  /** "Đã nhận thiết bị ký số" / "Chưa cắm thiết bị ký số". */
  message: z.string(),
});
export type TokenState = z.infer<typeof TokenStateSchema>;

/** A certificate on the token, for the business to pick (public data only). */
export const TokenCertificateSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  holder: z.string(),
  organization: z.string().nullable(),
  /** Mã số thuế (MST) from the certificate subject. */
  taxCode: z.string().nullable(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  validity: z.enum(['valid', 'expired', 'not-yet-valid']),
});
export type TokenCertificate = z.infer<typeof TokenCertificateSchema>;

/** The token PIN: digits only on the kiosk's keypad; used for one operation, never stored. */
const TokenPinSchema = z.string().regex(/^\d{4,16}$/, 'Mã PIN gồm 4 đến 16 chữ số.');
const CertIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Vui lòng chọn chứng thư số.');

const MaHoSoInputSchema = trimmed(40).min(1);
const ExpectedStatusSchema = z.number().int().min(1).max(10);
const PaperLayoutSchema = z.enum(['a4', 'thermal80']).default('a4');

/** A slip or receipt the officer's action produced: printed, or handed back as a PDF where no printer is set. */
export const PrintedDocumentSchema = z.object({
  outcome: z.enum(['printed', 'download']),
  message: z.string(),
  pdfBase64: z.string().optional(),
});
export type PrintedDocument = z.infer<typeof PrintedDocumentSchema>;

/** Where an application stands after an officer's action. */
const ActionResultSchema = z.object({
  code: z.string(),
  status: z.object({ code: z.number().int(), name: z.string() }),
  appointmentAt: z.string().nullable(),
});

/** Largest attachment the kiosk accepts, before base64 (the portal's limit is a setting too). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const kioskApi = {
  'app.info': call({
    description: 'Kiosk identity, mode, language and catalogue freshness.',
    input: z.object({}).strict(),
    output: z.object({
      name: z.string(),
      version: z.string(),
      kioskId: z.string(),
      mode: z.enum(['self-service', 'assisted']),
      /** 'auto': the on-screen keyboard opens when a field is touched (self-service); 'manual': only by its button. */
      onScreenKeyboard: z.enum(['auto', 'manual']),
      language: z.enum(['vi', 'en']),
      shell: z.enum(['electron', 'browser']),
      /** Assisted mode: the counter locks itself after this many idle seconds. */
      staffLockSeconds: z.number().int().positive(),
      /** The paper receipts and slips are laid out for unless the person picks the other ("Quản trị kiosk"). */
      receiptLayout: z.enum(['a4', 'thermal80']),
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
    description: 'Full-text search, case- and diacritics-insensitive, ranked by relevance, within the chosen field and agency.',
    input: z
      .object({
        query: trimmed(200).min(1),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
        field: trimmed(200).optional(),
        agencyCode: trimmed(40).optional(),
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
  'attachments.add': call({
    description: 'Keeps one attached file on the kiosk (type sniffed, size checked) and returns its reference.',
    input: z
      .object({
        componentId: z.string().regex(/^[a-z0-9-]+$/),
        fileName: trimmed(200).min(1),
        dataBase64: z.string().min(1).max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4),
      })
      .strict(),
    output: AttachmentRefSchema,
    errors: ['FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED'],
  }),
  'attachments.fromImages': call({
    description: 'Joins paper pages (camera captures or PNG/JPEG images, each turned as asked) into one PDF kept as an attachment.',
    input: z
      .object({
        componentId: z.string().regex(/^[a-z0-9-]+$/),
        fileName: trimmed(200).min(1),
        pages: z
          .array(
            z
              .object({
                // Room up to the whole-document limit, so a page just over its own limit gets FILE_TOO_LARGE and its message.
                dataBase64: z.string().min(1).max(base64Length(PAPER_LIMITS.maxTotalBytes)),
                rotate: z.literal(PAPER_ROTATIONS).default(0),
              })
              .strict(),
          )
          .min(1, 'Chưa có trang nào. Vui lòng chụp hoặc chọn ít nhất một ảnh.')
          .max(PAPER_LIMITS.maxPages, `Mỗi thành phần hồ sơ được tối đa ${PAPER_LIMITS.maxPages} trang.`),
      })
      .strict(),
    output: AttachmentRefSchema,
    errors: ['FILE_TOO_LARGE', 'TOTAL_TOO_LARGE', 'TOO_MANY_PAGES', 'IMAGE_TYPE_NOT_ALLOWED', 'IMAGE_UNREADABLE'],
  }),
  'drafts.save': call({
    description: 'Saves the wizard as it stands (called debounced as the citizen types).',
    input: z.object({ id: z.uuid().optional(), procedureCode: trimmed(60).min(1), data: DraftDataSchema, keep: z.boolean().default(false) }).strict(),
    output: z.object({ id: z.string(), updatedAt: z.string() }),
    errors: [],
  }),
  'drafts.current': call({
    description: 'The draft of the current kiosk session, to resume after a crash or power cut.',
    input: z.object({}).strict(),
    output: z.object({
      draft: z.object({ id: z.string(), procedureCode: z.string(), data: DraftDataSchema, updatedAt: z.string() }).nullable(),
    }),
    errors: [],
  }),
  'drafts.discard': call({
    description: 'Deletes a draft.',
    input: z.object({ id: z.uuid() }).strict(),
    output: z.object({ ok: z.literal(true) }),
    errors: [],
  }),
  'session.end': call({
    description: 'Ends the visit (Kết thúc, logout, idle): the session’s drafts are wiped unless kept.',
    input: z.object({}).strict(),
    output: z.object({ wipedDrafts: z.number().int().nonnegative() }),
    errors: [],
  }),
  'submissions.submit': call({
    description: 'Commits the application with its attachments and an outbox entry in one transaction.',
    input: SubmissionInputSchema,
    output: SubmissionViewSchema,
    errors: ['SIGN_IN_REQUIRED', 'CAPTCHA_WRONG', 'PROCEDURE_NOT_FOUND', 'MISSING_DOCUMENTS'],
  }),
  'submissions.get': call({
    description: 'One application made at this kiosk.',
    input: z.object({ localId: z.uuid() }).strict(),
    output: SubmissionViewSchema,
    errors: ['NOT_FOUND'],
  }),
  'submissions.list': call({
    description: 'Applications made at this kiosk, newest first (staff view).',
    input: z.object({ states: z.array(SubmissionStateSchema).optional() }).strict(),
    output: z.object({ items: z.array(SubmissionViewSchema) }),
    errors: [],
  }),
  'submissions.resubmit': call({
    description: 'Sends again an application the portal refused, after staff fixed it.',
    input: z
      .object({ localId: z.uuid(), applicant: ApplicantSchema, fields: FieldValuesSchema.default({}), attachments: z.array(AttachmentRefSchema).max(50) })
      .strict(),
    output: SubmissionViewSchema,
    errors: ['NOT_FOUND', 'MISSING_DOCUMENTS'],
  }),
  'submissions.forFix': call({
    description: 'What staff need to fix an application the portal refused ("Hồ sơ cần sửa"): the portal\'s reason and what was sent.',
    input: z.object({ localId: z.uuid() }).strict(),
    output: z.object({
      application: SubmissionViewSchema,
      applicant: ApplicantSchema,
      fields: FieldValuesSchema,
      attachments: z.array(AttachmentRefSchema),
    }),
    errors: ['NOT_FOUND'],
  }),
  'auth.captcha': call({
    description: 'A new captcha from the portal (SVG data URI), single use, valid 2 minutes.',
    input: z.object({}).strict(),
    output: CaptchaResponseSchema,
    errors: ['PORTAL_UNREACHABLE'],
  }),
  'auth.login': call({
    description: 'Citizen login, step 1: CCCD/CMND + password + captcha; the portal sends an SMS OTP.',
    input: LoginRequestSchema.strict(),
    output: OtpChallengeResponseSchema,
    errors: ['PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'auth.resendOtp': call({
    description: 'Sends a new OTP (after the 60-second wait).',
    input: z.object({ challengeId: z.string().min(1).max(64) }).strict(),
    output: OtpChallengeResponseSchema,
    errors: ['PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'auth.verifyOtp': call({
    description: 'Citizen login, step 2: the OTP. The session stays in the host; the UI gets the account summary.',
    input: OtpVerifyRequestSchema.strict(),
    output: SignedInSchema,
    errors: ['PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'auth.state': call({
    description: 'Who is signed in.',
    input: z.object({}).strict(),
    output: SignedInSchema,
    errors: [],
  }),
  'auth.logout': call({
    description: 'Signs the citizen out (the portal session is revoked).',
    input: z.object({}).strict(),
    output: SignedInSchema,
    errors: [],
  }),
  'staff.signIn': call({
    description: 'Counter officer signs in for the shift (assisted mode) with the portal officer account, and chooses the shift PIN.',
    input: LoginRequestSchema.extend({ pin: StaffPinSchema }).strict(),
    output: SignedInSchema,
    errors: ['PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'staff.lock': call({
    description: '"Khóa màn hình": the officer steps away; the counter stays locked until the shift PIN.',
    input: z.object({}).strict(),
    output: SignedInSchema,
    errors: ['SIGN_IN_REQUIRED'],
  }),
  'staff.unlock': call({
    description: 'The shift PIN unlocks the counter; too many wrong PINs end the shift.',
    input: z.object({ pin: StaffPinSchema }).strict(),
    output: SignedInSchema,
    errors: ['SIGN_IN_REQUIRED', 'STAFF_PIN_WRONG', 'STAFF_PIN_LOCKED'],
  }),
  'staff.signOut': call({
    description: 'Ends the officer’s shift at this kiosk.',
    input: z.object({}).strict(),
    output: SignedInSchema,
    errors: [],
  }),
  'wizard.captcha': call({
    description: 'A captcha for step 3 of the wizard, made by the host (works offline), single use, valid 5 minutes.',
    input: z.object({}).strict(),
    output: z.object({ id: z.string(), svg: z.string(), expiresAt: z.string() }),
    errors: [],
  }),
  'wizard.checkCaptcha': call({
    description:
      'Step 3\'s "Tiếp tục": checks the captcha answer. Right: the captcha stays open (15 minutes) for the submit, which presents the same answer and spends it. Wrong: the captcha is spent, ask for a new one.',
    input: z.object({ captchaId: z.string().min(1).max(64), captchaAnswer: trimmed(12).min(1) }).strict(),
    output: z.object({ ok: z.literal(true) }),
    errors: ['CAPTCHA_WRONG'],
  }),
  'payments.quote': call({
    description: 'Fees of an application the portal accepted, with the VietQR to pay them by bank transfer.',
    input: z.object({ localId: z.uuid() }).strict(),
    output: z.object({
      code: z.string(),
      items: z.array(FeeLineSchema),
      total: z.number().int().nonnegative(),
      status: z.enum(['mien', 'chua_thanh_toan', 'da_thanh_toan', 'thu_tai_quay']),
      vietQr: z.string().nullable(),
      /** The same VietQR drawn as an SVG document, for the screen. */
      vietQrSvg: z.string().nullable(),
      payee: z.object({ bankBin: z.string(), account: z.string(), accountName: z.string() }).nullable(),
    }),
    errors: ['NOT_FOUND', 'NOT_YET_SENT', 'PORTAL_UNREACHABLE'],
  }),
  'receipts.print': call({
    description: 'Makes the receipt (Mẫu 01; provisional while offline) and prints it, or hands it back as a PDF where no printer is set.',
    input: z.object({ localId: z.uuid(), layout: z.enum(['a4', 'thermal80']).default('a4') }).strict(),
    output: z.object({
      outcome: z.enum(['printed', 'download']),
      message: z.string(),
      /** The PDF, when it is to be saved or shown rather than printed. */
      pdfBase64: z.string().optional(),
      provisional: z.boolean(),
    }),
    errors: ['NOT_FOUND', 'PRINTER_ERROR'],
  }),
  'sync.state': call({
    description: 'How many applications wait to be sent, and whether the portal answers.',
    input: z.object({}).strict(),
    output: SyncStateSchema,
    errors: [],
  }),
  'sync.now': call({
    description: '"Đồng bộ ngay": try every waiting application now.',
    input: z.object({}).strict(),
    output: SyncStateSchema,
    errors: [],
  }),
  'devices.state': call({
    description: 'Whether a signing token is plugged in, live (also sent as the device.token event).',
    input: z.object({}).strict(),
    output: z.object({ token: TokenStateSchema }),
    errors: [],
  }),
  'business.certificates': call({
    description: 'The business certificates on the plugged-in token: holder, company, MST, issuer, validity.',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(TokenCertificateSchema) }),
    errors: ['TOKEN_NOT_PRESENT', 'TOKEN_REMOVED', 'TOKEN_ERROR', 'PKCS11_LIBRARY_NOT_FOUND', 'CERT_NOT_FOUND'],
  }),
  'business.login': call({
    description: 'Business login: the token signs the portal challenge; the session stays in the host.',
    input: z.object({ certId: CertIdSchema, pin: TokenPinSchema }).strict(),
    output: SignedInSchema,
    errors: [
      'TOKEN_NOT_PRESENT',
      'TOKEN_REMOVED',
      'TOKEN_ERROR',
      'PKCS11_LIBRARY_NOT_FOUND',
      'CERT_NOT_FOUND',
      'CERT_EXPIRED',
      'CERT_NOT_YET_VALID',
      'PIN_WRONG',
      'PIN_LOCKED',
      'SIGNING_FAILED',
      'PORTAL_REFUSED',
      'PORTAL_UNREACHABLE',
    ],
  }),
  'business.signDeclaration': call({
    description: 'Renders the application summary as the declaration form, signs it (PAdES) with the token and keeps it as an attachment.',
    input: z
      .object({
        procedureCode: trimmed(60).min(1),
        certId: CertIdSchema,
        pin: TokenPinSchema,
        applicant: ApplicantSchema,
        fields: FieldValuesSchema.default({}),
        /** The other files attached so far: listed with their SHA-256 in the signed form. */
        attachments: z.array(AttachmentRefSchema).max(50).default([]),
      })
      .strict(),
    output: AttachmentRefSchema,
    errors: [
      'SIGN_IN_REQUIRED',
      'FORBIDDEN',
      'PROCEDURE_NOT_FOUND',
      'TOKEN_NOT_PRESENT',
      'TOKEN_REMOVED',
      'TOKEN_ERROR',
      'PKCS11_LIBRARY_NOT_FOUND',
      'CERT_NOT_FOUND',
      'CERT_EXPIRED',
      'CERT_NOT_YET_VALID',
      'PIN_WRONG',
      'PIN_LOCKED',
      'SIGNING_FAILED',
    ],
  }),
  'officer.worklist': call({
    description: '"Hồ sơ chờ tiếp nhận": applications of the officer\'s agency waiting for a reception decision, oldest first.',
    input: z
      .object({
        procedureCode: trimmed(60).min(1).optional(),
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        overdue: z.boolean().default(false),
        page: z.number().int().min(1).default(1),
      })
      .strict(),
    output: WorklistSchema,
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'officer.application': call({
    description: 'One application of the officer\'s agency in full, with its attachments listed.',
    input: z.object({ code: MaHoSoInputSchema }).strict(),
    output: ApplicationFullViewSchema,
    errors: ['SIGN_IN_REQUIRED', 'APPLICATION_NOT_FOUND', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'officer.attachment': call({
    description: 'One attached file, for the inline preview (PDF or image).',
    input: z.object({ code: MaHoSoInputSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    output: z.object({ mime: z.enum(ATTACHMENT_MIMES), dataBase64: z.string() }),
    errors: ['SIGN_IN_REQUIRED', 'NOT_FOUND', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'officer.accept': call({
    description: '"Tiếp nhận" (1 → 2, or 5 → 2 after a supplement); prints the Mẫu 01 receipt.',
    input: z.object({ code: MaHoSoInputSchema, expectedStatus: ExpectedStatusSchema, layout: PaperLayoutSchema }).strict(),
    output: ActionResultSchema.extend({ document: PrintedDocumentSchema }),
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE', 'PRINTER_ERROR'],
  }),
  'officer.requestSupplement': call({
    description: '"Yêu cầu bổ sung" (→ 5): the components missing or wrong and a note; prints the Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.',
    input: z
      .object({
        code: MaHoSoInputSchema,
        expectedStatus: ExpectedStatusSchema,
        components: z
          .array(z.object({ componentId: z.string().regex(/^[a-z0-9-]{1,64}$/), reason: trimmed(500).optional() }).strict())
          .min(1, 'Vui lòng chọn ít nhất một thành phần hồ sơ cần bổ sung.')
          .max(40),
        note: trimmed(2000).min(1, 'Vui lòng nhập nội dung yêu cầu bổ sung.'),
        layout: PaperLayoutSchema,
      })
      .strict(),
    output: ActionResultSchema.extend({ document: PrintedDocumentSchema }),
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE', 'PRINTER_ERROR'],
  }),
  'officer.reject': call({
    description: '"Từ chối tiếp nhận" (→ 3) with the reason; prints the Phiếu từ chối tiếp nhận, giải quyết hồ sơ.',
    input: z
      .object({ code: MaHoSoInputSchema, expectedStatus: ExpectedStatusSchema, reason: trimmed(2000).min(1, 'Vui lòng nhập lý do từ chối tiếp nhận.'), layout: PaperLayoutSchema })
      .strict(),
    output: ActionResultSchema.extend({ document: PrintedDocumentSchema }),
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE', 'PRINTER_ERROR'],
  }),
  'officer.processing': call({
    description: 'The reference portal\'s processing steps: "Đang xử lý" (2 → 4) and "Đã xử lý xong" (4 → 9).',
    input: z.object({ code: MaHoSoInputSchema, expectedStatus: ExpectedStatusSchema, step: z.enum(['start', 'finish']) }).strict(),
    output: ActionResultSchema,
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'officer.returnResult': call({
    description: '"Trả kết quả" (9 → 10): the applicant\'s CCCD must match, or an authorised person is recorded; fees due are collected; prints the return slip.',
    input: z
      .object({
        code: MaHoSoInputSchema,
        expectedStatus: ExpectedStatusSchema,
        recipient: ResultRecipientSchema,
        collectFees: z.boolean().default(false),
        layout: PaperLayoutSchema,
      })
      .strict(),
    output: ActionResultSchema.extend({ document: PrintedDocumentSchema, feesCollected: z.number().int().nonnegative() }),
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE', 'PRINTER_ERROR'],
  }),
  'supplements.request': call({
    description: '"Bổ sung hồ sơ": what the officer asked of the signed-in citizen\'s application (status 5).',
    input: z.object({ code: MaHoSoInputSchema }).strict(),
    output: z.object({
      procedureCode: z.string(),
      status: z.object({ code: z.number().int(), name: z.string() }),
      request: SupplementRequestViewSchema,
      /** Sent from this kiosk and waiting in its outbox. */
      queued: z.boolean(),
    }),
    errors: ['SIGN_IN_REQUIRED', 'INVALID_CODE', 'APPLICATION_NOT_FOUND', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'supplements.submit': call({
    description: '"Gửi bổ sung": the files asked for, committed with an outbox entry (own idempotency key) and sent once, also after an outage.',
    input: z
      .object({ code: MaHoSoInputSchema, note: trimmed(1000).optional(), attachments: z.array(AttachmentRefSchema).min(1, 'Vui lòng đính kèm giấy tờ cần bổ sung.').max(40) })
      .strict(),
    output: z.object({ code: z.string(), state: z.enum(['queued', 'sent']), sentAt: z.string().nullable() }),
    errors: ['SIGN_IN_REQUIRED', 'MISSING_DOCUMENTS', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  'ratings.criteria': call({
    description: '"Đánh giá mức độ hài lòng": the criteria and the scale (data, with the legal source).',
    input: z.object({}).strict(),
    output: RatingCriteriaSchema,
    errors: ['PORTAL_UNREACHABLE'],
  }),
  'ratings.submit': call({
    description: 'One rating of an application in status 9 or 10: right after the return at this counter, or by its signed-in owner.',
    input: z
      .object({ code: MaHoSoInputSchema, scores: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/), z.number().int()), comment: trimmed(1000).optional() })
      .strict(),
    output: z.object({ code: z.string(), ratedAt: z.string() }),
    errors: ['SIGN_IN_REQUIRED', 'PORTAL_REFUSED', 'PORTAL_UNREACHABLE'],
  }),
  ...adminCalls,
  ...fleetCalls,
  ...queueCalls,
  ...counterQueueCalls,
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
  z.object({
    type: z.literal('application.updated'),
    application: z.object({
      localId: z.string(),
      provisionalNo: z.string(),
      state: SubmissionStateSchema,
      officialCode: z.string().nullable(),
      appointmentAt: z.string().nullable(),
      portalMessage: z.string().nullable(),
    }),
  }),
  z.object({ type: z.literal('sync.state'), state: SyncStateSchema }),
  z.object({ type: z.literal('device.token'), present: z.boolean(), model: z.string().nullable() }),
  /** From the shell, not the host: the host process died and is being started again ('restarting'), or is back ('ready'). */
  z.object({ type: z.literal('host.process'), state: z.enum(['restarting', 'ready']) }),
  /** A scan read by the host from a HID scanner: the UI treats it as a keyboard-wedge scan. */
  z.object({ type: z.literal('device.scan'), text: z.string().max(4000) }),
]);
export type KioskEvent = z.infer<typeof KioskEventSchema>;

