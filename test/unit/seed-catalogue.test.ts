import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgencySchema, ProcedureSchema, type Procedure } from '../../src-shared/catalogue.js';

/**
 * The shipped seed catalogue (resources/catalogue/) is data the portal serves
 * and every kiosk caches, so a bad record would reach citizens: these checks
 * hold it to the contract and to the provenance rules in SOURCES.md.
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/catalogue');
const readText = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

const SeedAgencySchema = AgencySchema.extend({
  level: z.enum(['tinh', 'xa']),
  note: z.string().min(1),
});

const rawProcedures = z.array(z.unknown()).parse(JSON.parse(readText('procedures.json')));
const agencies = z.array(SeedAgencySchema).parse(JSON.parse(readText('agencies.json')));
const sourcesMd = readText('SOURCES.md');

/** Parsed records; a failure names the record so the data can be fixed. */
const procedures: Procedure[] = rawProcedures.map((raw, i) => {
  const parsed = ProcedureSchema.safeParse(raw);
  if (!parsed.success) {
    const code = (raw as { code?: unknown }).code;
    throw new Error(`procedures.json[${i}] (${String(code)}): ${parsed.error.message}`);
  }
  return parsed.data;
});

function byCode(code: string): Procedure {
  const p = procedures.find((x) => x.code === code);
  if (!p) throw new Error(`${code} is missing from the seed catalogue`);
  return p;
}

