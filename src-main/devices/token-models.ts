import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The table of known USB signing tokens (resources/devices/tokens.json):
 * USB vendor:product id → model, and where each platform keeps the
 * model's PKCS#11 library. Vietnamese CAs resell OEM tokens, so the id
 * names the hardware and `caBrands` says who is known to ship it.
 */

const HexId = z
  .string()
  .regex(/^[0-9a-fA-F]{4}$/, 'Mã USB phải gồm 4 chữ số thập lục phân, ví dụ "096e".')
  .transform((s) => s.toLowerCase());

const LibraryList = z.array(z.string().min(1)).default([]);
const Evidence = z.enum(['documented', 'inferred']);

export const TokenModelSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  usb: z.array(z.object({ vendorId: HexId, productId: HexId, note: z.string().optional() })).min(1),
  caBrands: z.array(z.string()).default([]),
  pkcs11: z.object({ win32: LibraryList, linux: LibraryList, darwin: LibraryList }).partial().prefault({}),
  evidence: Evidence,
  source: z.string().min(1),
});
export type TokenModel = z.infer<typeof TokenModelSchema>;

export const CaMiddlewareSchema = z.object({
  ca: z.string().min(1),
  win32: LibraryList,
  linux: LibraryList,
  darwin: LibraryList,
  evidence: Evidence,
  source: z.string().min(1),
});
export type CaMiddleware = z.infer<typeof CaMiddlewareSchema>;

export const TokenTableSchema = z
  .object({
    version: z.literal(1),
    about: z.string().optional(),
    models: z.array(TokenModelSchema),
    caMiddleware: z.array(CaMiddlewareSchema).default([]),
  })
  .superRefine((table, ctx) => {
    const seen = new Map<string, string>();
    for (const model of table.models) {
      for (const { vendorId, productId } of model.usb) {
        const key = `${vendorId}:${productId}`;
        const other = seen.get(key);
        if (other) ctx.addIssue({ code: 'custom', message: `Mã USB ${key} bị khai báo hai lần (${other}, ${model.id}).` });
        seen.set(key, model.id);
      }
    }
  });
export type TokenTable = z.infer<typeof TokenTableSchema>;

export class TokenTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenTableError';
  }
}

/** Validates a parsed table; a bad table is a configuration error, reported with the faulty path. */
export function parseTokenTable(data: unknown): TokenTable {
  const parsed = TokenTableSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TokenTableError(`Bảng thiết bị ký số không hợp lệ (${issue?.path.join('.') || 'gốc'}): ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

/** Reads resources/devices/tokens.json (or another table file) once at start. */
export function loadTokenTable(file: string): TokenTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TokenTableError(`Không đọc được bảng thiết bị ký số: ${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TokenTableError(`Bảng thiết bị ký số không phải JSON hợp lệ: ${file}`);
  }
  return parseTokenTable(data);
}

export function tokenTableFile(resourcesDir: string): string {
  return path.join(resourcesDir, 'devices', 'tokens.json');
}

/** The model with this USB id, or null for a device that is not a known token. */
export function findTokenModel(table: TokenTable, vendorId: number, productId: number): TokenModel | null {
  const vid = vendorId.toString(16).padStart(4, '0');
  const pid = productId.toString(16).padStart(4, '0');
  return table.models.find((m) => m.usb.some((u) => u.vendorId === vid && u.productId === pid)) ?? null;
}

export type Pkcs11Platform = 'win32' | 'linux' | 'darwin';

/**
 * Library paths to try for a model, best first: the model's own, then the
 * libraries of the CAs known to ship it. Bare Windows DLL names are put in
 * `<systemRoot>\System32`, where the CA installers copy them.
 */
export function libraryCandidates(table: TokenTable, model: TokenModel, platform: Pkcs11Platform, opts: { systemRoot?: string } = {}): string[] {
  const own = model.pkcs11[platform] ?? [];
  const fromCas = table.caMiddleware.filter((c) => model.caBrands.includes(c.ca)).flatMap((c) => c[platform]);
  const systemRoot = opts.systemRoot ?? 'C:\\Windows';
  const place = (lib: string) => (platform === 'win32' && !/[\\/]/.test(lib) ? path.win32.join(systemRoot, 'System32', lib) : lib);
  return [...new Set([...own, ...fromCas].map(place))];
}

/** The first candidate library that exists on this machine, or null. */
export function resolvePkcs11Library(
  table: TokenTable,
  model: TokenModel,
  platform: Pkcs11Platform,
  opts: { systemRoot?: string; exists?: (file: string) => boolean } = {},
): string | null {
  const exists = opts.exists ?? ((file: string) => fs.existsSync(file));
  return libraryCandidates(table, model, platform, opts).find((file) => exists(file)) ?? null;
}
