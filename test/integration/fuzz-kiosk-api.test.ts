import fc from 'fast-check';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/errors.js';
import { CALL_NAMES, CallResultSchema, kioskApi, type CallName } from '../../src-shared/kiosk-api.js';
import { signInCitizen } from '../support/host-session.js';
import { fuzzInput, HOSTILE_STRINGS, type JsonSchema } from '../support/fuzz-json-schema.js';
import { isVietnameseMessage, startFuzzKiosk, type FuzzKiosk } from '../support/fuzz-kiosk-shell.js';

/**
 * Property-based fuzzing of every kiosk API call, derived from the zod
 * contract (a new call is fuzzed without touching this file), sent through
 * the browser shell over HTTP so the transport is fuzzed too. Every answer
 * must be the typed envelope (never a 5xx, never INTERNAL), in Vietnamese,
 * a refusal must leave the host's tables as they were, and the host must
 * keep answering.
 */

// Spread over the calls, so the run time stays put as the contract grows.
const CONTRACT_CASES = 5000;
const RAW_RUNS = 400;

let kiosk: FuzzKiosk;
const crashes: string[] = [];
const onCrash = (e: unknown) => crashes.push(e instanceof Error ? e.name : typeof e);
let cases = 0;
let fiveHundreds = 0;
/** Per call: how many answers were ok and which codes the refusals had, to see how deep the fuzzer got. */
const outcomes = new Map<string, Map<string, number>>();
function tally(name: string, outcome: string): void {
  const byCall = outcomes.get(name) ?? new Map<string, number>();
  byCall.set(outcome, (byCall.get(outcome) ?? 0) + 1);
  outcomes.set(name, byCall);
}

function png(width: number, height: number): Buffer {
  const img = new PNG({ width, height });
  img.data.fill(200);
  return PNG.sync.write(img);
}

const FILE_NAMES = [
  '../../../etc/x\u0000.pdf',
  'hoa-don\u202egpj.exe.pdf',
  '<img src=x onerror=alert(1)>.png',
  '..\\..\\boot.ini',
  'Giấy khai sinh.pdf',
  '\u0000\u0001\u0002',
  `${'dài'.repeat(80)}.pdf`,
];

