import { z } from 'zod';

/**
 * Everything the citizen declared for one application, as printed on the
 * summary the citizen (or business) signs. Labels are resolved by the
 * caller from the procedure's form definition.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const DateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');

export const SummaryDataSchema = z.object({
  /** Mã hồ sơ once known, or the kiosk's provisional number; null before submission. */
  reference: z.object({ label: text(40), value: text(60) }).nullable().default(null),
  procedure: z.object({ code: text(60), name: text(500) }),
  agency: z.object({ name: text(200) }),
  applicant: z.object({
    fullName: text(100),
    citizenId: z.string().trim().regex(/^(\d{9}|\d{12})$/, 'Số định danh cá nhân gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).'),
    birthDate: DateKey.nullable().default(null),
    phone: text(20),
    email: z.email().max(200).nullable().default(null),
    address: text(300),
  }),
  /** Form fields in the order the form shows them. */
  fields: z.array(z.object({ label: text(300), value: z.string().max(2000) })).max(200),
  attachments: z
    .array(
      z.object({
        componentName: text(500),
        fileName: text(255),
        size: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 gồm 64 chữ số thập lục phân viết thường.'),
      }),
    )
    .max(200),
  declaredAt: z.iso.datetime({ offset: true }),
  place: text(60).default('Quảng Ngãi'),
});

export type SummaryData = z.output<typeof SummaryDataSchema>;
export type SummaryDataInput = z.input<typeof SummaryDataSchema>;
