import { z } from 'zod';
import { Instant, MaHoSo, text } from './document-fields.js';
import { PaymentStatusSchema, QueueTicketLabelSchema } from '../../src-shared/portal-applications-api.js';

/**
 * Everything printed on "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Mẫu số 01,
 * TT 01/2018/TT-VPCP). The caller resolves names and texts; the renderer only
 * lays them out. Instants are ISO 8601 and printed in Vietnam time.
 */

export const ReceiptDocumentSchema = z.object({
  name: text(500),
  /** Bản chính. */
  originals: z.number().int().min(0).max(99),
  /** Bản sao. */
  copies: z.number().int().min(0).max(99),
});
export type ReceiptDocument = z.infer<typeof ReceiptDocumentSchema>;

export const ReceiptFeesSchema = z.object({
  items: z.array(z.object({ name: text(300), amount: z.number().int().nonnegative() })).max(20),
  total: z.number().int().nonnegative(),
  status: PaymentStatusSchema,
});

export const ReceiptPaymentSchema = z.object({
  /** EMVCo payload from buildVietQr (src-shared/domain/vietqr.ts). */
  vietQr: z.string().min(20).max(512),
  bankName: text(120),
  accountNumber: text(30),
  accountName: text(120),
});

export const ReceiptDataSchema = z
  .object({
    /** Made offline: no mã hồ sơ yet, a provisional number instead. */
    provisional: z.boolean().default(false),
    code: MaHoSo.nullable().default(null),
    provisionalNumber: text(40).nullable().default(null),
    agency: z.object({
      /** Receiving agency, e.g. "UBND xã Bình Sơn". */
      name: text(200),
      /** Governing body printed above it, e.g. "UBND tỉnh Quảng Ngãi". */
      parentName: text(200).nullable().default(null),
    }),
    receivingUnit: text(120).default('Bộ phận tiếp nhận và trả kết quả'),
    applicant: z.object({
      fullName: text(100),
      address: text(300),
      phone: text(20),
      email: z.email().max(200).nullable().default(null),
    }),
    procedure: z.object({ code: text(60), name: text(500) }),
    /** What the form declared, labelled and worded as the wizard's review shows it (dates dd/mm/yyyy). */
    declared: z.array(z.object({ label: text(300), value: text(500) })).max(60).default([]),
    documents: z.array(ReceiptDocumentSchema).max(60),
    /** Số lượng hồ sơ (bộ). */
    sets: z.number().int().min(1).max(99).default(1),
    /** Thời gian giải quyết in working days; 0 = trong ngày. */
    processingDays: z.number().int().min(0).max(365).nullable(),
    /** Overrides the wording built from processingDays (e.g. "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"). */
    processingTimeText: text(200).nullable().default(null),
    receivedAt: Instant,
    /** Null while not known (a provisional receipt). */
    appointmentAt: Instant.nullable(),
    /** Nhận kết quả tại. */
    resultPlace: text(300),
    /** The officer who received it at an assisted counter. */
    receivedBy: z.object({ name: text(100) }).nullable().default(null),
    /** "Số thứ tự" of the walk-in the counter received it from (e.g. B-015); null without a queue ticket. */
    queueTicket: QueueTicketLabelSchema.nullable().default(null),
    /** The kiosk it was submitted at (self-service). */
    kioskId: text(64).nullable().default(null),
    /** What the receipt's QR code opens (lookupUrlFor); null = no QR (provisional). */
    lookupUrl: z.url({ protocol: /^https?$/ }).max(300).nullable(),
    fees: ReceiptFeesSchema.nullable().default(null),
    payment: ReceiptPaymentSchema.nullable().default(null),
    /** Place in the date line: "Quảng Ngãi, ngày … tháng … năm …". */
    place: text(60).default('Quảng Ngãi'),
  })
  .superRefine((d, ctx) => {
    if (d.provisional && !d.provisionalNumber) {
      ctx.addIssue({ code: 'custom', path: ['provisionalNumber'], message: 'Giấy biên nhận tạm cần số biên nhận tạm.' });
    }
    if (!d.provisional && !d.code) ctx.addIssue({ code: 'custom', path: ['code'], message: 'Giấy tiếp nhận cần mã hồ sơ.' });
    if (!d.receivedBy && !d.kioskId) {
      ctx.addIssue({ code: 'custom', path: ['receivedBy'], message: 'Cần người tiếp nhận (tại quầy) hoặc mã kiosk (tự phục vụ).' });
    }
    if (d.payment && !d.fees) ctx.addIssue({ code: 'custom', path: ['fees'], message: 'Mã thanh toán VietQR cần kèm danh sách phí, lệ phí.' });
  });

export type ReceiptData = z.output<typeof ReceiptDataSchema>;
/** What callers pass: defaults may be left out. */
export type ReceiptDataInput = z.input<typeof ReceiptDataSchema>;

export const ReceiptOptionsSchema = z.object({
  layout: z.enum(['a4', 'thermal80']),
  /** 'two' = Liên 1 (lưu) and Liên 2 (giao người nộp), as at an assisted counter. */
  copies: z.enum(['single', 'two']).default('single'),
});
export type ReceiptOptions = z.input<typeof ReceiptOptionsSchema>;