async function post(name: string, body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${kiosk.shell.origin}/api/call/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...kiosk.headers, 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** One case: the answer is the typed envelope, and a refusal wrote nothing. */
async function checkCase(name: string, body: string | Buffer, contentType?: string): Promise<void> {
  const before = kiosk.rowCounts();
  const blobsBefore = kiosk.blobCount();
  const { status, json } = await post(name, body, contentType);
  cases++;
  if (status >= 500) fiveHundreds++;
  expect(status, `${name} answered HTTP ${status}`).toBeLessThan(500);
  expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
  const envelope = CallResultSchema.safeParse(json);
  expect(envelope.success, `${name}: not the kiosk envelope: ${JSON.stringify(json).slice(0, 200)}`).toBe(true);
  if (!envelope.success) return;
  tally(name, envelope.data.ok ? 'ok' : envelope.data.error.code);
  if (envelope.data.ok) {
    expect(status).toBe(200);
    // Whatever call hands back an attachment reference, its file name is clean.
    const fileName = (envelope.data.data as { fileName?: unknown } | null)?.fileName;
    if (typeof fileName === 'string') expect(fileName, `${name} kept an unclean file name`).not.toMatch(/[/\\<>\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    return;
  }
  const { code, message } = envelope.data.error;
  expect(ERROR_CODES).toContain(code);
  expect(code, `${name} answered INTERNAL`).not.toBe('INTERNAL');
  expect(isVietnameseMessage(message), `${name}: message not in Vietnamese: ${message}`).toBe(true);
  expect(kiosk.rowCounts(), `${name} wrote rows although it refused (${code})`).toEqual(before);
  expect(kiosk.blobCount(), `${name} kept a file although it refused (${code})`).toBe(blobsBefore);
}

async function expectAlive(): Promise<void> {
  const { status, json } = await post('app.info', '{}');
  expect(status).toBe(200);
  expect((json as { ok: boolean }).ok).toBe(true);
}

// Sign-outs go last, so the calls before them run with a citizen signed in and reach past the sign-in check.
const SIGN_OUTS = new Set<string>(['session.end', 'auth.logout', 'staff.signOut']);
const ORDERED_CALLS = [...CALL_NAMES].sort((a, b) => Number(SIGN_OUTS.has(a)) - Number(SIGN_OUTS.has(b)));

let hints: Record<string, fc.Arbitrary<unknown>>;

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  kiosk = await startFuzzKiosk();
  await signInCitizen(kiosk.host, kiosk.portal.url);
  const list = await kiosk.host.dispatch('catalogue.list', { pageSize: 100 });
  const codes = list.ok ? (list.data as { items: { code: string }[] }).items.map((p) => p.code) : [];
  const draft = await kiosk.host.dispatch('drafts.save', { procedureCode: codes[0] ?? 'x', data: { step: 1 } });
  const ids = [draft.ok ? (draft.data as { id: string }).id : crypto.randomUUID(), crypto.randomUUID()];
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n'), Buffer.alloc(64, 0x20)]);
  const jpegish = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  hints = {
    procedureCode: fc.constantFrom(...codes, ...HOSTILE_STRINGS.slice(0, 8)),
    code: fc.constantFrom(...codes, '000.00.31.H48-260301-0001', '000.00.31.H48-260301-0001\u0000', "000.00.31.H48-' OR 1=1"),
    fileName: fc.constantFrom(...FILE_NAMES),
    dataBase64: fc.constantFrom(
      pdf.toString('base64'),
      png(8, 8).toString('base64'),
      jpegish.toString('base64'),
      Buffer.from('MZ\u0090\u0000 not a document').toString('base64'),
      '!!!not base64!!!',
      '../../../etc/passwd',
      '='.repeat(8),
    ),
    pages: fc.constantFrom([{ dataBase64: png(8, 8).toString('base64') }], [{ dataBase64: png(4, 6).toString('base64'), rotate: 90 }]),
    localId: fc.constantFrom(...ids),
    draftId: fc.constantFrom(...ids),
    id: fc.constantFrom(...ids),
  };
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  await kiosk?.close();
});

describe('kiosk API fuzz (fast-check, over the browser shell)', () => {
  it('derives its list of calls from the contract', () => {
    expect(ORDERED_CALLS.length).toBe(Object.keys(kioskApi).length);
    expect(ORDERED_CALLS.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of ORDERED_CALLS) {
    it(`${name}: every answer is typed, never 5xx or INTERNAL, and a refusal writes nothing`, async () => {
      const schema = z.toJSONSchema(kioskApi[name as CallName].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      await fc.assert(
        fc.asyncProperty(fuzzInput(schema, { hints }), async (input) => {
          await checkCase(name, JSON.stringify(input) ?? 'null');
        }),
        { numRuns: Math.ceil(CONTRACT_CASES / ORDERED_CALLS.length), endOnFailure: true },
      );
      await expectAlive();
    }, 120_000);
  }

  it('raw bodies: invalid JSON and UTF-8, huge numbers, deep nesting, prototype keys, oversize strings, wrong types', async () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const raw = fc.oneof(
      fc.constantFrom<string | Buffer>(
        '{',
        '{"query":',
        '{"query":"khai sinh",}',
        "{'query':'x'}",
        'undefined',
        'NaN',
        '',
        '\u0000',
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        '{"prototype":{}}',
        '{"page":1e400,"query":"x"}',
        '{"page":-1e400}',
        '{"page":123456789012345678901234567890}',
        '{"pageSize":0.0000000000000000001}',
        deep(5000),
        '['.repeat(20000) + ']'.repeat(20000),
        `{"query":"${'Ư'.repeat(2_000_000)}"}`,
        `{"code":"${'\\u0000'.repeat(1000)}"}`,
        '{"code":"\\ud800"}',
        Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
        Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
        Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
        '{"fileName":"../../../etc/x\\u0000.pdf","componentId":"a","dataBase64":"JVBERi0xLjQK"}',
        '{"fileName":"\\u202egpj.exe","componentId":"a","dataBase64":"JVBERi0xLjQK"}',
      ),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary' }),
    );
    const names = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CALL_NAMES) },
      { weight: 1, arbitrary: fc.constantFrom('system.exec', '__proto__', 'constructor', '../../etc/passwd', 'app.info\u0000', 'APP.INFO', '%2e%2e', '') },
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1');
    await fc.assert(
      fc.asyncProperty(names, raw, contentType, async (name, body, type) => {
        await checkCase(name, body, type);
      }),
      { numRuns: RAW_RUNS, endOnFailure: true },
    );
    await expectAlive();
  }, 120_000);

  it('ran at least 5,000 cases with no 5xx and no crash', () => {
    for (const [name, byOutcome] of outcomes) {
      console.log(`  ${name}: ${[...byOutcome].map(([o, n]) => `${o}=${n}`).join(' ')}`);
    }
    console.log(`fuzz kiosk-api cases=${cases} 5xx=${fiveHundreds} crashes=${crashes.length}`);
    expect(crashes).toEqual([]);
    expect(fiveHundreds).toBe(0);
    expect(cases).toBeGreaterThanOrEqual(5000);
  });
});
