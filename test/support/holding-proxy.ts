import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain HTTP proxy between the kiosk and the portal that can hold chosen
 * requests until the test lets them go: the moment between "Đồng ý" and the
 * portal's answer, made as long as the test needs to look at it, with no
 * sleeps. A request the portal cannot take (it is closed) gets its socket
 * cut, as a network fault would.
 */
export interface HoldingProxy {
  url: string;
  /** Holds the next request `matches` picks; resolves once it has arrived. */
  holdNext(matches: (method: string, path: string) => boolean): Promise<void>;
  /** Lets the held request go on to the portal. */
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const to = new URL(target);
  let rule: { matches: (method: string, path: string) => boolean; arrived: () => void } | null = null;
  let held: (() => void)[] = [];

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void => {
    // No keep-alive to the portal: closing it mid-test must not wait for our idle sockets.
    const out = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host, connection: 'close' }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const r = rule;
      if (r && r.matches(req.method ?? 'GET', req.url ?? '/')) {
        rule = null;
        held.push(() => forward(req, res, body));
        r.arrived();
        return;
      }
      forward(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const release = (): void => {
    const go = held;
    held = [];
    for (const f of go) f();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    holdNext(matches) {
      return new Promise<void>((arrived) => (rule = { matches, arrived }));
    },
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
