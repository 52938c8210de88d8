import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../src-main/host.js';
import { startBrowserShell, SECRET_HEADER, type BrowserShell } from '../../src-main/browser/server.js';
import { KioskConfigSchema } from '../../src-main/config.js';
import { startTestPortal } from '../support/portal.js';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let host: Host;
let shell: BrowserShell;
let dir: string;

beforeAll(async () => {
  portal = await startTestPortal();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-'));
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Một cửa kiosk</title>');
  host = await createHost(KioskConfigSchema.parse({ portalUrl: portal.url, dataDir: path.join(dir, 'data') }), { shell: 'browser' });
  shell = await startBrowserShell(host, { rendererDir: path.join(dir, 'renderer') });
});

afterAll(async () => {
  await shell.close();
  await host.close();
  await portal.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function call(name: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${shell.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('browser shell', () => {
  it('listens on 127.0.0.1 only and hands out a URL carrying the launch secret', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.kioskUrl).toBe(`${shell.origin}/?k=${shell.secret}`);
    expect(shell.secret.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the UI with a strict CSP', async () => {
    const res = await fetch(shell.kioskUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Một cửa kiosk');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers the API with the secret and the right Origin', async () => {
    const res = await call('catalogue.search', { query: 'khai sinh' }, { origin: shell.origin, [SECRET_HEADER]: shell.secret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; data: { items: { name: string }[] } };
    expect(body.ok).toBe(true);
    expect(body.data.items.map((p) => p.name)).toContain('Đăng ký khai sinh');
  });

  it('refuses a call without the secret (401) or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{ origin: shell.origin }, { origin: shell.origin, [SECRET_HEADER]: 'x'.repeat(43) }];
    for (const headers of attempts) {
      const res = await call('app.info', {}, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('refuses a foreign or missing Origin (403) even with the secret', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:1', 'null']) {
      const res = await call('app.info', {}, { origin, [SECRET_HEADER]: shell.secret });
      expect(res.status).toBe(403);
    }
    const noOrigin = await call('app.info', {}, { [SECRET_HEADER]: shell.secret });
    expect(noOrigin.status).toBe(403);
  });

  it('answers bad input with a Vietnamese typed error and keeps serving', async () => {
    const headers = { origin: shell.origin, [SECRET_HEADER]: shell.secret };
    const bad = (await (await call('catalogue.get', { code: 7 }, headers)).json()) as { ok: boolean; error: { code: string; message: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bad.error.message).toMatch(/không hợp lệ/);
    const unknown = (await (await call('system.exec', {}, headers)).json()) as { error: { code: string } };
    expect(unknown.error.code).toBe('UNKNOWN_CALL');
    const ok = (await (await call('app.info', {}, headers)).json()) as { ok: boolean; data: { catalogue: { procedures: number } } };
    expect(ok.ok).toBe(true);
    expect(ok.data.catalogue.procedures).toBeGreaterThanOrEqual(20);
  });

  it('opens the event socket only for the kiosk page', async () => {
    const wsUrl = `${shell.origin.replace('http', 'ws')}/api/events`;
    const closeCode = (url: string, origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { origin });
        ws.on('close', (code) => resolve(code));
        ws.on('error', () => undefined);
      });
    expect(await closeCode(`${wsUrl}?k=wrong`, shell.origin)).toBe(4401);
    expect(await closeCode(`${wsUrl}?k=${shell.secret}`, 'http://evil.example')).toBe(4403);
    const ws = new WebSocket(`${wsUrl}?k=${shell.secret}`, { origin: shell.origin });
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('close', () => reject(new Error('closed')));
    });
    ws.close();
  });
});
