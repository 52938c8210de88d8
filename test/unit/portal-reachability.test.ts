import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPortalClient } from '../../src-main/portal/portal-client.js';
import { PortalCallError } from '../../src-main/portal/portal-error.js';

/**
 * Reachability is reported by the gateway itself after every call: an
 * answer below 500 (a refusal, an answer in the wrong shape) means the
 * portal is there; no answer, a timeout or a 5xx means it is away. A local
 * HTTP server stands in for the portal at the network edge.
 */

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const status = Number(/\/status\/(\d{3})/.exec(req.url ?? '')?.[1] ?? 200);
    if (req.url?.includes('/hang')) return; // never answers: the client's timeout fires
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? JSON.stringify({ unexpected: true }) : JSON.stringify({ error: { code: 'X', message: 'Từ chối.' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** What the gateway reported for one catalogue fetch against `base`, and how the call failed. */
async function outcome(base: string, timeoutMs = 2000): Promise<{ reported: boolean[]; error: PortalCallError | null }> {
  const client = new HttpPortalClient(base, null, { timeoutMs });
  const reported: boolean[] = [];
  client.onReachability((r) => reported.push(r));
  const error = await client.fetchProcedures({ since: 0, page: 1, pageSize: 10 }).then(
    () => null,
    (e: unknown) => (e instanceof PortalCallError ? e : null),
  );
  return { reported, error };
}

describe('the gateway reports reachability after every call', () => {
  it('an answer in the wrong shape: the portal is there', async () => {
    expect(await outcome(`${url}/status/200`)).toMatchObject({ reported: [true], error: { kind: 'invalid-answer' } });
  });

  it.each([400, 404, 429])('a %i refusal: the portal is there', async (status) => {
    expect(await outcome(`${url}/status/${status}`)).toMatchObject({ reported: [true], error: { kind: 'rejected', status } });
  });

  it.each([500, 503])('a %i: the portal is away', async (status) => {
    expect(await outcome(`${url}/status/${status}`)).toMatchObject({ reported: [false], error: { kind: 'server', status } });
  });

  it('no answer within the timeout: away', async () => {
    expect(await outcome(`${url}/hang`, 200)).toMatchObject({ reported: [false], error: { kind: 'unreachable' } });
  });

  it('a refused connection: away', async () => {
    expect(await outcome('http://127.0.0.1:9')).toMatchObject({ reported: [false], error: { kind: 'unreachable' } });
  });
});
