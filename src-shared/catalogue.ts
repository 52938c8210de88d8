import { z } from 'zod';

/**
 * A procedure (thủ tục hành chính, TTHC) as the portal publishes it and the
 * kiosk caches it. Field names follow the national TTHC record (see
 * shared/design/DOMAIN.md, "Procedure record").
 */

export const AgencySchema = z.object({
  /** Electronic identifier code (mã định danh điện tử, QĐ 20/2020/QĐ-TTg), e.g. 000.00.53.H48. */
  code: z.string().regex(/^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){3}$/),
  name: z.string().min(1),
  /**
   * The bodies it answers to, nearest first (e.g. "Công an tỉnh Quảng Ngãi"
   * for a ward's police): the receipt heading prints the first above the
   * agency, as its own forms do. Filled from agencies.json when seeded.
   */
  parents: z.array(z.string().min(1).max(200)).max(4).optional(),
});
export type Agency = z.infer<typeof AgencySchema>;

export const FeeItemSchema = z.object({
  kind: z.enum(['phi', 'le_phi']),
  name: z.string().min(1),
  /** VND; 0 for "miễn". */
  amount: z.number().int().nonnegative(),
  /** Some fees differ between online (trực tuyến) and in-person (trực tiếp) submission. */
  channel: z.enum(['truc_tuyen', 'truc_tiep', 'tat_ca']).default('tat_ca'),
  note: z.string().optional(),
  /**
   * Charged per unit the applicant asks for on the form (e.g. per bản sao):
   * `amount` is the unit price, `field` the number field that counts units.
   */
  perUnit: z
    .object({
      field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
      unit: z.string().min(1).max(20),
      /** Units the ordinary fee already covers: counted from the next one (Phiếu lý lịch tư pháp: from the 3rd). */
      includedUnits: z.number().int().nonnegative().default(0),
      /**
       * Each unit priced by its pages, in steps (chứng thực bản sao, TT 226/2016/TT-BTC):
       * `amount` per page up to `fullRatePages`, `laterPageAmount` per page after, at most `maxPerUnit`.
       */
      pages: z
        .object({
          field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
          fullRatePages: z.number().int().nonnegative(),
          laterPageAmount: z.number().int().nonnegative(),
          maxPerUnit: z.number().int().positive().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type FeeItem = z.infer<typeof FeeItemSchema>;

export const DocumentComponentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  originals: z.number().int().nonnegative(),
  copies: z.number().int().nonnegative(),
  mandatory: z.boolean(),
  /** Name of the form template (mẫu đơn, tờ khai) where the law prescribes one. */
  template: z.string().optional(),
  /**
   * Not asked for from a citizen whose identity is verified by their own login, since the data
   * is drawn from the Cơ sở dữ liệu quốc gia về dân cư; the value names the legal source.
   */
  fromPopulationDatabase: z.string().min(1).optional(),
  /** Not asked for on paper once the e-form is filled in (it is the declaration); the value names the legal source. */
  replacedByEForm: z.string().min(1).optional(),
});
export type DocumentComponent = z.infer<typeof DocumentComponentSchema>;

const FieldBase = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  labelEn: z.string().optional(),
  required: z.boolean(),
  hint: z.string().optional(),
});

export const FormFieldSchema = z.discriminatedUnion('type', [
  FieldBase.extend({
    type: z.literal('text'),
    maxLength: z.number().int().positive().default(200),
    pattern: z.string().optional(),
    patternMessage: z.string().optional(),
  }),
  FieldBase.extend({ type: z.literal('date'), notAfterToday: z.boolean().default(false) }),
  FieldBase.extend({
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
  }),
  FieldBase.extend({
    type: z.literal('select'),
    options: z.array(z.object({ value: z.string(), label: z.string() })).min(1),
  }),
]);
export type FormField = z.infer<typeof FormFieldSchema>;

export const ProcedureSchema = z.object({
  /** Provincial code, e.g. 1.001193.000.00.00.H48. */
  code: z.string().regex(/^\d\.\d{6}(\.[0-9A-Z]{2,3}){4}$/),
  /** National procedure code on dichvucong.gov.vn, e.g. 1.001193. */
  nationalCode: z.string().regex(/^\d\.\d{6}$/),
  name: z.string().min(1),
  field: z.string().min(1),
  /** cấp thực hiện */
  level: z.enum(['tinh', 'xa']),
  /** mức độ dịch vụ công trực tuyến */
  serviceLevel: z.enum(['toan_trinh', 'mot_phan']),
  agency: AgencySchema,
  applicants: z.string().min(1),
  processingDays: z.number().int().nonnegative(),
  processingNote: z.string().optional(),
  fees: z.array(FeeItemSchema),
  feeNote: z.string().optional(),
  documents: z.array(DocumentComponentSchema).min(1),
  formFields: z.array(FormFieldSchema),
  steps: z.array(z.string()).default([]),
  legalBasis: z.array(z.string()).min(1),
  result: z.string().min(1),
  source: z.object({ url: z.string().url(), note: z.string().optional() }),
});
export type Procedure = z.infer<typeof ProcedureSchema>;
export type ProcedureInput = z.input<typeof ProcedureSchema>;

/** What a list row shows; the full record comes from catalogue.get. */
export const ProcedureSummarySchema = ProcedureSchema.pick({
  code: true,
  name: true,
  field: true,
  level: true,
  serviceLevel: true,
  agency: true,
  processingDays: true,
}).extend({ hasFees: z.boolean() });
export type ProcedureSummary = z.infer<typeof ProcedureSummarySchema>;

export function summarise(p: Procedure): ProcedureSummary {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    level: p.level,
    serviceLevel: p.serviceLevel,
    agency: p.agency,
    processingDays: p.processingDays,
    hasFees: p.fees.some((f) => f.amount > 0),
  };
}
