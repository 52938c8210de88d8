import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_A, AGENCY_B, applicationForm, call, cccd, KHAI_SINH_FILES, khaiSinhApplication, startApplicationsPortal, submit, type ApplicationsPortal } from './portal-applications.fixture.js';

/**
 * The portal's authorization table (issue 17, acceptance 1): every operation
 * of /openapi.json × every kind of caller, each cell the answer it must get.
 * A new endpoint without a row fails the first test, so nobody can add one
 * without deciding who may call it.
 */

const PRINCIPALS = ['anonymous', 'citizenA', 'citizenB', 'officer', 'otherOfficer', 'admin', 'kiosk'] as const;
type Who = (typeof PRINCIPALS)[number];

/** `allow`: the call passes authorization and gets this status; `[status, code]`: refused with this code. */
type Cell = number | readonly [number, string];

interface Ctx {
  code: string;
  sha256: string;
}

interface Request {
  path: string;
  body?: unknown;
  multipart?: () => FormData;
}

interface Row {
  cells: Record<Who, Cell>;
}

const ANON: readonly [number, string] = [401, 'UNAUTHENTICATED'];
const REFUSED: readonly [number, string] = [403, 'FORBIDDEN'];
const NO_QUEUE: readonly [number, string] = [404, 'QUEUE_NOT_OFFERED'];
const KIOSK_ONLY_QUEUE = { anonymous: ANON, citizenA: REFUSED, citizenB: REFUSED, officer: REFUSED, otherOfficer: REFUSED, admin: REFUSED, kiosk: NO_QUEUE } as const;
const OFFICER_QUEUE = { anonymous: ANON, citizenA: REFUSED, citizenB: REFUSED, officer: NO_QUEUE, otherOfficer: NO_QUEUE, admin: NO_QUEUE, kiosk: REFUSED } as const;

function same(cell: Cell): Record<Who, Cell> {
  return Object.fromEntries(PRINCIPALS.map((p) => [p, cell])) as Record<Who, Cell>;
}

/** This test portal's agency has no queue: the cells show who gets as far as asking. */
const QUEUE = `/api/v1/queue/centres/${AGENCY_A.code}`;
const NO_TICKET = '00000000-0000-4000-8000-000000000000';

