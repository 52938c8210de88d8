import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { JsonSchema } from './fuzz-json-schema.js';

/** Portal tables a refused request must leave as they were (not counters of failed logins or issued captchas). */
export const PORTAL_WRITE_TABLES = [
  'accounts',
  'procedures',
  'applications',
  'application_attachments',
  'application_status_history',
  'idempotency_keys',
  'supplement_requests',
  'application_returns',
  'ratings',
  'holiday_years',
  'holidays',
] as const;

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  method: string;
  path: string;
  parameters: OpenApiParameter[];
  /** The JSON body's schema, when the operation takes one. */
  jsonBody: JsonSchema | null;
  secured: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; security?: unknown[] }>>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation the portal documents, as the fuzzer walks them. */
export function operationsOf(doc: unknown): OpenApiOperation[] {
  const ops: OpenApiOperation[] = [];
  for (const [p, item] of Object.entries((doc as OpenApiDocument).paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path: p,
        parameters: op.parameters ?? [],
        jsonBody: op.requestBody?.content?.['application/json']?.schema ?? null,
        secured: (op.security?.length ?? 0) > 0,
      });
    }
  }
  return ops;
}

/** Row counts and stored files of a running portal, read from its data folder. */
export function portalWrites(dataDir: string): { counts(): Record<string, number>; files(): number; close(): void } {
  const db = new Database(path.join(dataDir, 'portal.sqlite'), { readonly: true, fileMustExist: true });
  const existing = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const counters = PORTAL_WRITE_TABLES.filter((t) => existing.has(t)).map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`)] as const);
  return {
    counts: () => Object.fromEntries(counters.map(([t, stmt]) => [t, (stmt.get() as { n: number }).n])),
    files: () =>
      fs
        .readdirSync(dataDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.startsWith('portal.sqlite')).length,
    close: () => db.close(),
  };
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/**
 * A multipart/form-data body written by hand, byte for byte: FormData would
 * escape the quotes, newlines and NULs a hostile client puts in names.
 */
export function multipartBody(parts: readonly MultipartPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
