import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { startTestPortal } from '../support/portal.js';
import { seedProcedures } from '../support/procedures.js';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let dir: string;

beforeAll(async () => {
  portal = await startTestPortal();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sync-'));
});
afterAll(async () => {
  await portal.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call<T>(host: Host, name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

describe('kiosk catalogue cache synced from the reference portal', () => {
  it('holds every seeded procedure and finds each by its name without diacritics', async () => {
    const host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir: dir }), { shell: 'browser' });
    const seed = seedProcedures();
    expect(seed.length).toBeGreaterThanOrEqual(40);
    const info = await call<{ catalogue: { procedures: number; version: number; syncedAt: string | null } }>(host, 'app.info', {});
    expect(info.catalogue.procedures).toBe(seed.length);
    expect(info.catalogue.syncedAt).not.toBeNull();
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd');
    for (const p of seed) {
      const res = await call<{ items: { code: string }[] }>(host, 'catalogue.search', { query: fold(p.name), pageSize: 100 });
      expect(res.items.map((i) => i.code), p.name).toContain(p.code);
    }
    await host.close();
  });

  it('serves the cache across a restart while the portal is unreachable', async () => {
    const host = await createHost(KioskConfigSchema.parse({ portalUrl: 'http://127.0.0.1:9', dataDir: dir }), { shell: 'browser' });
    const info = await call<{ catalogue: { procedures: number; portalReachable: boolean; syncedAt: string | null } }>(host, 'app.info', {});
    expect(info.catalogue.portalReachable).toBe(false);
    expect(info.catalogue.procedures).toBeGreaterThanOrEqual(40);
    expect(info.catalogue.syncedAt).not.toBeNull();
    const res = await call<{ items: { name: string }[] }>(host, 'catalogue.search', { query: 'ket hon' });
    expect(res.items[0]?.name).toBe('Đăng ký kết hôn');
    await host.close();
  });

  it('searches within the chosen field and agency, reads abbreviations from the shipped table, and offers the fields in Vietnamese order', async () => {
    const host = await createHost(KioskConfigSchema.parse({ portalUrl: 'http://127.0.0.1:9', dataDir: dir }), { shell: 'browser' });
    type Page = { total: number; items: { name: string; field: string; agency: { code: string } }[] };
    const inField = await call<Page>(host, 'catalogue.search', { query: 'khai sinh', field: 'Hộ tịch', agencyCode: '000.00.31.H48' });
    expect(inField.total).toBe(inField.items.length);
    expect(inField.items.map((p) => [p.field, p.agency.code])).toEqual(inField.items.map(() => ['Hộ tịch', '000.00.31.H48']));
    expect(inField.items[0]?.name).toBe('Đăng ký khai sinh');
    expect((await call<Page>(host, 'catalogue.search', { query: 'cccd' })).items[0]?.name).toBe('Cấp đổi thẻ căn cước');
    const list = await call<Page & { fields: string[] }>(host, 'catalogue.list', {});
    const at = (f: string) => list.fields.indexOf(f);
    expect(at('Chứng thực')).toBeLessThan(at('Đăng ký, quản lý cư trú'));
    expect(at('Đường bộ')).toBeLessThan(at('Giảm nghèo'));
    expect(at('Đất đai')).toBeLessThan(at('Việc làm'));
    await host.close();
  });

  it('pulls only what changed since its version', async () => {
    const page = (since: number) => fetch(`${portal.url}/api/v1/procedures?since=${since}`).then((r) => r.json() as Promise<{ version: number; total: number }>);
    const all = await page(0);
    expect(all.total).toBeGreaterThanOrEqual(40);
    expect((await page(all.version)).total).toBe(0);
    const etagRes = await fetch(`${portal.url}/api/v1/procedures?since=0`);
    const again = await fetch(`${portal.url}/api/v1/procedures?since=0`, { headers: { 'if-none-match': etagRes.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });
});
