import { z } from 'zod';
import { Instant, MaHoSo, text } from './document-fields.js';

/**
 * What the counter officer's slips print: "Phiếu yêu cầu bổ sung, hoàn
 * thiện hồ sơ" (Mẫu 02), "Phiếu từ chối tiếp nhận giải quyết hồ sơ" (Mẫu 03,
 * both TT 01/2018/TT-VPCP) and the return slip. The caller resolves names and
 * texts; the renderer only lays them out. Instants are ISO 8601 and printed
 * in Vietnam time.
 */

const AgencySchema = z.object({
  name: text(200),
  parentName: text(200).nullable().default(null),
});

/** Who the slip is for. Address and phone only where the kiosk still holds them (it sent the application). */
const ApplicantSchema = z.object({
  fullName: text(100),
  address: text(300).nullable().default(null),
  phone: text(20).nullable().default(null),
});

const common = {
  code: MaHoSo,
  agency: AgencySchema,
  receivingUnit: text(120).default('Bộ phận tiếp nhận và trả kết quả'),
  applicant: ApplicantSchema,
  procedureName: text(500),
  /** Place in the date line: "Quảng Ngãi, ngày … tháng … năm …". */
  place: text(60).default('Quảng Ngãi'),
};

export const SupplementSlipDataSchema = z.object({
  ...common,
  /** The components that are missing or wrong, with what is wrong where the officer said. */
  components: z
    .array(z.object({ name: text(500), reason: text(500).nullable().default(null) }))
    .min(1, 'Phiếu yêu cầu bổ sung cần ít nhất một thành phần hồ sơ.')
    .max(40),
  note: text(2000),
  requestedAt: Instant,
  requestedBy: z.object({ name: text(100) }),
  /** What the slip's QR opens (the lookup, from which "Bổ sung hồ sơ" starts); null = no QR. */
  lookupUrl: z.url({ protocol: /^https?$/ }).max(300).nullable().default(null),
});
export type SupplementSlipData = z.output<typeof SupplementSlipDataSchema>;
export type SupplementSlipDataInput = z.input<typeof SupplementSlipDataSchema>;

export const RejectionSlipDataSchema = z.object({
  ...common,
  reason: text(2000),
  rejectedAt: Instant,
  rejectedBy: z.object({ name: text(100) }),
});
export type RejectionSlipData = z.output<typeof RejectionSlipDataSchema>;
export type RejectionSlipDataInput = z.input<typeof RejectionSlipDataSchema>;

const FeeLineSchema = z.object({ name: text(300), amount: z.number().int().nonnegative() });

export const ReturnSlipDataSchema = z.object({
  ...common,
  /** The applicant themself, or the authorised person with what authorises them. */
  recipient: z.object({ kind: z.enum(['applicant', 'authorised']), fullName: text(100), note: text(500).nullable().default(null) }),
  receivedAt: Instant.nullable().default(null),
  appointmentAt: Instant.nullable().default(null),
  returnedAt: Instant,
  returnedBy: z.object({ name: text(100) }),
  fees: z.object({ items: z.array(FeeLineSchema).max(20), total: z.number().int().nonnegative() }),
  /** Collected at this return; 0 when nothing was due. */
  feesCollected: z.number().int().nonnegative(),
});
export type ReturnSlipData = z.output<typeof ReturnSlipDataSchema>;
export type ReturnSlipDataInput = z.input<typeof ReturnSlipDataSchema>;
