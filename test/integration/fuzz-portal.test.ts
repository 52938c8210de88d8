import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationSubmissionSchema } from '../../src-shared/portal-applications-api.js';
import { startTestPortal } from '../support/portal.js';
import { loginCitizen, loginOfficer } from '../support/portal-auth.js';
import { fuzzInput, HOSTILE_STRINGS, type JsonSchema } from '../support/fuzz-json-schema.js';
import { isVietnameseMessage } from '../support/fuzz-kiosk-shell.js';
import { multipartBody, operationsOf, portalWrites, type MultipartPart, type OpenApiOperation } from '../support/fuzz-portal.js';

/**
 * Property-based fuzzing of every endpoint in the portal's /openapi.json
 * (a new endpoint is fuzzed without touching this file): parameters and
 * bodies generated from its schemas with hostile mutations, multipart
 * submissions with hostile part and file names, with and without tokens.
 * No answer may be >= 500, every refusal is a typed JSON error in
 * Vietnamese that wrote nothing, and the portal keeps answering.
 */

const OPERATION_CASES = 4500;
const MULTIPART_RUNS = 300;
const RAW_RUNS = 400;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let writes: ReturnType<typeof portalWrites>;
let operations: OpenApiOperation[];
let tokens: Record<string, string | null>;
let hints: Record<string, fc.Arbitrary<unknown>>;
let componentIds: string[] = [];
let cases = 0;
let fiveHundreds = 0;
const crashes: string[] = [];
const onCrash = (e: unknown) => crashes.push(e instanceof Error ? e.name : typeof e);
const outcomes = new Map<string, number>();

const FILE_NAMES = [
  '../../../etc/x\u0000.pdf',
  '..\\..\\windows\\system32\\x.pdf',
  'hoa-don\u202egpj.exe.pdf',
  '<img src=x onerror=alert(1)>.png',
  '"; name="application',
  'a\r\nContent-Type: text/html\r\n\r\n<script>',
  '',
  '.',
  '..',
  '\u0000',
  'Giấy khai sinh.pdf',
  `${'dài'.repeat(200)}.pdf`,
];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

/** A header value fetch will send: anything outside printable ASCII is percent-encoded. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as a URL can carry it: lone surrogates (which no URL can encode) become U+FFFD. */
function urlText(v: unknown): string {
  return (typeof v === 'string' ? v : JSON.stringify(v) ?? '').replace(LONE_SURROGATE, '\ufffd');
}

function headerValue(v: unknown): string {
  const s = urlText(v);
  return /^[\x20-\x7e]*$/.test(s) ? s : encodeURIComponent(s);
}

function pathValue(v: unknown): string {
  return encodeURIComponent(urlText(v));
}

interface Answer {
  status: number;
  json: unknown;
}

