import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcedureSchema, type DocumentComponent, type FormField } from '../../src-shared/catalogue.js';
import { eFormFilled, identityVerifiedBySignIn, NO_WAIVERS, waiverOf } from '../../src-shared/domain/document-waivers.js';
import { checkDocumentComponents } from '../../src-shared/domain/form-validation.js';
import { missingDocuments } from '../../src-renderer/stores/wizard-checks.js';
import { repoRoot } from '../support/procedures.js';

const ME = '051085001234';
const docs: DocumentComponent[] = [
  { id: 'to-khai', name: 'Tờ khai', originals: 1, copies: 0, mandatory: true, replacedByEForm: 'Nghị định số 45/2020/NĐ-CP' },
  { id: 'chung-sinh', name: 'Giấy chứng sinh', originals: 1, copies: 0, mandatory: true },
  { id: 'tuy-than', name: 'Giấy tờ tùy thân', originals: 1, copies: 0, mandatory: true, fromPopulationDatabase: 'Nghị định số 104/2022/NĐ-CP' },
];
const fields: FormField[] = [
  { id: 'childFullName', label: 'Họ tên của trẻ', type: 'text', required: true, maxLength: 200 },
  { id: 'note', label: 'Ghi chú', type: 'text', required: false, maxLength: 200 },
];
const names = (d: DocumentComponent[]) => d.map((x) => x.name);

describe('papers the law says not to ask for (one rule for wizard, host and portal)', () => {
  it('asks for everything mandatory when nothing is verified or filled in', () => {
    expect(names(checkDocumentComponents(docs, []).missing)).toEqual(['Tờ khai', 'Giấy chứng sinh', 'Giấy tờ tùy thân']);
    expect(names(missingDocuments(docs, [], NO_WAIVERS))).toEqual(['Tờ khai', 'Giấy chứng sinh', 'Giấy tờ tùy thân']);
  });

  it('leaves out the ID papers for a verified citizen and the paper Tờ khai once the e-form is filled in', () => {
    const ctx = { identityVerified: true, eFormFilled: true };
    expect(names(checkDocumentComponents(docs, [], ctx).missing)).toEqual(['Giấy chứng sinh']);
    expect(waiverOf(docs[0] as DocumentComponent, ctx)).toBe('e_form');
    expect(waiverOf(docs[2] as DocumentComponent, ctx)).toBe('population_database');
    expect(names(checkDocumentComponents(docs, [], { identityVerified: false, eFormFilled: true }).missing)).toEqual(['Giấy chứng sinh', 'Giấy tờ tùy thân']);
  });

  it('counts identity as verified only for the signed-in citizen applying for themself', () => {
    expect(identityVerifiedBySignIn(ME, 'self', ME)).toBe(true);
    expect(identityVerifiedBySignIn(ME, undefined, ` ${ME} `)).toBe(true);
    expect(identityVerifiedBySignIn(ME, 'proxy', '051192006789')).toBe(false);
    expect(identityVerifiedBySignIn(ME, 'proxy', ME)).toBe(false);
    // The counter: no citizen signed in, the officer receives for a walk-in.
    expect(identityVerifiedBySignIn(null, undefined, ME)).toBe(false);
  });

  it('calls the e-form filled in when every mandatory field has a value', () => {
    expect(eFormFilled(fields, { childFullName: 'Nguyễn Thị Bích Ngọc' })).toBe(true);
    expect(eFormFilled(fields, { childFullName: '  ' })).toBe(false);
    expect(eFormFilled(fields, {})).toBe(false);
    expect(eFormFilled([], {})).toBe(false);
  });

  it('names a legal source for every waiver in the catalogue', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources/catalogue/procedures.json'), 'utf8')) as unknown[];
    const khaiSinh = raw.map((p) => ProcedureSchema.parse(p)).find((p) => p.code.startsWith('1.001193'));
    const byId = new Map(khaiSinh?.documents.map((d) => [d.id, d]));
    expect(byId.get('giay-to-tuy-than')?.fromPopulationDatabase).toMatch(/Nghị định số 104\/2022\/NĐ-CP/);
    expect(byId.get('to-khai-dang-ky-khai-sinh')?.replacedByEForm).toMatch(/Nghị định số 45\/2020\/NĐ-CP/);
    expect(byId.get('giay-chung-sinh')?.fromPopulationDatabase).toBeUndefined();
  });
});
