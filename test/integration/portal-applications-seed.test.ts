import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { ProcedureSchema, type FormField } from '../../src-shared/catalogue.js';
import { parseMaHoSo } from '../../src-shared/domain/ma-ho-so.js';
import { createCitizenAccount } from '../../src-portal/auth/accounts.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { PDF, applicationForm, submit } from './portal-applications.fixture.js';
import { KIOSK_CHANNEL, quoteFees } from '../../src-shared/domain/fees.js';
import { receiptFees } from '../../src-main/documents/receipt-fees.js';

/**
 * The shipped catalogue against the submission rules: every seeded procedure
 * must accept a complete, well-formed application, so a form field the
 * validator cannot satisfy (or a pattern it reads differently) shows up here
 * rather than at a kiosk.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const procedures = (JSON.parse(fs.readFileSync(path.join(root, 'resources/catalogue/procedures.json'), 'utf8')) as unknown[]).map((p) =>
  ProcedureSchema.parse(p),
);

/** Typical values of the identifier-like fields in the catalogue; the first one a pattern accepts is used. */
const TEXT_CANDIDATES = ['Nguyễn Văn An', '051090123456', '125', 'CS 123456', '12345/LS', '76A-123.45', 'ABCDEF123456', 'C1234567', '125, 126', 'Km12+500', '4711', '4300123456'];

function sampleValue(field: FormField): string | number {
  switch (field.type) {
    case 'text': {
      if (!field.pattern) return 'Nội dung kiểm thử';
      const re = new RegExp(`^(?:${field.pattern})$`, 'u');
      const fit = TEXT_CANDIDATES.find((c) => re.test(c) && c.length <= field.maxLength);
      if (fit === undefined) throw new Error(`no sample value for pattern ${field.pattern} (${field.id})`);
      return fit;
    }
    case 'date':
      return '2020-01-15';
    case 'number':
      return field.min ?? (field.max !== undefined ? Math.min(1, field.max) : 1);
    case 'select':
      return field.options[0]?.value ?? '';
  }
}

/** Per-unit fees are counted from the form: ask for 2 units so they show. */
const UNITS_ASKED = 2;

it('every seeded procedure accepts a complete application, numbered in its agency\'s series, charged what the wizard and the receipt say', async () => {
  expect(procedures.length).toBeGreaterThanOrEqual(40);
  const portal = await startTestPortal({ now: testClock(new Date('2026-03-02T02:00:00.000Z')).now });
  try {
    const accountId = await createCitizenAccount(portal.context.db, {
      citizenId: '051090123456',
      password: 'MatKhau@2026',
      fullName: 'Nguyễn Văn An',
      phone: '0912345678',
    });
    const { token } = await portal.context.sessions.issue(accountId);
    const perAgency = new Map<string, number>();
    for (const p of procedures) {
      // Units beyond what the ordinary fee covers (Phiếu lý lịch tư pháp: from the third), so each per-unit line is charged.
      const counted = new Map(p.fees.flatMap((f) => (f.perUnit ? [[f.perUnit.field, f.perUnit.includedUnits] as const] : [])));
      const fields = Object.fromEntries(p.formFields.map((f) => [f.id, counted.has(f.id) ? (counted.get(f.id) ?? 0) + UNITS_ASKED : sampleValue(f)]));
      // A self-service kiosk submits on the channel of its mode; the wizard holds what was typed, as text.
      const channel = KIOSK_CHANNEL['self-service'];
      const wizard = quoteFees(p, channel, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])));
      const application = {
        procedureCode: p.code,
        applicant: { fullName: 'Nguyễn Văn An', citizenId: '051090123456', phone: '0912345678', address: 'Phường Cẩm Thành, tỉnh Quảng Ngãi' },
        fields,
        channel,
        declarationAccepted: true,
      };
      const files = p.documents.filter((d) => d.mandatory).map((d) => ({ part: `doc:${d.id}`, bytes: PDF, name: `${d.id}.pdf` }));
      const r = await submit(portal.url, token, applicationForm(application, files));
      expect(r.status, `${p.code}: ${JSON.stringify(r.body)}`).toBe(201);
      const seq = (perAgency.get(p.agency.code) ?? 0) + 1;
      perAgency.set(p.agency.code, seq);
      expect(parseMaHoSo(String(r.body.code))).toEqual({ agencyCode: p.agency.code, date: { year: 2026, month: 3, day: 2 }, seq });
      // UI, portal and receipt agree: the portal charged the wizard's lines, and the receipt prints that total.
      const charged = r.body.fees as { items: unknown[]; total: number };
      expect({ items: charged.items, total: charged.total }, p.code).toEqual({ items: wizard.items, total: wizard.total });
      expect(receiptFees(wizard, null).fees?.total, p.code).toBe(charged.total);
      if (counted.size > 0) expect(wizard.items.some((i) => i.quantity === UNITS_ASKED), p.code).toBe(true);
    }
  } finally {
    await portal.close();
  }
});
