import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HolidayYearSchema } from '../../src-shared/portal-applications-api.js';
import { MeResponseSchema } from '../../src-shared/portal-auth-api.js';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { errorCode, errorMessage, loginCitizen, loginOfficer, type HttpAnswer } from '../support/portal-auth.js';

/**
 * Admin endpoints need an administrator, and the holiday table takes only
 * plain names (issue 17 finding 4: a ward officer replaced the 2099 table
 * and stored `<script>alert(1)</script>` as a holiday name).
 */

const [ward] = DEMO_ACCOUNTS.officers.filter((o) => o.username === 'canbo.camthanh');
const [admin] = DEMO_ACCOUNTS.admins;
const [an] = DEMO_ACCOUNTS.citizens;
if (!ward || !admin || !an) throw new Error('demo accounts missing');

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let url: string;
let wardToken: string;
let adminToken: string;

async function http(method: 'GET' | 'PUT', path: string, token?: string, body?: unknown): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

const table = (name: string, kind = 'nghi_le') => ({ holidays: [{ date: '2099-01-01', name, kind }], workdays: [] });

async function storedYear(year: number) {
  return HolidayYearSchema.parse((await http('GET', `/api/v1/admin/holidays/${year}`, wardToken)).body);
}

beforeAll(async () => {
  portal = await startTestPortal({ now: testClock().now });
  url = portal.url;
  wardToken = (await loginOfficer(url, ward)).token;
  adminToken = (await loginOfficer(url, admin)).token;
});
afterAll(async () => {
  await portal.close();
});

describe('who may replace the holiday table', () => {
  it('the training portal has an administrator demo account, and says so in its session', async () => {
    const me = MeResponseSchema.parse((await http('GET', '/api/v1/auth/me', adminToken)).body);
    expect(me.account).toEqual({ role: 'officer', displayName: admin.fullName, agencyCode: admin.agencyCode, isAdmin: true });
    const wardMe = MeResponseSchema.parse((await http('GET', '/api/v1/auth/me', wardToken)).body);
    expect(wardMe.account.isAdmin).toBeUndefined();
  });

  it('a ward officer writing holidays is refused with 403 ADMIN_ONLY, and nothing is stored', async () => {
    const res = await http('PUT', '/api/v1/admin/holidays/2099', wardToken, table('Ngày nghỉ thử'));
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('ADMIN_ONLY');
    expect(errorMessage(res)).toBe('Chỉ quản trị viên của Cổng dịch vụ công mới được thực hiện thao tác này.');
    expect((await storedYear(2099)).source).toBe('generated');
  });

  it('a citizen and an anonymous caller are refused too', async () => {
    const citizen = await loginCitizen(url, an);
    expect((await http('PUT', '/api/v1/admin/holidays/2099', citizen.token, table('Ngày nghỉ thử'))).status).toBe(403);
    expect((await http('PUT', '/api/v1/admin/holidays/2099', undefined, table('Ngày nghỉ thử'))).status).toBe(401);
  });

  it('an officer may still read the table (appointments are worked out from it)', async () => {
    expect((await http('GET', '/api/v1/admin/holidays/2099', wardToken)).status).toBe(200);
  });
});

describe('what a holiday name may contain', () => {
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['an image tag', 'Tết <img src=x onerror=alert(1)>'],
    ['a right-to-left override', 'Tết\u202EDương lịch'],
    ['a control character', 'Tết\u0000Dương lịch'],
    ['a line break', 'Tết\nDương lịch'],
    ['a template', 'Tết ${process.env}'],
  ])('refuses %s with a Vietnamese message and stores nothing', async (_what, name) => {
    const res = await http('PUT', '/api/v1/admin/holidays/2099', adminToken, table(name));
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('INVALID_HOLIDAYS');
    expect(errorMessage(res)).toContain('Tên của ngày 2099-01-01 chỉ được gồm chữ cái, chữ số, khoảng trắng và các dấu');
    expect((res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['holidays.0.name']);
    // The refusal does not echo the markup back.
    expect(errorMessage(res)).not.toContain('<');
    expect((await storedYear(2099)).source).toBe('generated');
  });

  it('refuses a kind that is not a short code', async () => {
    const res = await http('PUT', '/api/v1/admin/holidays/2099', adminToken, table('Tết Dương lịch', '<b>le</b>'));
    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['holidays.0.kind']);
  });

  it('accepts Vietnamese names with diacritics (precomposed or combining), digits and plain punctuation', async () => {
    const combining = 'Nghỉ bù Tết Dương lịch'.normalize('NFD');
    const res = await http('PUT', '/api/v1/admin/holidays/2099', adminToken, {
      holidays: [
        { date: '2099-01-01', name: 'Tết Dương lịch (01/01) – nghỉ 1 ngày', kind: 'nghi_le' },
        { date: '2099-01-02', name: combining, kind: 'nghi_bu' },
        { date: '2099-09-02', name: 'Quốc khánh, Ngày "Độc lập" & lễ hội: 2/9', kind: 'nghi_le' },
      ],
      workdays: [{ date: '2099-01-10', name: "Làm bù cho ngày 02/01 (Thứ Bảy)" }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const year = await storedYear(2099);
    expect(year.source).toBe('edited');
    expect(year.holidays.map((h) => h.name)).toEqual([
      'Tết Dương lịch (01/01) – nghỉ 1 ngày',
      'Nghỉ bù Tết Dương lịch'.normalize('NFC'),
      'Quốc khánh, Ngày "Độc lập" & lễ hội: 2/9',
    ]);
  });
});