/** Bodies that pass validation, so the cell shows authorization; a stale expectedStatus keeps the seeded application unchanged. */
const STALE = { expectedStatus: 10 };
const BODIES: Record<string, (c: Ctx) => Request> = {
  'GET /api/v1/applications': () => ({ path: '/api/v1/applications?mine=1' }),
  'POST /api/v1/applications': () => ({ path: '/api/v1/applications', multipart: () => applicationForm(khaiSinhApplication({ submitter: { kind: 'self' }, applicant: { ...khaiSinhApplication().applicant, citizenId: cccd(9) } }), KHAI_SINH_FILES) }),
  'POST /api/v1/admin/kiosks': () => ({ path: '/api/v1/admin/kiosks', body: { kioskId: `KIOSK-${crypto.randomUUID().slice(0, 8)}` } }),
  'POST /api/v1/officer/applications/{code}/accept': (c) => ({ path: `/api/v1/officer/applications/${c.code}/accept`, body: STALE }),
  'POST /api/v1/officer/applications/{code}/request-supplement': (c) => ({
    path: `/api/v1/officer/applications/${c.code}/request-supplement`,
    body: { ...STALE, components: [{ componentId: 'to-khai' }], note: 'Bổ sung tờ khai.' },
  }),
  'POST /api/v1/officer/applications/{code}/reject': (c) => ({ path: `/api/v1/officer/applications/${c.code}/reject`, body: { ...STALE, reason: 'Không đúng thẩm quyền.' } }),
  'POST /api/v1/officer/applications/{code}/start-processing': (c) => ({ path: `/api/v1/officer/applications/${c.code}/start-processing`, body: STALE }),
  'POST /api/v1/officer/applications/{code}/finish-processing': (c) => ({ path: `/api/v1/officer/applications/${c.code}/finish-processing`, body: STALE }),
  'POST /api/v1/officer/applications/{code}/status': (c) => ({ path: `/api/v1/officer/applications/${c.code}/status`, body: { to: 7, ...STALE } }),
  'POST /api/v1/officer/applications/{code}/return': (c) => ({
    path: `/api/v1/officer/applications/${c.code}/return`,
    body: { ...STALE, recipient: { kind: 'applicant', citizenId: cccd(1) } },
  }),
  'POST /api/v1/officer/applications/{code}/pay-at-counter': (c) => ({ path: `/api/v1/officer/applications/${c.code}/pay-at-counter`, body: {} }),
  'POST /api/v1/applications/{code}/payment': (c) => ({ path: `/api/v1/applications/${c.code}/payment`, body: {} }),
  'POST /api/v1/applications/{code}/rating': (c) => ({ path: `/api/v1/applications/${c.code}/rating`, body: { scores: {} } }),
  'POST /api/v1/applications/{code}/supplements': (c) => ({
    path: `/api/v1/applications/${c.code}/supplements`,
    multipart: () => applicationForm({}, []),
  }),
  'PUT /api/v1/admin/holidays/{year}': () => ({ path: '/api/v1/admin/holidays/2099', body: { holidays: [{ date: '2099-01-01', name: 'Tết Dương lịch' }] } }),
  'POST /api/v1/auth/logout': () => ({ path: '/api/v1/auth/logout', body: {} }),
  'POST /api/v1/queue/centres/{agency}/tickets': () => ({ path: `${QUEUE}/tickets`, body: { area: 'A' } }),
  'POST /api/v1/queue/centres/{agency}/blocks': () => ({ path: `${QUEUE}/blocks`, body: { area: 'A', size: 1 } }),
  'POST /api/v1/queue/centres/{agency}/offline-tickets': () => ({ path: `${QUEUE}/offline-tickets`, body: { area: 'A', number: 1, issuedAt: new Date().toISOString() } }),
  'POST /api/v1/officer/queue/next': () => ({ path: '/api/v1/officer/queue/next', body: { counter: 1 } }),
  'POST /api/v1/officer/queue/tickets/{id}/recall': () => ({ path: `/api/v1/officer/queue/tickets/${NO_TICKET}/recall`, body: { counter: 1 } }),
  'POST /api/v1/officer/queue/tickets/{id}/absent': () => ({ path: `/api/v1/officer/queue/tickets/${NO_TICKET}/absent`, body: { counter: 1 } }),
  'POST /api/v1/officer/queue/tickets/{id}/complete': () => ({ path: `/api/v1/officer/queue/tickets/${NO_TICKET}/complete`, body: { counter: 1 } }),
  'POST /api/v1/officer/queue/tickets/{id}/transfer': () => ({ path: `/api/v1/officer/queue/tickets/${NO_TICKET}/transfer`, body: { counter: 1, toCounter: 2 } }),
  'GET /api/v1/queue/tickets/{id}': () => ({ path: `/api/v1/queue/tickets/${NO_TICKET}` }),
  'POST /api/v1/kiosks/heartbeat': () => ({
    path: '/api/v1/kiosks/heartbeat',
    body: {
      version: '1.0.0',
      queueDepth: 0,
      oldestPendingAgeSeconds: null,
      lastSyncAt: null,
      devices: { printer: 'none', tokenReader: 'absent', scanner: 'wedge' },
      freeDiskBytes: null,
      sentAt: new Date().toISOString(),
    },
  }),
};

/**
 * Rows keyed by `METHOD path`. Training-only dev endpoints, the captcha and
 * login steps and the catalogue are open to anyone (what they answer does
 * not depend on the caller). Ratings answer 503 on this test portal, which
 * has no rating criteria.
 */