function* strings(value: unknown, where: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [where, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${where}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${where}.${k}`);
}

describe('seed catalogue: records', () => {
  it('holds at least 40 procedures, every one valid against ProcedureSchema', () => {
    expect(rawProcedures.length).toBeGreaterThanOrEqual(40);
    expect(procedures).toHaveLength(rawProcedures.length);
  });

  it('gives every procedure a unique provincial code built from its national code', () => {
    const codes = procedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of procedures) expect(p.code, p.name).toBe(`${p.nationalCode}.000.00.00.H48`);
  });

  it('keeps the national record address in source.url', () => {
    for (const p of procedures) expect(new URL(p.source.url).hostname, p.code).toBe('dichvucong.gov.vn');
  });

  it('uses unique document ids within each procedure', () => {
    for (const p of procedures) {
      const ids = p.documents.map((d) => d.id);
      expect(new Set(ids).size, p.code).toBe(ids.length);
    }
  });

  it('explains every zero fee, and the fees of a procedure that lists none', () => {
    for (const p of procedures) {
      for (const fee of p.fees.filter((f) => f.amount === 0)) {
        expect(Boolean(fee.note) || Boolean(p.feeNote), `${p.code} ${fee.name}`).toBe(true);
      }
      if (p.fees.length === 0) expect(p.feeNote, p.code).toBeTruthy();
    }
  });
});

describe('seed catalogue: agencies', () => {
  it('lists each agency once, with a note saying where its code came from', () => {
    const codes = agencies.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const a of agencies) expect(a.code.endsWith('.H48'), a.code).toBe(true);
  });

  it('has every agency a procedure names, with the same name and level', () => {
    const known = new Map(agencies.map((a) => [a.code, a]));
    for (const p of procedures) {
      const agency = known.get(p.agency.code);
      expect(agency, `${p.code} → ${p.agency.code}`).toBeDefined();
      expect(agency?.name, p.code).toBe(p.agency.name);
      expect(agency?.level, p.code).toBe(p.level);
    }
  });

  it('includes provincial departments and commune-level people’s committees', () => {
    expect(agencies.some((a) => a.level === 'tinh' && a.name.startsWith('Sở '))).toBe(true);
    expect(agencies.filter((a) => a.level === 'xa' && /^UBND (xã|phường) /.test(a.name)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('seed catalogue: coverage', () => {
  const has = (pred: (p: Procedure) => boolean): boolean => procedures.some(pred);
  const areas: Record<string, (p: Procedure) => boolean> = {
    'hộ tịch': (p) => p.field === 'Hộ tịch',
    'chứng thực': (p) => p.field === 'Chứng thực',
    'lý lịch tư pháp': (p) => p.field === 'Lý lịch tư pháp',
    'đất đai': (p) => p.field === 'Đất đai',
    'xây dựng': (p) => p.field === 'Hoạt động xây dựng',
    'đăng ký kinh doanh': (p) => p.field.startsWith('Thành lập và hoạt động'),
    'lao động, việc làm': (p) => p.field === 'Việc làm' && p.agency.name.startsWith('Sở Nội vụ'),
    'giao thông': (p) => p.field === 'Đường bộ' || p.field === 'Sát hạch, cấp giấy phép lái xe',
    'cư trú': (p) => p.field === 'Đăng ký, quản lý cư trú',
    'giáo dục': (p) => p.agency.name.startsWith('Sở Giáo dục và Đào tạo'),
    'y tế': (p) => p.agency.name.startsWith('Sở Y tế'),
    'công thương': (p) => p.field === 'Kinh doanh khí, xăng dầu' || p.field === 'Lưu thông hàng hóa trong nước',
  };
  it.each(Object.entries(areas))('has at least one procedure in %s', (_area, pred) => {
    expect(has(pred)).toBe(true);
  });

  it('has both provincial and commune-level procedures, both service levels', () => {
    expect(new Set(procedures.map((p) => p.level))).toEqual(new Set(['tinh', 'xa']));
    expect(new Set(procedures.map((p) => p.serviceLevel))).toEqual(new Set(['toan_trinh', 'mot_phan']));
  });

  it('has “Đăng ký khai sinh” at commune level, the registration free of charge and each requested copy 8.000 đồng', () => {
    const khaiSinh = byCode('1.001193.000.00.00.H48');
    expect(khaiSinh.name).toBe('Đăng ký khai sinh');
    expect(khaiSinh.level).toBe('xa');
    expect(khaiSinh.fees.length).toBeGreaterThan(0);
    // The registration itself is free (Luật Hộ tịch, Điều 11); only the copies asked for on the form cost.
    expect(khaiSinh.fees.filter((f) => !f.perUnit).every((f) => f.amount === 0)).toBe(true);
    expect(khaiSinh.fees.filter((f) => f.perUnit)).toMatchObject([{ amount: 8000, perUnit: { field: 'birthCertificateCopies', unit: 'bản' } }]);
    const birthDate = khaiSinh.formFields.find((f) => f.id === 'childBirthDate');
    expect(birthDate).toMatchObject({ type: 'date', notAfterToday: true });
  });

  it('prices per unit only from a number field of the same form, and names the legal source', () => {
    const perUnit = procedures.flatMap((p) => p.fees.filter((f) => f.perUnit).map((f) => ({ p, f })));
    expect(perUnit.length).toBeGreaterThanOrEqual(2);
    for (const { p, f } of perUnit) {
      expect(p.formFields.find((x) => x.id === f.perUnit?.field)?.type, `${p.code} ${f.name}`).toBe('number');
      expect(f.note, `${p.code} ${f.name}`).toMatch(/Thông tư|Nghị định|Luật|Nghị quyết/);
    }
  });

  it('gives every agency the chain it answers to, police under police (receipt headings)', () => {
    for (const a of agencies) expect(a.parents?.length, a.code).toBeGreaterThan(0);
    expect(agencies.find((a) => a.code === '000.31.40.H48')?.parents?.[0]).toBe('Công an tỉnh Quảng Ngãi');
    expect(agencies.find((a) => a.code === '000.00.31.H48')?.parents?.[0]).toBe('UBND tỉnh Quảng Ngãi');
  });

  it('charges đăng ký thường trú 10,000 đ online and 20,000 đ in person', () => {
    const fees = byCode('1.004222.000.00.00.H48').fees.map((f) => [f.channel, f.amount]);
    expect(fees).toEqual(expect.arrayContaining([['truc_tuyen', 10000], ['truc_tiep', 20000]]));
  });

  it('has đăng ký kết hôn and thành lập hộ kinh doanh at commune level', () => {
    expect(byCode('1.000894.000.00.00.H48').level).toBe('xa');
    expect(byCode('1.001612.000.00.00.H48').level).toBe('xa');
  });
});

describe('seed catalogue: form fields', () => {
  it('gives every procedure the facts its own form asks for', () => {
    for (const p of procedures) expect(p.formFields.length, p.code).toBeGreaterThan(0);
  });

  it('uses unique field ids within a procedure', () => {
    for (const p of procedures) {
      const ids = p.formFields.map((f) => f.id);
      expect(new Set(ids).size, p.code).toBe(ids.length);
    }
  });

  it('never copies one procedure’s form onto another', () => {
    const seen = new Map<string, string>();
    for (const p of procedures) {
      if (p.formFields.length === 0) continue;
      const key = JSON.stringify(p.formFields);
      expect(seen.get(key), `${p.code} repeats the form of ${seen.get(key) ?? ''}`).toBeUndefined();
      seen.set(key, p.code);
    }
  });

  it('gives select fields non-empty, distinct options', () => {
    for (const p of procedures) {
      for (const f of p.formFields) {
        if (f.type !== 'select') continue;
        expect(f.options.length, `${p.code}.${f.id}`).toBeGreaterThan(0);
        const values = f.options.map((o) => o.value);
        expect(new Set(values).size, `${p.code}.${f.id}`).toBe(values.length);
        for (const o of f.options) expect(o.label.trim(), `${p.code}.${f.id}`).not.toBe('');
      }
    }
  });

  it('pairs every text pattern with a Vietnamese message, and the pattern compiles with and without the u flag', () => {
    for (const p of procedures) {
      for (const f of p.formFields) {
        if (f.type !== 'text' || f.pattern === undefined) continue;
        const where = `${p.code}.${f.id}`;
        expect(() => new RegExp(f.pattern as string), where).not.toThrow();
        expect(() => new RegExp(f.pattern as string, 'u'), where).not.toThrow();
        expect(f.patternMessage, where).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
      }
    }
  });

  it('keeps number bounds ordered', () => {
    for (const p of procedures) {
      for (const f of p.formFields) {
        if (f.type === 'number' && f.min !== undefined && f.max !== undefined) expect(f.min, `${p.code}.${f.id}`).toBeLessThan(f.max);
      }
    }
  });

  it('validates typical inputs the way a clerk expects', () => {
    const pattern = (code: string, id: string): RegExp => {
      const f = byCode(code).formFields.find((x) => x.id === id);
      if (f?.type !== 'text' || !f.pattern) throw new Error(`${code}.${id} has no pattern`);
      return new RegExp(f.pattern);
    };
    const parcel = pattern('1.013225.000.00.00.H48', 'parcelNumber');
    expect(parcel.test('125')).toBe(true);
    expect(parcel.test('12a')).toBe(false);
    const plate = pattern('1.013076.000.00.00.H48', 'plateNumber');
    expect(plate.test('76A-123.45')).toBe(true);
    expect(plate.test('76B1-123.45')).toBe(true);
    expect(plate.test('76 A 12345')).toBe(false);
    const id = pattern('1.000894.000.00.00.H48', 'groomPersonalId');
    expect(id.test('051090123456')).toBe(true);
    expect(id.test('05109012345')).toBe(false);
    const name = pattern('1.001193.000.00.00.H48', 'childFullName');
    expect(name.test('Nguyễn Thị Ánh Dương')).toBe(true);
    expect(name.test('Nguyen Van A1')).toBe(false);
  });
});

describe('seed catalogue: text and provenance', () => {
  it('stores all text NFC-normalised', () => {
    const files: [string, unknown][] = [
      ['procedures.json', rawProcedures],
      ['agencies.json', agencies],
    ];
    for (const [file, data] of files) {
      for (const [where, s] of strings(data, file)) expect(s === s.normalize('NFC'), where).toBe(true);
    }
    expect(sourcesMd === sourcesMd.normalize('NFC')).toBe(true);
  });

  it('records the source of every procedure in SOURCES.md', () => {
    for (const p of procedures) {
      expect(sourcesMd.includes(p.code), p.code).toBe(true);
      expect(sourcesMd.includes(p.source.url), p.code).toBe(true);
    }
  });
});
