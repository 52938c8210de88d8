import { afterEach, describe, expect, it } from 'vitest';
import { startTestPortal } from '../support/portal.js';
import { loginOfficer } from '../support/portal-auth.js';

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