const TABLE: Record<string, Row> = {
  'GET /api/v1/procedures': { cells: same(200) },
  'GET /api/v1/procedures/{code}': { cells: same([404, 'PROCEDURE_NOT_FOUND']) },
  'GET /api/v1/agencies': { cells: same(200) },
  'GET /api/v1/dev/sms': { cells: same(200) },
  'GET /api/v1/dev/captcha/{id}': { cells: same([404, 'CAPTCHA_NOT_FOUND']) },
  'GET /api/v1/dev/business-certificate': { cells: same(200) },
  'POST /api/v1/auth/captcha': { cells: same(200) },
  'POST /api/v1/auth/login': { cells: same([400, 'INVALID_INPUT']) },
  'POST /api/v1/auth/otp/verify': { cells: same([400, 'INVALID_INPUT']) },
  'POST /api/v1/auth/otp/resend': { cells: same([400, 'INVALID_INPUT']) },
  'POST /api/v1/auth/officer/login': { cells: same([400, 'INVALID_INPUT']) },
  'POST /api/v1/auth/cert/challenge': { cells: same(200) },
  'POST /api/v1/auth/cert/verify': { cells: same([400, 'INVALID_INPUT']) },
  'POST /api/v1/auth/logout': { cells: { anonymous: ANON, citizenA: 200, citizenB: 200, officer: 200, otherOfficer: 200, admin: 200, kiosk: 200 } },
  'GET /api/v1/auth/me': { cells: { anonymous: ANON, citizenA: 200, citizenB: 200, officer: 200, otherOfficer: 200, admin: 200, kiosk: 200 } },
  'POST /api/v1/auth/kiosk': { cells: same([400, 'INVALID_INPUT']) },
  'POST /api/v1/admin/kiosks': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [403, 'ADMIN_ONLY'], otherOfficer: [403, 'ADMIN_ONLY'], admin: 200, kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/applications': { cells: { anonymous: ANON, citizenA: [403, 'APPLICANT_NOT_SIGNED_IN'], citizenB: [403, 'APPLICANT_NOT_SIGNED_IN'], officer: 201, otherOfficer: 201, admin: 201, kiosk: 201 } },
  'GET /api/v1/applications': { cells: { anonymous: ANON, citizenA: 200, citizenB: 200, officer: 200, otherOfficer: 200, admin: 200, kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/applications/by-key/{idempotencyKey}': { cells: { anonymous: ANON, citizenA: [404, 'IDEMPOTENCY_KEY_NOT_FOUND'], citizenB: [404, 'IDEMPOTENCY_KEY_NOT_FOUND'], officer: [404, 'IDEMPOTENCY_KEY_NOT_FOUND'], otherOfficer: [404, 'IDEMPOTENCY_KEY_NOT_FOUND'], admin: [404, 'IDEMPOTENCY_KEY_NOT_FOUND'], kiosk: [404, 'IDEMPOTENCY_KEY_NOT_FOUND'] } },
  'GET /api/v1/applications/{code}': { cells: same(200) },
  'POST /api/v1/applications/{code}/payment': { cells: { anonymous: ANON, citizenA: 200, citizenB: [403, 'FORBIDDEN'], officer: 200, otherOfficer: [403, 'FORBIDDEN'], admin: [403, 'FORBIDDEN'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/pay-at-counter': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'NOTHING_TO_PAY'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/dev/payments/{code}/confirm': { cells: same([409, 'NOTHING_TO_PAY']) },
  'GET /api/v1/officer/applications': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: 200, otherOfficer: 200, admin: 200, kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/officer/worklist': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: 200, otherOfficer: 200, admin: 200, kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/officer/applications/{code}/attachments/{sha256}': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: 200, otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/accept': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/request-supplement': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/reject': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/start-processing': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/finish-processing': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/officer/applications/{code}/status': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/applications/{code}/supplement-request': { cells: { anonymous: ANON, citizenA: [404, 'SUPPLEMENT_NOT_REQUESTED'], citizenB: [403, 'FORBIDDEN'], officer: [404, 'SUPPLEMENT_NOT_REQUESTED'], otherOfficer: [403, 'FORBIDDEN'], admin: [403, 'FORBIDDEN'], kiosk: [403, 'FORBIDDEN'] } },
  'POST /api/v1/applications/{code}/supplements': { cells: { anonymous: ANON, citizenA: [409, 'NOT_AWAITING_SUPPLEMENT'], citizenB: [403, 'FORBIDDEN'], officer: [403, 'FORBIDDEN'], otherOfficer: [403, 'FORBIDDEN'], admin: [403, 'FORBIDDEN'], kiosk: [409, 'NOT_AWAITING_SUPPLEMENT'] } },
  'POST /api/v1/officer/applications/{code}/return': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [409, 'STATUS_CHANGED'], otherOfficer: [403, 'WRONG_AGENCY'], admin: [403, 'WRONG_AGENCY'], kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/ratings/criteria': { cells: same([503, 'RATINGS_UNAVAILABLE']) },
  'POST /api/v1/applications/{code}/rating': { cells: same([503, 'RATINGS_UNAVAILABLE']) },
  'GET /api/v1/officer/ratings/summary': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [503, 'RATINGS_UNAVAILABLE'], otherOfficer: [503, 'RATINGS_UNAVAILABLE'], admin: [503, 'RATINGS_UNAVAILABLE'], kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/admin/holidays/{year}': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: 200, otherOfficer: 200, admin: 200, kiosk: [403, 'FORBIDDEN'] } },
  'PUT /api/v1/admin/holidays/{year}': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [403, 'ADMIN_ONLY'], otherOfficer: [403, 'ADMIN_ONLY'], admin: 200, kiosk: [403, 'FORBIDDEN'] } },
  'GET /api/v1/queue/centres/{agency}': { cells: same([404, 'QUEUE_NOT_OFFERED']) },
  'GET /api/v1/queue/centres/{agency}/calls': { cells: same([404, 'QUEUE_NOT_OFFERED']) },
  'GET /api/v1/queue/tickets/{id}': { cells: same([404, 'TICKET_NOT_FOUND']) },
  'POST /api/v1/queue/centres/{agency}/tickets': { cells: KIOSK_ONLY_QUEUE },
  'POST /api/v1/queue/centres/{agency}/blocks': { cells: KIOSK_ONLY_QUEUE },
  'POST /api/v1/queue/centres/{agency}/offline-tickets': { cells: KIOSK_ONLY_QUEUE },
  'POST /api/v1/officer/queue/next': { cells: OFFICER_QUEUE },
  'GET /api/v1/officer/queue/counters/{counter}': { cells: OFFICER_QUEUE },
  'POST /api/v1/officer/queue/tickets/{id}/recall': { cells: OFFICER_QUEUE },
  'POST /api/v1/officer/queue/tickets/{id}/absent': { cells: OFFICER_QUEUE },
  'POST /api/v1/officer/queue/tickets/{id}/complete': { cells: OFFICER_QUEUE },
  'POST /api/v1/officer/queue/tickets/{id}/transfer': { cells: OFFICER_QUEUE },
  'GET /api/v1/officer/queue/figures': { cells: OFFICER_QUEUE },
  'POST /api/v1/kiosks/heartbeat': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [403, 'FORBIDDEN'], otherOfficer: [403, 'FORBIDDEN'], admin: [403, 'FORBIDDEN'], kiosk: 200 } },
  'GET /api/v1/admin/kiosks/fleet': { cells: { anonymous: ANON, citizenA: [403, 'FORBIDDEN'], citizenB: [403, 'FORBIDDEN'], officer: [403, 'ADMIN_ONLY'], otherOfficer: [403, 'ADMIN_ONLY'], admin: 200, kiosk: [403, 'FORBIDDEN'] } },
};

let portal: ApplicationsPortal;
const tokens = {} as Record<Who, string | null>;
const accounts = {} as Record<Who, number>;

async function kioskToken(): Promise<string> {
  const res = await call(portal.url, 'POST', '/api/v1/auth/kiosk', null, { kioskId: 'KIOSK-AUTH', kioskKey: 'k'.repeat(43) });
  return res.body.token as string;
}

async function freshToken(who: Who): Promise<string | null> {
  if (who === 'anonymous') return null;
  if (who === 'kiosk') return kioskToken();
  return portal.relogin(accounts[who]);
}
const ctx: Ctx = { code: '', sha256: '' };
let operations: string[] = [];

beforeAll(async () => {
  portal = await startApplicationsPortal();
  tokens.anonymous = null;
  const made: [Who, { accountId: number; token: string }][] = [
    ['citizenA', await portal.citizen({ citizenId: cccd(1), fullName: 'Nguyễn Văn An' })],
    ['citizenB', await portal.citizen({ citizenId: cccd(2), fullName: 'Lê Thị Hoa' })],
    ['officer', await portal.officer(AGENCY_A.code)],
    ['otherOfficer', await portal.officer(AGENCY_B.code)],
    ['admin', await portal.admin(AGENCY_B.code)],
  ];
  for (const [who, a] of made) {
    tokens[who] = a.token;
    accounts[who] = a.accountId;
  }
  tokens.kiosk = await kioskToken();
  const created = await submit(portal.url, tokens.citizenA, applicationForm(khaiSinhApplication(), KHAI_SINH_FILES));
  expect(created.status).toBe(201);
  ctx.code = created.body.code as string;
  const full = await call(portal.url, 'GET', `/api/v1/applications/${ctx.code}`, tokens.officer);
  ctx.sha256 = ((full.body.attachments as { sha256: string }[] | undefined) ?? [])[0]?.sha256 ?? '0'.repeat(64);
  const doc = (await (await fetch(`${portal.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
});
afterAll(async () => {
  await portal.close();
});

function fill(path: string, c: Ctx): string {
  return path
    .replace('{code}', c.code)
    .replace('{sha256}', c.sha256)
    .replace('{id}', 'none')
    .replace('{year}', '2099')
    .replace('{agency}', AGENCY_A.code)
    .replace('{counter}', '1')
    .replace('{idempotencyKey}', 'no-such-key');
}

async function send(op: string, who: Who): Promise<{ status: number; code: string | undefined }> {
  const [method, template] = op.split(' ') as [string, string];
  const req = BODIES[op]?.(ctx) ?? { path: fill(template, ctx), body: method === 'GET' ? undefined : {} };
  const headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() };
  // Logout ends the session it is sent with: a fresh one keeps the other rows' sessions open.
  const token = op === 'POST /api/v1/auth/logout' ? await freshToken(who) : tokens[who];
  if (token) headers.authorization = `Bearer ${token}`;
  let body: FormData | string | undefined;
  if (req.multipart) body = req.multipart();
  else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const res = await fetch(`${portal.url}${req.path}`, { method, headers, body });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

function describeCell(cell: Cell): string {
  return typeof cell === 'number' ? `allowed ${cell}` : `refused ${cell[0]} ${cell[1]}`;
}

describe('portal authorization table', () => {
  it('has a row for every operation of /openapi.json, and no row for an operation that is gone', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((op) => !(op in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('answers every operation × caller as its cell says', async () => {
    const mismatches: string[] = [];
    for (const op of operations) {
      const row = TABLE[op];
      if (!row) continue;
      for (const who of PRINCIPALS) {
        const want = row.cells[who];
        const got = await send(op, who);
        const ok = typeof want === 'number' ? got.status === want : got.status === want[0] && got.code === want[1];
        if (!ok) mismatches.push(`${op} as ${who}: want ${describeCell(want)}, got ${got.status} ${got.code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('shows the full view of citizen A\'s application only to A and the receiving agency', async () => {
    const views: Partial<Record<Who, unknown>> = {};
    for (const who of PRINCIPALS) views[who] = (await call(portal.url, 'GET', `/api/v1/applications/${ctx.code}`, tokens[who])).body.view;
    expect(views).toEqual({
      anonymous: 'public',
      citizenA: 'full',
      citizenB: 'public',
      officer: 'full',
      otherOfficer: 'public',
      admin: 'public',
      kiosk: 'public',
    });
  });
});
