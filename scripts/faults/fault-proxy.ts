import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 between the kiosk host and the portal that
 * breaks requests on purpose. `*-after` faults let the portal do the work
 * and then lose its answer: the case where a retry could make a duplicate.
 */
export type Fault =
  | 'pass'
  /** 500 without the portal seeing the request. */
  | 'error500'
  /** The portal handled it; the kiosk gets a 500 instead of the answer. */
  | 'error500-after'
  /** The connection stays open and silent until the client gives up. */
  | 'hang'
  /** The portal handled it; its answer never comes. */
  | 'hang-after'
  /** Part of the upload gets through, then a TCP reset. */
  | 'reset-upload'
  /** The portal handled it; the connection is reset instead of answering. */
  | 'reset-after'
  /** 429 Too Many Requests with Retry-After. */
  | 'rate-limit'
  /** Forwarded, but the answer is held back and trickled out slowly. */
  | 'slow';

export interface ProxiedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  fault: Fault;
  at: number;
}

export type FaultPolicy = (req: { method: string; path: string; idempotencyKey: string | null }) => Fault;

export const RETRY_AFTER_SECONDS = 1;

export class FaultProxy {
  target: string;
  policy: FaultPolicy = () => 'pass';
  readonly log: ProxiedRequest[] = [];
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();

  private constructor(target: string) {
    this.target = target;
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(target: string): Promise<FaultProxy & { url: string }> {
    const proxy = new FaultProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.server.address() as AddressInfo;
    return Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
  }

  /** Faults injected since `from` (an index into `log`), by kind. */
  injected(from = 0): ProxiedRequest[] {
    return this.log.slice(from).filter((r) => r.fault !== 'pass');
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    const key = req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : null;
    const fault = this.policy({ method: req.method ?? 'GET', path, idempotencyKey });
    this.log.push({ method: req.method ?? 'GET', path, idempotencyKey, fault, at: Date.now() });

    if (fault === 'error500' || fault === 'rate-limit') {
      req.resume();
      req.on('end', () => {
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
        if (fault === 'rate-limit') headers['retry-after'] = String(RETRY_AFTER_SECONDS);
        res.writeHead(fault === 'rate-limit' ? 429 : 500, headers);
        res.end(JSON.stringify({ error: { code: fault === 'rate-limit' ? 'RATE_LIMITED' : 'INTERNAL', message: 'fault proxy' } }));
      });
      return;
    }
    if (fault === 'hang') {
      req.resume();
      return;
    }

    const upstream = http.request(new URL(path, this.target), { method: req.method, headers: { ...req.headers, host: new URL(this.target).host } });
    upstream.on('error', () => res.socket?.destroy());
    if (fault === 'reset-upload') {
      // Somewhere in the first few kilobytes, or at the very end: the portal never sees a whole body.
      const cutAt = crypto.randomInt(256, 8192);
      let seen = 0;
      let cut = false;
      const cutNow = () => {
        if (cut) return;
        cut = true;
        upstream.destroy();
        req.socket.resetAndDestroy();
      };
      req.on('data', (chunk: Buffer) => {
        if (cut) return;
        const room = cutAt - seen;
        seen += chunk.length;
        if (chunk.length >= room) {
          upstream.write(chunk.subarray(0, Math.max(0, room)));
          cutNow();
        } else upstream.write(chunk);
      });
      req.on('end', cutNow);
      return;
    }
    req.pipe(upstream);
    upstream.on('response', (answer) => {
      if (fault === 'pass') {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        if (fault === 'error500-after') {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'fault proxy' } }));
        } else if (fault === 'reset-after') {
          req.socket.resetAndDestroy();
        } else if (fault === 'slow') {
          void this.trickle(res, answer, body);
        }
        // hang-after: say nothing; the client's timeout ends it.
      });
    });
  }

  /** Headers after a delay, then the body in small pieces: a congested line, still inside every timeout. */
  private async trickle(res: http.ServerResponse, answer: http.IncomingMessage, body: Buffer): Promise<void> {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(crypto.randomInt(300, 1500));
    const headers = { ...answer.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    res.writeHead(answer.statusCode ?? 502, headers);
    for (let i = 0; i < body.length; i += 64) {
      if (res.destroyed) return;
      res.write(body.subarray(i, i + 64));
      await sleep(crypto.randomInt(5, 40));
    }
    res.end();
  }
}
