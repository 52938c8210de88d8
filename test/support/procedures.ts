import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcedureSchema, type Procedure, type ProcedureInput } from '../../src-shared/catalogue.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A valid procedure record with the given overrides (unit tests of the store). */
export function makeProcedure(over: Partial<ProcedureInput> & { code: string; name: string }): Procedure {
  return ProcedureSchema.parse({
    nationalCode: over.code.slice(0, 8),
    field: 'Hộ tịch',
    level: 'xa',
    serviceLevel: 'toan_trinh',
    agency: { code: '000.00.53.H48', name: 'UBND phường Cẩm Thành' },
    applicants: 'Công dân Việt Nam',
    processingDays: 1,
    fees: [],
    documents: [{ id: 'to-khai', name: 'Tờ khai', originals: 1, copies: 0, mandatory: true }],
    formFields: [],
    legalBasis: ['Luật Hộ tịch 2014'],
    result: 'Giấy chứng nhận',
    source: { url: 'https://dichvucong.gov.vn/' },
    ...over,
  });
}

/** The shipped seed catalogue. */
export function seedProcedures(): Procedure[] {
  const raw = JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources/catalogue/procedures.json'), 'utf8')) as unknown[];
  return raw.map((p) => ProcedureSchema.parse(p));
}
