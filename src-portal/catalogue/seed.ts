import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ProcedureSchema, type Procedure } from '../../src-shared/catalogue.js';
import type { PortalDb } from '../db/tables.js';

const AgencyRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['tinh', 'xa']),
  /** Governing bodies, nearest first (see AgencySchema.parents). */
  parents: z.array(z.string().min(1)).max(4).optional(),
  note: z.string().optional(),
});

export interface SeedFiles {
  procedures: Procedure[];
  agencies: z.infer<typeof AgencyRowSchema>[];
}

/** Reads and validates the shipped catalogue; a bad record names its code. */
export function readSeedFiles(resourcesDir: string): SeedFiles {
  const dir = path.join(resourcesDir, 'catalogue');
  const rawProcedures: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'procedures.json'), 'utf8'));
  const rawAgencies: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'agencies.json'), 'utf8'));
  const agencies = z.array(AgencyRowSchema).parse(rawAgencies);
  const parentsOf = new Map(agencies.map((a) => [a.code, a.parents]));
  const procedures = z
    .array(z.unknown())
    .parse(rawProcedures)
    .map((raw, i) => {
      const parsed = ProcedureSchema.safeParse(raw);
      if (!parsed.success) {
        const code = (raw as { code?: unknown }).code;
        throw new Error(`Thủ tục thứ ${i + 1} (${String(code)}) trong danh mục mẫu không hợp lệ: ${parsed.error.message}`);
      }
      // The agency's chain lives once, in agencies.json; each published record carries it to the kiosks (receipt headings).
      const parents = parentsOf.get(parsed.data.agency.code);
      return parents ? { ...parsed.data, agency: { ...parsed.data.agency, parents } } : parsed.data;
    });
  return { procedures, agencies };
}

function hashRecord(json: string): string {
  return crypto.createHash('sha256').update(json).digest('hex');
}

/**
 * Brings the catalogue tables in line with the seed. The catalogue version
 * moves by one per run that changes anything, so kiosks syncing with
 * `since` get exactly what changed (including withdrawals).
 */
export async function applySeed(db: Kysely<PortalDb>, seed: SeedFiles, now = new Date()): Promise<{ version: number; changed: number }> {
  return db.transaction().execute(async (trx) => {
    const meta = await trx.selectFrom('catalogue_meta').select('version').where('id', '=', 1).executeTakeFirst();
    const current = meta?.version ?? 0;
    const next = current + 1;
    const existing = new Map(
      (await trx.selectFrom('procedures').select(['code', 'record_hash', 'removed']).execute()).map((r) => [r.code, r]),
    );
    let changed = 0;
    const stamp = now.toISOString();
    for (const p of seed.procedures) {
      const record = JSON.stringify(p);
      const hash = hashRecord(record);
      const old = existing.get(p.code);
      existing.delete(p.code);
      if (old && old.record_hash === hash && old.removed === 0) continue;
      changed++;
      await trx
        .insertInto('procedures')
        .values({ code: p.code, record, record_hash: hash, version: next, removed: 0, updated_at: stamp })
        .onConflict((oc) => oc.column('code').doUpdateSet({ record, record_hash: hash, version: next, removed: 0, updated_at: stamp }))
        .execute();
    }
    for (const [code, row] of existing) {
      if (row.removed) continue;
      changed++;
      await trx.updateTable('procedures').set({ removed: 1, version: next, updated_at: stamp }).where('code', '=', code).execute();
    }
    for (const a of seed.agencies) {
      await trx
        .insertInto('agencies')
        .values({ code: a.code, name: a.name, level: a.level })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: a.name, level: a.level }))
        .execute();
    }
    const version = changed > 0 ? next : current;
    await trx
      .insertInto('catalogue_meta')
      .values({ id: 1, version })
      .onConflict((oc) => oc.column('id').doUpdateSet({ version }))
      .execute();
    return { version, changed };
  });
}
