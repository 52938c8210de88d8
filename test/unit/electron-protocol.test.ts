import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from '../../src-main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/security.js';

let base: string;
let root: string;
const INDEX = '<!doctype html><html lang="vi"><title>Một cửa kiosk</title></html>';
const SECRET = 'bí mật ngoài thư mục renderer';

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log("kiosk")');
  fs.writeFileSync(path.join(root, 'assets', 'Be Vietnam Pro.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  // A sibling whose name starts with the root's: a naive prefix check would let it through.
  fs.mkdirSync(path.join(base, 'renderer-evil'));
  fs.writeFileSync(path.join(base, 'renderer-evil', 'x.js'), SECRET);
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

describe('resolveAppPath', () => {
  it('maps the root and client-side routes to index.html', () => {
    expect(resolveAppPath(root, 'app://kiosk/')).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://kiosk')).toEqual({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://kiosk/catalogue/search?q=khai%20sinh')).toEqual({
      ok: true,
      filePath: path.join(root, 'index.html'),
    });
  });

  it('maps asset paths under the root, decoding each segment', () => {
    expect(resolveAppPath(root, 'app://kiosk/assets/index-abc123.js')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'index-abc123.js'),
    });
    expect(resolveAppPath(root, 'app://kiosk/assets/Be%20Vietnam%20Pro.woff2#x')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'Be Vietnam Pro.woff2'),
    });
  });

  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/assets/../../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/%2E%2E/secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/..%2Frenderer-evil/x.js',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/..\\secret.txt',
    'app://kiosk/./index.html',
    'app://kiosk/assets%2f..%2f..%2fsecret.txt',
    'app://kiosk/%00index.html',
    'app://kiosk/C:%5cWindows%5cwin.ini',
    'app://kiosk/%E0%A4%A.js',
  ])('refuses %s with 400', (url) => {
    expect(resolveAppPath(root, url)).toEqual({ ok: false, status: 400 });
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath(root, 'app://evil/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'not a url')).toEqual({ ok: false, status: 400 });
  });
});

describe('app:// protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html with the CSP header', async () => {
    const response = await handler()(new Request('app://kiosk/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves an asset with its content type', async () => {
    const response = await handler()(new Request('app://kiosk/assets/index-abc123.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("kiosk")');
  });

  it.each(['app://kiosk/..%2fsecret.txt', 'app://kiosk/..%5csecret.txt', 'app://kiosk/..%2Frenderer-evil/x.js'])(
    'refuses the traversal %s with 400, CSP still set, nothing leaked',
    async (url) => {
      const response = await handler()(new Request(url));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain(SECRET);
    },
  );

  it('never serves a file outside the root, even after URL folding', async () => {
    // Request() folds "/../" itself, as Chromium does before the handler runs.
    const response = await handler()(new Request('app://kiosk/../secret.txt'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('answers 404 for a missing asset and 405 for a write', async () => {
    expect((await handler()(new Request('app://kiosk/assets/missing.js'))).status).toBe(404);
    const post = await handler()(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const response = await handler()(new Request('app://kiosk/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer asset types and falls back to octet-stream', () => {
    expect(contentTypeFor('a/b.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('archive.tar')).toBe('application/octet-stream');
  });
});
