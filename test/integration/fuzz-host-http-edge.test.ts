import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/errors.js';
import { SECRET_HEADER, startBrowserShell, type BrowserShell } from '../../src-main/browser/server.js';
import { isVietnameseMessage, startFuzzKiosk, type FuzzKiosk } from '../support/fuzz-kiosk-shell.js';

let kiosk: FuzzKiosk;

beforeAll(async () => {
  // A small limit so the 413 case stays cheap; the real limit is tens of MB.
  kiosk = await startFuzzKiosk({ bodyLimitBytes: 1024 * 1024 });
}, 60_000);

afterAll(async () => {
  await kiosk.close();
});

interface RawAnswer {
  status: number;
  body: unknown;
}

/** Sends bytes exactly as given (fetch would refuse some of them), and reads the answer. */
function rawRequest(opts: { method?: string; path: string; headers: Record<string, string | number>; body?: Buffer | string }): Promise<RawAnswer> {
  const url = new URL(opts.path, kiosk.shell.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A request line and headers written straight to the socket, for what Node's HTTP parser itself refuses. */
async function rawSocket(request: string): Promise<RawAnswer> {
  const url = new URL(kiosk.shell.origin);
  const socket = net.connect(Number(url.port), url.hostname);
  await once(socket, 'connect');
  socket.write(request);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: JSON.parse(body) as unknown };
}

function expectEnvelope(answer: RawAnswer, status: number, code?: string): void {
  expect(answer.status).toBe(status);
  const body = answer.body as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(body.ok).toBe(false);
  expect(ERROR_CODES).toContain(body.error?.code);
  if (code) expect(body.error?.code).toBe(code);
  expect(isVietnameseMessage(body.error?.message)).toBe(true);
}

describe('host HTTP edge: Fastify refusals carry the kiosk envelope in Vietnamese', () => {
  const json = () => ({ ...kiosk.headers, 'content-type': 'application/json' });

  it('400 for a body that is not JSON, is empty, or carries prototype keys', async () => {
    for (const body of ['{x', '', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '[1,2', '\u0000']) {
      expectEnvelope(await rawRequest({ path: '/api/call/app.info', headers: json(), body }), 400, 'INVALID_INPUT');
    }
  });

  it('415 for a body that is not JSON by its content type (text/plain too: no CORS-simple posts)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      expectEnvelope(await rawRequest({ path: '/api/call/app.info', headers: { ...kiosk.headers, 'content-type': type }, body: 'a=1' }), 415, 'INVALID_INPUT');
    }
  });

  it('413 for a body over the limit', async () => {
    expectEnvelope(await rawRequest({ path: '/api/call/drafts.save', headers: json(), body: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }) }), 413, 'REQUEST_TOO_LARGE');
  });

  it('414 for a call name over the router limit, 431 for a URL over the header limit', async () => {
    expectEnvelope(await rawRequest({ path: `/api/call/${'a'.repeat(5000)}`, headers: json(), body: '{}' }), 414, 'INVALID_INPUT');
    const huge = await rawSocket(`POST /api/call/${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectEnvelope(huge, 431, 'REQUEST_TOO_LARGE');
  });

  it('400 for a request Node cannot parse', async () => {
    expectEnvelope(await rawSocket('BREW /pot HTTP/1.1\r\nHost: \u0001\r\n\r\n'), 400, 'INVALID_INPUT');
  });

  it('401/403 from the gate carry the envelope; the host still answers afterwards', async () => {
    expectEnvelope(await rawRequest({ path: '/api/call/app.info', headers: { origin: kiosk.shell.origin, 'content-type': 'application/json' }, body: '{}' }), 401, 'UNAUTHORIZED');
    expectEnvelope(
      await rawRequest({ path: '/api/call/app.info', headers: { origin: 'http://evil.example', [SECRET_HEADER]: kiosk.shell.secret, 'content-type': 'application/json' }, body: '{}' }),
      403,
      'FORBIDDEN',
    );
    const ok = await rawRequest({ path: '/api/call/app.info', headers: json(), body: '{}' });
    expect(ok.status).toBe(200);
    expect((ok.body as { ok: boolean }).ok).toBe(true);
  });
});

describe('host HTTP edge: the gate runs before the body is read', () => {
  const MB = 1024 * 1024;
  // The shell as shipped, with its real body limit (over 40 MB, room for a paper document's pages).
  let full: BrowserShell;
  beforeAll(async () => {
    full = await startBrowserShell(kiosk.host, { rendererDir: kiosk.rendererDir });
  });
  afterAll(async () => {
    await full.close();
  });

  /** Streams `total` bytes with backpressure, as a hostile page would; stops when the host hangs up. */
  function hostilePost(total: number, chunk: Buffer): Promise<{ status: number | null }> {
    const url = new URL('/api/call/drafts.save', full.origin);
    return new Promise((resolve) => {
      let status: number | null = null;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve({ status });
      };
      const req = http.request(url, {
        method: 'POST',
        // Chunked, as a hostile page would send it: no Content-Length for Fastify to refuse up front.
        headers: { origin: 'http://evil.example', 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        status = res.statusCode ?? null;
        res.resume();
        res.on('end', finish);
      });
      req.on('error', finish);
      req.on('close', () => setTimeout(finish, 50));
      void (async () => {
        for (let sent = 0; sent < total && !req.destroyed; sent += chunk.length) {
          if (!req.write(chunk.subarray(0, Math.min(chunk.length, total - sent)))) {
            await Promise.race([once(req, 'drain'), once(req, 'close')]).catch(() => undefined);
          }
        }
        if (!req.destroyed) req.end();
      })();
    });
  }

  it('8 parallel 43 MB posts from a foreign Origin without the secret: 403, and RSS grows by under 20 MB', async () => {
    const chunk = Buffer.alloc(MB, 0x61);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const answers = await Promise.all(Array.from({ length: 8 }, () => hostilePost(43 * MB, chunk)));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - before) / MB;
    console.log(`unauthenticated 8x43MB posts: rss growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(20);
    // The host hangs up after its 403; a client still writing may see the reset before the answer, never a 2xx or 413.
    for (const a of answers) expect([403, null]).toContain(a.status);
    expect(answers.some((a) => a.status === 403)).toBe(true);
    const ok = await rawRequest({ path: '/api/call/app.info', headers: { ...kiosk.headers, 'content-type': 'application/json' }, body: '{}' });
    expect(ok.status).toBe(200);
  }, 60_000);
});
