import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_ENROLMENT_CODE_FILE } from '../../src-portal/auth/kiosk-enrolment.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { loginOfficer } from '../support/portal-auth.js';
import { AGENCY_A, applicationForm, call, KHAI_SINH_FILES, khaiSinhApplication, startApplicationsPortal, submit } from './portal-applications.fixture.js';

const portals: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const p of portals.splice(0)) await p.close();
});

async function kioskLogin(url: string, kioskId: string, kioskKey: string) {
  const res = await fetch(`${url}/api/v1/auth/kiosk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kioskId, kioskKey }),
  });
  return { status: res.status, body: (await res.json()) as { token?: string; error?: { code: string; message: string } } };
}

const KEY = 'k'.repeat(43);

/** A first contact from another machine on the network (the socket address is what the portal checks). */
async function kioskLoginFrom(portal: Awaited<ReturnType<typeof startTestPortal>>, remoteAddress: string, body: Record<string, string>) {
  const res = await portal.app.inject({ method: 'POST', url: '/api/v1/auth/kiosk', payload: body, remoteAddress });
  return { status: res.statusCode, body: res.json<{ token?: string; error?: { code: string; message: string } }>() };
}

async function kioskAccounts(portal: Awaited<ReturnType<typeof startTestPortal>>, kioskId: string): Promise<number> {
  return (await portal.context.db.selectFrom('accounts').select('id').where('role', '=', 'kiosk').where('username', '=', kioskId).execute()).length;
}

describe('kiosk devices on the portal', () => {
  it('training: a kiosk enrols on first contact, then only its own key opens a session', async () => {
    const portal = await startTestPortal();
    portals.push(portal);
    const first = await kioskLogin(portal.url, 'KIOSK-A', KEY);
    expect(first.status).toBe(200);
    expect(first.body.token).toBeTruthy();
    expect((await kioskLogin(portal.url, 'KIOSK-A', KEY)).status).toBe(200);
    const wrong = await kioskLogin(portal.url, 'KIOSK-A', 'x'.repeat(43));
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'KIOSK_KEY_INVALID' } } });
    expect(wrong.body.error?.message).toMatch(/Khóa thiết bị/);
  });

  it('training: a stranger on the network cannot claim a kiosk id first; the real kiosk then enrols from this machine', async () => {
    const portal = await startTestPortal();
    portals.push(portal);
    const claim = await kioskLoginFrom(portal, '192.168.1.77', { kioskId: 'KIOSK-01', kioskKey: 's'.repeat(40) });
    expect(claim.status).toBe(401);
    expect(claim.body.error?.code).toBe('KIOSK_NOT_ENROLLED');
    expect(claim.body.error?.message).toMatch(/mã đăng ký kiosk do người phụ trách tập huấn cung cấp/);
    const forged = await kioskLoginFrom(portal, '192.168.1.77', { kioskId: 'KIOSK-01', kioskKey: 's'.repeat(40), enrolmentCode: 'AAAA-BBBB-CCCC' });
    expect(forged.status).toBe(401);
    // An IPv4-mapped outside address is outside too.
    expect((await kioskLoginFrom(portal, '::ffff:10.0.0.5', { kioskId: 'KIOSK-01', kioskKey: 's'.repeat(40) })).status).toBe(401);
    expect(await kioskAccounts(portal, 'KIOSK-01')).toBe(0);

    // The real kiosk, on the portal's own machine, enrols with its key and keeps it.
    expect((await kioskLogin(portal.url, 'KIOSK-01', KEY)).status).toBe(200);
    expect((await kioskLoginFrom(portal, '192.168.1.77', { kioskId: 'KIOSK-01', kioskKey: 's'.repeat(40) })).body.error?.code).toBe('KIOSK_KEY_INVALID');
    expect((await kioskLogin(portal.url, 'KIOSK-01', KEY)).status).toBe(200);
  });

  it('training: a kiosk on another machine enrols with the code the trainer was shown', async () => {
    const portal = await startTestPortal();
    portals.push(portal);
    const file = path.join(portal.dataDir, KIOSK_ENROLMENT_CODE_FILE);
    const code = fs.readFileSync(file, 'utf8').trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // Typed as read out: lower case, spaces instead of dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const res = await kioskLoginFrom(portal, '192.168.1.80', { kioskId: 'KIOSK-LOP-2', kioskKey: KEY, enrolmentCode: typed });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await kioskAccounts(portal, 'KIOSK-LOP-2')).toBe(1);
  });

  it('the code holds across restarts of the same training portal', async () => {
    const first = await startTestPortal();
    const code = fs.readFileSync(path.join(first.dataDir, KIOSK_ENROLMENT_CODE_FILE), 'utf8');
    const dataDir = first.dataDir;
    await first.app.close();
    const again = await startTestPortal({ dataDir });
    try {
      expect(fs.readFileSync(path.join(dataDir, KIOSK_ENROLMENT_CODE_FILE), 'utf8')).toBe(code);
    } finally {
      await again.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a kiosk id that is already a staff username is refused with 409, not a server error', async () => {
    const portal = await startTestPortal();
    portals.push(portal);
    const res = await kioskLogin(portal.url, 'canbo.camthanh', KEY);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('KIOSK_ID_TAKEN');
  });

  it('production: only kiosks an administrator enrolled get in, with the key the portal issued', async () => {
    const portal = await startTestPortal({ mode: 'production' });
    portals.push(portal);
    const unknown = await kioskLogin(portal.url, 'KIOSK-B', KEY);
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'KIOSK_NOT_ENROLLED' } } });
    expect(unknown.body.error?.message).toMatch(/chưa được đăng ký/);
    const anonymous = await fetch(`${portal.url}/api/v1/admin/kiosks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kioskId: 'KIOSK-B' }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('an administrator enrols a kiosk and hands out its key once; an ordinary officer cannot', async () => {
    const portal = await startTestPortal();
    portals.push(portal);
    const enrolAs = (token: string, id: string) =>
      fetch(`${portal.url}/api/v1/admin/kiosks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ kioskId: id }),
      });
    const ward = await loginOfficer(portal.url, { username: 'canbo.camthanh', password: 'CanBo@2026' });
    const refused = await enrolAs(ward.token, 'KIOSK-C');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ADMIN_ONLY');

    const { token } = await loginOfficer(portal.url, { username: 'quantri.noivu', password: 'QuanTri@2026' });
    const enrol = (id: string) => enrolAs(token, id);
    const res = await enrol('KIOSK-C');
    expect(res.status).toBe(200);
    const { kioskKey } = (await res.json()) as { kioskKey: string };
    expect((await kioskLogin(portal.url, 'KIOSK-C', kioskKey)).status).toBe(200);
    expect((await enrol('KIOSK-C')).status).toBe(409);
  });
});

describe('kiosk sessions and the lookup rate limit', () => {
  it('a kiosk refreshes what it sent without limit, but guessing other codes meets a limit of its own', async () => {
    const clock = testClock(new Date('2026-03-02T02:00:00.000Z'));
    const p = await startApplicationsPortal({ now: clock.now });
    portals.push(p);
    const enrol = await call(p.url, 'POST', '/api/v1/auth/kiosk', null, { kioskId: 'KIOSK-TRA-CUU', kioskKey: KEY });
    const kiosk = String(enrol.body.token);
    const sent = await submit(p.url, kiosk, applicationForm(khaiSinhApplication({ kioskId: 'KIOSK-TRA-CUU' }), KHAI_SINH_FILES));
    expect(sent.status).toBe(201);
    const own = String(sent.body.code);

    for (let i = 0; i < 40; i++) expect((await call(p.url, 'GET', `/api/v1/applications/${own}`, kiosk)).status).toBe(200);

    const guess = (n: number) => `${AGENCY_A.code}-260302-${String(n + 100).padStart(4, '0')}`;
    for (let i = 0; i < 30; i++) expect((await call(p.url, 'GET', `/api/v1/applications/${guess(i)}`, kiosk)).status).toBe(404);
    const limited = await call(p.url, 'GET', `/api/v1/applications/${guess(30)}`, kiosk);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('TOO_MANY_LOOKUPS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Its own applications stay reachable, and the address's anonymous budget is a separate one.
    expect((await call(p.url, 'GET', `/api/v1/applications/${own}`, kiosk)).status).toBe(200);
    expect((await call(p.url, 'GET', `/api/v1/applications/${guess(31)}`)).status).toBe(404);

    clock.advance(61_000);
    expect((await call(p.url, 'GET', `/api/v1/applications/${guess(32)}`, kiosk)).status).toBe(404);
  });
});
