import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetListSchema } from '../../src-shared/portal-fleet-api.js';
import { fleetFlags } from '../../src-portal/fleet/flags.js';
import { HttpPortalClient } from '../../src-main/portal/portal-client.js';
import { Heartbeat } from '../../src-main/fleet/heartbeat.js';
import type { NamedEntry } from '../../src-main/admin/sync-queue.js';
import { silentLog } from '../../src-main/log/host-log.js';
import { startTestPortal, testClock } from '../support/portal.js';
import { call, loginOfficer } from '../support/portal-auth.js';

const ADMIN = { username: 'quantri.noivu', password: 'QuanTri@2026' };
const OFFICER = { username: 'canbo.camthanh', password: 'CanBo@2026' };
const LIMITS = { silentAfterSeconds: 300, queueAgeLimitSeconds: 3600 };
const KEY = 'f'.repeat(43);

const portals: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of portals.splice(0)) await p.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('fleet flags (fixed clocks)', () => {
  const at = new Date('2026-03-02T02:00:00.000Z');
  const plus = (s: number) => new Date(at.getTime() + s * 1000);

  it('a kiosk is silent only after the configured time without a heartbeat', () => {
    const last = { receivedAt: at.toISOString(), oldestPendingAt: null };
    expect(fleetFlags(last, plus(300), LIMITS)).toEqual([]);
    expect(fleetFlags(last, plus(301), LIMITS)).toEqual(['silent']);
  });

  it('a queue is stale once its oldest entry is older than the limit, whatever the heartbeats say', () => {
    const last = { receivedAt: plus(3600).toISOString(), oldestPendingAt: at.toISOString() };
    expect(fleetFlags(last, plus(3600), LIMITS)).toEqual([]);
    expect(fleetFlags(last, plus(3601), LIMITS)).toEqual(['queue_stale']);
    expect(fleetFlags(last, plus(3600 + 301), LIMITS)).toEqual(['silent', 'queue_stale']);
  });
});

function waiting(createdAt: string): NamedEntry {
  return { id: 1, kind: 'application', applicationId: 'a', supplementId: null, reference: 'KIOSK-01-0001', procedureName: 'Đăng ký khai sinh', createdAt, attempts: 2, lastError: null, parked: false };
}

describe('fleet on the portal', () => {
  it('the host heartbeat shows on the kiosk list, and the kiosk is flagged when it stops sending or its queue gets old', async () => {
    const clock = testClock();
    const portal = await startTestPortal({ now: clock.now });
    portals.push(portal);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
    dirs.push(dataDir);
    const client = new HttpPortalClient(portal.url, { kioskId: 'KIOSK-FLEET', kioskKey: KEY });
    let queue: NamedEntry[] = [waiting(new Date(clock.now().getTime() - 600_000).toISOString())];
    const heartbeat = new Heartbeat({
      portal: client,
      version: '1.2.3',
      place: 'Cẩm Thành',
      queue: { entries: () => queue },
      lastSyncAt: () => '2026-03-02T01:55:00.000Z',
      devices: () => ({ printer: 'configured', tokenReader: 'absent', scanner: 'wedge' }),
      dataDir,
      now: clock.now,
      log: silentLog,
    });
    await heartbeat.beat();

    const admin = await loginOfficer(portal.url, ADMIN);
    const list = async () => FleetListSchema.parse((await call(portal.url, 'GET', '/api/v1/admin/kiosks/fleet', { token: admin.token })).body);
    const first = await list();
    expect(first.kiosks).toHaveLength(1);
    expect(first.kiosks[0]).toMatchObject({
      kioskId: 'KIOSK-FLEET',
      place: 'Cẩm Thành',
      version: '1.2.3',
      queueDepth: 1,
      lastSyncAt: '2026-03-02T01:55:00.000Z',
      devices: { printer: 'configured', tokenReader: 'absent', scanner: 'wedge' },
      receivedAt: clock.now().toISOString(),
      // The age was sent, the portal dated it on its own clock.
      oldestPendingAt: new Date(clock.now().getTime() - 600_000).toISOString(),
      flags: [],
    });
    expect(first.kiosks[0]?.freeDiskBytes).toBeGreaterThan(0);

    // The queue drains, then the kiosk goes quiet: flagged only after the configured time.
    queue = [];
    clock.advance(60_000);
    await heartbeat.beat();
    expect((await list()).kiosks[0]).toMatchObject({ queueDepth: 0, oldestPendingAt: null, flags: [] });
    clock.advance(LIMITS.silentAfterSeconds * 1000);
    expect((await list()).kiosks[0]?.flags).toEqual([]);
    clock.advance(1000);
    expect((await list()).kiosks[0]?.flags).toEqual(['silent']);

    // It comes back with a queue that has waited longer than the limit.
    queue = [waiting(new Date(clock.now().getTime() - (LIMITS.queueAgeLimitSeconds + 5) * 1000).toISOString())];
    await heartbeat.beat();
    expect((await list()).kiosks[0]?.flags).toEqual(['queue_stale']);
  });

  it('a heartbeat needs a kiosk session and a valid body; the list needs an administrator', async () => {
    const portal = await startTestPortal();
    portals.push(portal);
    const body = { version: '1', queueDepth: 0, oldestPendingAgeSeconds: null, lastSyncAt: null, devices: { printer: 'none', tokenReader: 'absent', scanner: 'wedge' }, freeDiskBytes: null, sentAt: new Date().toISOString() };
    expect((await call(portal.url, 'POST', '/api/v1/kiosks/heartbeat', { body })).status).toBe(401);
    const officer = await loginOfficer(portal.url, OFFICER);
    expect((await call(portal.url, 'POST', '/api/v1/kiosks/heartbeat', { token: officer.token, body })).status).toBe(403);
    const kiosk = (await call<{ token: string }>(portal.url, 'POST', '/api/v1/auth/kiosk', { body: { kioskId: 'KIOSK-BAD', kioskKey: KEY } })).body;
    const bad = await call<{ error: { message: string } }>(portal.url, 'POST', '/api/v1/kiosks/heartbeat', { token: kiosk.token, body: { version: '1', queueDepth: -1 } });
    expect(bad.status).toBe(400);
    expect(await portal.context.db.selectFrom('kiosk_heartbeats').selectAll().execute()).toEqual([]);
    expect((await call(portal.url, 'GET', '/api/v1/admin/kiosks/fleet', { token: officer.token })).status).toBe(403);
  });
});