async function send(method: string, url: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  const res = await fetch(`${portal.url}${url}`, { method, headers, ...(body !== undefined && method !== 'GET' ? { body } : {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** One case: never 5xx; a refusal is a typed error in Vietnamese and wrote nothing. */
async function checkCase(label: string, method: string, url: string, headers: Record<string, string>, body?: Buffer | string): Promise<void> {
  const before = writes.counts();
  const filesBefore = writes.files();
  const { status, json } = await send(method, url, headers, body);
  cases++;
  outcomes.set(String(status), (outcomes.get(String(status)) ?? 0) + 1);
  if (status >= 500) fiveHundreds++;
  expect(status, `${label} answered HTTP ${status}: ${JSON.stringify(json).slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return;
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code, `${label}: HTTP ${status} without a typed error: ${JSON.stringify(json).slice(0, 200)}`).toBe('string');
  expect(isVietnameseMessage(error?.message), `${label}: HTTP ${status} message not in Vietnamese: ${String(error?.message)}`).toBe(true);
  expect(writes.counts(), `${label} wrote rows although it answered ${status}`).toEqual(before);
  expect(writes.files(), `${label} kept files although it answered ${status}`).toBe(filesBefore);
}

async function expectAlive(): Promise<void> {
  const res = await fetch(`${portal.url}/api/v1/agencies`);
  expect(res.status).toBe(200);
}

const tokenChoice = (op: OpenApiOperation) =>
  // Logging out with a real token would end the session every later case relies on.
  op.path === '/api/v1/auth/logout' ? fc.constantFrom('none', 'garbage') : fc.constantFrom('none', 'garbage', 'citizen', 'officer', 'kiosk');

function authHeaders(choice: string): Record<string, string> {
  if (choice === 'none') return {};
  const token = choice === 'garbage' ? `${'x'.repeat(40)}' OR '1'='1` : tokens[choice];
  return token ? { authorization: `Bearer ${headerValue(token)}` } : {};
}

/** The operation's parameters and body as one JSON Schema, so one generator (and its mutations) covers them all. */
function requestSchema(op: OpenApiOperation): JsonSchema {
  const group = (where: string): JsonSchema => {
    const params = op.parameters.filter((p) => p.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
      required: params.filter((p) => p.required).map((p) => p.name),
    };
  };
  return {
    type: 'object',
    properties: { path: group('path'), query: group('query'), header: group('header'), ...(op.jsonBody ? { body: op.jsonBody } : {}) },
    required: ['path', 'query', 'header', ...(op.jsonBody ? ['body'] : [])],
  };
}

function requestOf(op: OpenApiOperation, generated: unknown): { url: string; headers: Record<string, string>; body?: string } {
  const g = (typeof generated === 'object' && generated !== null ? generated : {}) as Record<string, unknown>;
  const part = (k: string) => (typeof g[k] === 'object' && g[k] !== null ? (g[k] as Record<string, unknown>) : {});
  const url =
    op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name in part('path') ? pathValue(part('path')[name]) : 'x')) +
    (Object.keys(part('query')).length
      ? `?${new URLSearchParams(Object.entries(part('query')).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString()}`
      : '');
  // A mutation may put any object where the headers go: only names HTTP can carry are sent.
  const headers = Object.fromEntries(
    Object.entries(part('header'))
      .filter(([k]) => /^[a-z0-9-]{1,64}$/i.test(k))
      .map(([k, v]) => [k.toLowerCase(), headerValue(v)]),
  );
  if (!op.jsonBody) return { url, headers };
  return { url, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(g.body) ?? 'null' };
}

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  portal = await startTestPortal();
  writes = portalWrites(portal.dataDir);
  operations = operationsOf(await (await fetch(`${portal.url}/openapi.json`)).json());
  const citizen = await loginCitizen(portal.url, { citizenId: '051085001234', password: 'Demo@2026', phone: '0912000111' });
  const officer = await loginOfficer(portal.url, { username: 'canbo.camthanh', password: 'CanBo@2026' });
  const kioskAnswer = await send('POST', '/api/v1/auth/kiosk', { 'content-type': 'application/json' }, JSON.stringify({ kioskId: 'FUZZ-01', kioskKey: crypto.randomBytes(30).toString('base64url') }));
  tokens = { citizen: citizen.token, officer: officer.token, kiosk: (kioskAnswer.json as { token?: string } | null)?.token ?? null };
  const page = (await (await fetch(`${portal.url}/api/v1/procedures?pageSize=100`)).json()) as { items: { code: string; documents?: { id: string }[] }[] };
  const codes = page.items.map((p) => p.code);
  componentIds = [...new Set(page.items.flatMap((p) => (p.documents ?? []).map((d) => d.id)))];
  hints = {
    procedureCode: fc.constantFrom(...codes),
    code: fc.constantFrom(...codes, '000.00.31.H48-260301-0001', '../../../etc/passwd', "000.00.31.H48-' OR 1=1 --"),
    sha256: fc.constantFrom(crypto.createHash('sha256').update(PDF).digest('hex'), '0'.repeat(64)),
    'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE_STRINGS)),
  };
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  writes?.close();
  await portal?.close();
});

describe('portal fuzz (fast-check, from /openapi.json)', () => {
  it('walks every documented operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('POST /api/v1/applications');
  });

  it('every operation, with and without tokens: no 5xx, typed Vietnamese errors, refusals write nothing', async () => {
    const runs = Math.ceil(OPERATION_CASES / operations.length);
    for (const op of operations) {
      const label = `${op.method} ${op.path}`;
      await fc.assert(
        fc.asyncProperty(fuzzInput(requestSchema(op), { hints }), tokenChoice(op), async (generated, who) => {
          const req = requestOf(op, generated);
          await checkCase(label, op.method, req.url, { ...req.headers, ...authHeaders(who) }, req.body);
        }),
        { numRuns: runs, endOnFailure: true },
      );
    }
    await expectAlive();
    // Generous for a loaded CI machine; about 30 s on an idle one.
  }, 400_000);

  it('multipart submissions with hostile part names, file names and contents', async () => {
    const applicationSchema = z.toJSONSchema(ApplicationSubmissionSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const filePart = fc.record({
      name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...componentIds.map((id) => `doc:${id}`)) }, { weight: 1, arbitrary: fc.constantFrom('doc:', 'doc:../x', 'doc:A', 'application', 'x', 'doc:<b>') }),
      filename: fc.oneof(fc.constantFrom(...FILE_NAMES), fc.string({ maxLength: 40 })),
      contentType: fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/octet-stream'),
      data: fc.oneof(fc.constantFrom(PDF, PNG, JPEG, Buffer.alloc(0), Buffer.from('<html><script>alert(1)</script>')), fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a))),
    });
    const applicationPart = fc.oneof(
      { weight: 4, arbitrary: fuzzInput(applicationSchema, { hints }).map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 1, arbitrary: fc.constantFrom('{', '', 'null', '{"__proto__":{"x":1}}', '[]') },
    );
    const endpoint = fc.constantFrom('/api/v1/applications', `/api/v1/applications/${encodeURIComponent('000.00.31.H48-260301-0001')}/supplements`);
    await fc.assert(
      fc.asyncProperty(endpoint, applicationPart, fc.array(filePart, { maxLength: 4 }), fc.constantFrom('citizen', 'officer', 'none', 'kiosk'), fc.boolean(), async (url, application, files, who, withKey) => {
        const boundary = `----fuzz${crypto.randomBytes(8).toString('hex')}`;
        const parts: MultipartPart[] = [{ name: 'application', data: application, contentType: 'application/json' }, ...files];
        const headers = {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...authHeaders(who),
          ...(withKey ? { 'idempotency-key': crypto.randomUUID() } : {}),
        };
        await checkCase(`POST ${url} (multipart)`, 'POST', url, headers, multipartBody(parts, boundary));
      }),
      { numRuns: MULTIPART_RUNS, endOnFailure: true },
    );
    // Whatever was accepted was stored under a clean name.
    const db = new Database(path.join(portal.dataDir, 'portal.sqlite'), { readonly: true });
    const names = (db.prepare('SELECT original_name AS n FROM application_attachments').all() as { n: string }[]).map((r) => r.n);
    db.close();
    for (const n of names) expect(n).not.toMatch(/[/\\<>\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    await expectAlive();
  }, 120_000);

  it('an accepted submission with hostile file names stores them cleaned', async () => {
    const khaiSinh = (await (await fetch(`${portal.url}/api/v1/procedures?pageSize=100`)).json()) as { items: { code: string; name: string }[] };
    const code = khaiSinh.items.find((p) => p.name === 'Đăng ký khai sinh')?.code ?? '';
    const application = {
      procedureCode: code,
      applicant: { fullName: 'Nguyễn Văn An', citizenId: '051085001234', phone: '0912000111', address: 'Phường Cẩm Thành, tỉnh Quảng Ngãi' },
      fields: {
        childFullName: 'Nguyễn Thị Bé',
        childBirthDate: '2026-01-15',
        childSex: 'nu',
        birthPlace: 'Bệnh viện Đa khoa tỉnh Quảng Ngãi',
        childEthnicity: 'Kinh',
        motherFullName: 'Trần Thị Mai',
        declarantRelationship: 'cha',
      },
      channel: 'truc_tuyen',
      declarationAccepted: true,
    };
    const boundary = `----fuzz${crypto.randomBytes(8).toString('hex')}`;
    const body = multipartBody(
      [
        { name: 'application', data: JSON.stringify(application), contentType: 'application/json' },
        { name: 'doc:to-khai-dang-ky-khai-sinh', filename: '../../../etc/x\u0000.pdf', contentType: 'application/pdf', data: PDF },
        { name: 'doc:giay-chung-sinh', filename: '<img src=x onerror=alert(1)>.jpg', contentType: 'image/jpeg', data: JPEG },
        { name: 'doc:giay-to-tuy-than', filename: 'cccd\u202egnp.exe.png', contentType: 'image/png', data: PNG },
      ],
      boundary,
    );
    const res = await send('POST', '/api/v1/applications', { 'content-type': `multipart/form-data; boundary=${boundary}`, ...authHeaders('citizen'), 'idempotency-key': crypto.randomUUID() }, body);
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(201);
    const db = new Database(path.join(portal.dataDir, 'portal.sqlite'), { readonly: true });
    const names = (db.prepare('SELECT original_name AS n FROM application_attachments ORDER BY original_name').all() as { n: string }[]).map((r) => r.n);
    db.close();
    expect(names).toEqual(expect.arrayContaining(['x.pdf', 'img src=x onerror=alert(1).jpg', 'cccdgnp.exe.png']));
  });

  it('raw bodies and content types on every writing operation', async () => {
    const writing = operations.filter((o) => o.method !== 'GET');
    const raw = fc.oneof(
      fc.constantFrom<string | Buffer>(
        '{',
        '',
        'null',
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        '{"year":1e400}',
        '{"a":123456789012345678901234567890}',
        '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
        `{"name":"${'Ư'.repeat(300_000)}"}`,
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
        Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
      ),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    );
    const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writing), raw, contentType, fc.constantFrom('none', 'citizen', 'officer'), async (op, body, type, who) => {
        const url = op.path.replace(/\{[^}]+\}/g, 'x');
        await checkCase(`${op.method} ${op.path} (raw)`, op.method, url, { 'content-type': type, ...authHeaders(who) }, body);
      }),
      { numRuns: RAW_RUNS, endOnFailure: true },
    );
    await expectAlive();
  }, 120_000);

  it('ran at least 5,000 cases with no 5xx and no crash', () => {
    console.log(`  portal statuses: ${[...outcomes].sort().map(([s, n]) => `${s}=${n}`).join(' ')}`);
    console.log(`fuzz portal cases=${cases} 5xx=${fiveHundreds} crashes=${crashes.length}`);
    expect(crashes).toEqual([]);
    expect(fiveHundreds).toBe(0);
    expect(cases).toBeGreaterThanOrEqual(5000);
  });
});
