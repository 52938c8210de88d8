import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { foldVietnamese } from '../../src-shared/folding.js';

/**
 * Abbreviations citizens type for what procedure names spell out ("cccd" for
 * "căn cước công dân"). They are data (resources/catalogue/abbreviations.json)
 * so a new one is a line in a file, and each names where it comes from.
 */
const EntrySchema = z
  .object({
    abbreviation: z
      .string()
      .min(1)
      .refine((s) => /^[a-z0-9]+$/.test(foldVietnamese(s)), 'chữ viết tắt phải là một từ, chỉ gồm chữ và số'),
    expansions: z
      .array(z.string().refine((s) => foldVietnamese(s).length > 0, 'cụm từ đầy đủ không được để trống'))
      .min(1, 'cần ít nhất một cụm từ đầy đủ'),
    source: z.string().min(1, 'cần ghi nguồn'),
  })
  .strict();

const FileSchema = z
  .object({
    version: z.literal(1),
    note: z.string().optional(),
    abbreviations: z.array(EntrySchema).superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const key = foldVietnamese(e.abbreviation);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'abbreviation'], message: `"${e.abbreviation}" bị lặp` });
        seen.add(key);
      });
    }),
  })
  .strict();

/** Folded abbreviation → folded expansions, as the search compares them. */
export type AbbreviationTable = ReadonlyMap<string, readonly string[]>;

export const NO_ABBREVIATIONS: AbbreviationTable = new Map();

export class AbbreviationTableError extends Error {
  override name = 'AbbreviationTableError';
}

export function parseAbbreviations(data: unknown): AbbreviationTable {
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AbbreviationTableError(`Bảng chữ viết tắt không hợp lệ (${issue?.path.join('.') || 'gốc'}): ${issue?.message ?? ''}`);
  }
  return new Map(parsed.data.abbreviations.map((e) => [foldVietnamese(e.abbreviation), e.expansions.map(foldVietnamese)]));
}

export function loadAbbreviations(file: string): AbbreviationTable {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new AbbreviationTableError(`Không đọc được bảng chữ viết tắt (tệp thiếu hoặc không phải JSON): ${path.basename(file)}`);
  }
  return parseAbbreviations(data);
}

/** resources/catalogue/abbreviations.json from the sources, the bundle (out/host) or the packaged app. */
export function findAbbreviationsFile(): string | null {
  const from = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  let dir = path.dirname(from);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'resources', 'catalogue', 'abbreviations.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/**
 * The shipped table, or none: a broken data file must not keep the kiosk
 * from starting — search then finds words as typed, and the log says why.
 */
export function loadAbbreviationsOrNone(log: (line: string) => void): AbbreviationTable {
  const file = findAbbreviationsFile();
  if (!file) {
    log('catalogue: resources/catalogue/abbreviations.json not found; abbreviations are searched as typed');
    return NO_ABBREVIATIONS;
  }
  try {
    return loadAbbreviations(file);
  } catch (e) {
    log(`catalogue: ${e instanceof Error ? e.message : 'abbreviation table unreadable'}`);
    return NO_ABBREVIATIONS;
  }
}
