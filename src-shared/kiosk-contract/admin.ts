import { z } from 'zod';
import type { ErrorCode } from '../error-messages.js';

/**
 * "Quản trị kiosk": the settings staff may change at the kiosk without a
 * developer, the sync queue as staff see it, and the support bundle. The
 * host keeps the settings in its store over the config file's defaults.
 */

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const RECEIPT_LAYOUTS = ['a4', 'thermal80'] as const;

/** Shortest and longest time a visit may stay idle before the kiosk ends it. */
export const IDLE_LIMITS = { min: 30, max: 3600 } as const;

export const KioskSettingsSchema = z
  .object({
    mode: z.enum(['self-service', 'assisted'], { error: 'Chế độ hoạt động phải là "Tự phục vụ" hoặc "Có cán bộ hỗ trợ".' }),
    /** Seconds without a touch after which the host ends the visit and wipes its drafts. */
    visitIdleSeconds: z
      .number({ error: 'Thời gian chờ phải là một số giây.' })
      .int('Thời gian chờ phải là số giây nguyên.')
      .min(IDLE_LIMITS.min, `Thời gian chờ ít nhất ${IDLE_LIMITS.min} giây.`)
      .max(IDLE_LIMITS.max, `Thời gian chờ nhiều nhất ${IDLE_LIMITS.max} giây.`),
    /** CUPS queue of the receipt printer; null = hand the PDF to the screen. */
    printerQueue: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,127}$/, 'Tên máy in chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 127 ký tự).')
      .nullable(),
    receiptLayout: z.enum(RECEIPT_LAYOUTS, { error: 'Khổ giấy biên nhận phải là A4 hoặc giấy in nhiệt 80 mm.' }),
    language: z.enum(['vi', 'en'], { error: 'Ngôn ngữ mặc định phải là tiếng Việt hoặc tiếng Anh.' }),
    retentionDays: z
      .number({ error: 'Số ngày lưu phải là một số.' })
      .int('Số ngày lưu phải là số nguyên.')
      .min(0, 'Số ngày lưu không được âm.')
      .max(365, 'Số ngày lưu nhiều nhất 365 ngày.'),
    logLevel: z.enum(LOG_LEVELS, { error: 'Mức ghi nhật ký không hợp lệ.' }),
    /** Assisted mode: this desk's counter number at its one-stop centre; null = no queue buttons ("Gọi số tiếp theo"…). */
    counter: z
      .number({ error: 'Số quầy phải là một số từ 1 đến 99, hoặc để trống nếu quầy không gọi số.' })
      .int('Số quầy phải là số nguyên.')
      .min(1, 'Số quầy phải từ 1 trở lên.')
      .max(99, 'Số quầy nhiều nhất là 99.')
      .nullable(),
  })
  .strict();
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const PortalUrlSchema = z
  .string()
  .trim()
  .max(500, 'Địa chỉ Cổng dịch vụ công dài quá 500 ký tự.')
  .pipe(z.url({ protocol: /^https?$/, error: 'Địa chỉ Cổng dịch vụ công phải là địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https:// (ví dụ https://dichvucong.quangngai.gov.vn).' }));

/** One waiting entry of the sync queue: numbers and names of procedures only, no applicant data. */
export const QueueEntrySchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(['application', 'supplement']),
  /** Provisional receipt number (application) or the mã hồ sơ the supplement is for. */
  reference: z.string(),
  procedureName: z.string(),
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  /** What went wrong on the last try, as an error class (never data). */
  lastError: z.string().nullable(),
  parked: z.boolean(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

export const AdminOverviewSchema = z.object({
  kioskId: z.string(),
  /** The agency of the officer who opened the screen (the kiosk's counter). */
  agencyCode: z.string().nullable(),
  portalUrl: z.string(),
  /** The portal answered since the URL was last applied. */
  portalReachable: z.boolean(),
  settings: KioskSettingsSchema,
});
export type AdminOverview = z.infer<typeof AdminOverviewSchema>;

const DiscardReasonSchema = z
  .string()
  .trim()
  .min(5, 'Vui lòng nhập lý do hủy (ít nhất 5 ký tự).')
  .max(300, 'Lý do hủy dài tối đa 300 ký tự.');

interface AdminCallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  description: string;
}

const spec = <I extends z.ZodType, O extends z.ZodType>(s: AdminCallSpec<I, O>): AdminCallSpec<I, O> => s;
const ADMIN_ERRORS = ['SIGN_IN_REQUIRED', 'FORBIDDEN', 'STAFF_PIN_WRONG'] as const satisfies readonly ErrorCode[];

/** The admin calls, joined into the kiosk API (src-shared/kiosk-api.ts). */
export const adminCalls = {
  'admin.open': spec({
    description: '"Quản trị kiosk": the present officer, an administrator, enters the shift PIN again; wrong PINs and roles are rate-limited.',
    input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'Mã PIN ca làm việc gồm 4 đến 8 chữ số.') }).strict(),
    output: AdminOverviewSchema,
    errors: ADMIN_ERRORS,
  }),
  'admin.overview': spec({
    description: 'Kiosk id, agency, portal URL and the settings in force.',
    input: z.object({}).strict(),
    output: AdminOverviewSchema,
    errors: ADMIN_ERRORS,
  }),
  'admin.saveSettings': spec({
    description: 'Saves the settings in the kiosk store (over the config defaults); they apply at once.',
    input: z.object({ settings: KioskSettingsSchema }).strict(),
    output: AdminOverviewSchema,
    errors: ADMIN_ERRORS,
  }),
  'admin.setPortalUrl': spec({
    description: 'Points the kiosk at another portal without a restart; the new address is probed and kept.',
    input: z.object({ portalUrl: PortalUrlSchema }).strict(),
    output: AdminOverviewSchema,
    errors: ADMIN_ERRORS,
  }),
  'admin.queue': spec({
    description: 'The sync queue: every entry waiting to be sent.',
    input: z.object({}).strict(),
    output: z.object({ entries: z.array(QueueEntrySchema) }),
    errors: ADMIN_ERRORS,
  }),
  'admin.retry': spec({
    description: '"Gửi lại": the entry is tried now, parked or not.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ entries: z.array(QueueEntrySchema) }),
    errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  }),
  'admin.discard': spec({
    description: '"Hủy": the entry leaves the queue with a reason (audited); its application goes to "Hồ sơ cần sửa", nothing is deleted.',
    input: z.object({ id: z.number().int().positive(), reason: DiscardReasonSchema }).strict(),
    output: z.object({ entries: z.array(QueueEntrySchema) }),
    errors: [...ADMIN_ERRORS, 'NOT_FOUND'],
  }),
  'admin.supportBundle': spec({
    description: 'A JSON file of the kiosk state and its recent log lines, with no personal data, for the support desk.',
    input: z.object({}).strict(),
    // Saved on the kiosk too (savedPath): the Electron shell offers no download.
    output: z.object({ fileName: z.string(), json: z.string(), savedPath: z.string() }),
    errors: ADMIN_ERRORS,
  }),
} as const;
