import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { ERROR_MESSAGES } from '../../src-shared/errors.js';
import { PAPER_LIMITS, base64Length } from '../../src-shared/paper-limits.js';
import type { Host } from '../host.js';
import { browserCsp, checkRequest, needsGuard, newLaunchSecret } from './guard.js';
import { clientErrorResponse, guardRefusal, transportError } from './transport-errors.js';

export interface BrowserShell {
  /** Origin the shell listens on, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** The URL that opens the working kiosk (carries the launch secret). */
  kioskUrl: string;
  secret: string;
  close(): Promise<void>;
}

export const SECRET_HEADER = 'x-kiosk-secret';

/** The largest call body: a paper document's pages at their whole limit, as base64 in JSON. */
const MAX_CALL_BODY_BYTES = base64Length(PAPER_LIMITS.maxTotalBytes) + 1024 * 1024;

/**
 * Serves the built renderer and the kiosk API over HTTP (calls) and
 * WebSocket (host → UI events) on 127.0.0.1 only.
 */
export interface BrowserShellOptions {
  rendererDir: string;
  port?: number;
  bodyLimitBytes?: number;
  /** Where unexpected transport failures are reported: error classes only, never request data. */
  log?: (line: string) => void;
}

export async function startBrowserShell(host: Host, opts: BrowserShellOptions): Promise<BrowserShell> {
  const log = opts.log ?? (() => undefined);
  if (!fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    throw new Error(`Chưa có giao diện đã dựng trong ${opts.rendererDir}. Hãy chạy "npm run build".`);
  }
  const secret = newLaunchSecret();
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimitBytes ?? MAX_CALL_BODY_BYTES,
    // Router refusals (a bad URL, a call name over the length limit) get the kiosk envelope too.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const mapped = transportError(err);
      void reply.code(mapped.status).send(mapped.body);
    },
    clientErrorHandler: (err: Error & { code?: string }, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(err));
      socket.destroy(err);
    },
  });
  // Calls carry JSON only; Fastify's default text/plain parser would let a foreign page post without a CORS preflight.
  app.removeContentTypeParser('text/plain');
  let origin = '';
  const guard = (headers: Record<string, string | string[] | undefined>, secretGiven: string | undefined) =>
    checkRequest(
      { origin: headers.origin as string | undefined, host: headers.host as string | undefined, secret: secretGiven },
      { origin, secret },
    );

  await app.register(fastifyWebsocket);
  // onRequest runs before the body is parsed: a caller without the secret or from another Origin never gets a byte read.
  app.addHook('onRequest', async (req, reply) => {
    if (!needsGuard(req.method, req.url)) return;
    const verdict = guard(req.headers, req.headers[SECRET_HEADER] as string | undefined);
    if (!verdict.code) return;
    const refusal = guardRefusal(verdict.status === 401 ? 401 : 403, verdict.code);
    // Close instead of draining the unread body on a kept-alive connection.
    return reply.code(refusal.status).header('connection', 'close').send(refusal.body);
  });
  app.setErrorHandler((err, _req, reply) => {
    const mapped = transportError(err);
    if (mapped.status >= 500) log(`browser-shell: ${err instanceof Error ? err.name : typeof err}`);
    return reply.code(mapped.status).send(mapped.body);
  });
  app.addHook('onSend', async (_req, reply) => {
    void reply.header('Content-Security-Policy', browserCsp(origin));
    void reply.header('X-Content-Type-Options', 'nosniff');
    // The launch secret rides in the first URL's query: never pass it on.
    void reply.header('Referrer-Policy', 'no-referrer');
    void reply.header('X-Frame-Options', 'DENY');
  });

  app.post<{ Params: { name: string } }>('/api/call/:name', async (req) => host.dispatch(req.params.name, req.body));

  // Training only: a trainer (or an end-to-end test) reads the wizard captcha as a person would read the screen.
  const answerOf = host.trainingCaptchaAnswer;
  if (answerOf) {
    app.get<{ Params: { id: string } }>('/api/dev/captcha/:id', async (req, reply) => {
      const answer = await answerOf(req.params.id);
      if (!answer) return reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND.vi } });
      return { answer };
    });
  }

  app.get<{ Querystring: { k?: string } }>('/api/events', { websocket: true }, (socket, req) => {
    const verdict = guard(req.headers, req.query.k);
    if (verdict.code) {
      socket.close(verdict.status === 401 ? 4401 : 4403, verdict.code);
      return;
    }
    const off = host.onEvent((event) => socket.send(JSON.stringify(event)));
    socket.on('close', off);
  });

  await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html', wildcard: false });
  // Any other GET (a reload on a deep path) gets the app shell.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND.vi } });
  });

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('Không mở được cổng HTTP cho kiosk.');
  origin = `http://127.0.0.1:${address.port}`;
  return { origin, kioskUrl: `${origin}/?k=${secret}`, secret, close: () => app.close() };
}
