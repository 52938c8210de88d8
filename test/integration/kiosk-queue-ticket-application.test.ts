import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../src-main/host.js';
import type { CounterNow } from '../../src-shared/kiosk-contract/counter-queue.js';
import { TicketSchema } from '../../src-shared/portal-queue-api.js';
import { APPLICANT, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startHostOn, type HostUnderTest } from '../support/host-fixture.js';
import { signInOfficer } from '../support/host-session.js';
import { call as portalCall } from '../support/portal-auth.js';
import { startTestPortal } from '../support/portal.js';
import { lateQueueResources } from '../support/queue-flow.js';
import { flat, pdfText } from '../unit/documents-fixtures.js';

/**
 * Issue 15 point 3, its end: the walk-in called at counter 1 hands in an
 * application there; the portal stores the ticket's number with it, and the
 * kiosk's result and receipt name it ("Số thứ tự: B-0nn").
 */
const CENTRE = '000.00.31.H48';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: HostUnderTest;
let host: Host;
let dir: string;
let resources: string;

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-ticket-app-'));
  // The machine's clock (the host's delegation to the portal is timed by it), with the centre open until 23:59.
  resources = lateQueueResources();
  portal = await startTestPortal({ resourcesDir: resources });
  kiosk = await startHostOn(portal.url, { kioskId: 'KIOSK-QUAY-1', mode: 'assisted', counter: 1, queueCentre: CENTRE });
  host = kiosk.host;
  await signInOfficer(host, portal.url);
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await portal?.close();
  for (const d of [dir, resources]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

it('an application received while a ticket is called carries its number to the portal, the result and the receipt', async () => {
  const device = await portalCall<{ token: string }>(portal.url, 'POST', '/api/v1/auth/kiosk', {
    body: { kioskId: 'KIOSK-LAY-SO', kioskKey: 'khoa-thiet-bi-kiem-thu-KIOSK-LAY-SO-0123456789abcdef' },
  });
  expect(device.status).toBe(200);
  const taken = await portalCall(portal.url, 'POST', `/api/v1/queue/centres/${CENTRE}/tickets`, { token: device.body.token, body: { area: 'B' } });
  expect(taken.status, JSON.stringify(taken.body)).toBe(201);
  const ticket = TicketSchema.parse(taken.body);
  const now = await call<CounterNow>('counterQueue.next');
  expect(now.serving?.id).toBe(ticket.id);

  let seed = 7;
  const rng = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const attachments: unknown[] = [];
  for (const componentId of MANDATORY_DOCUMENTS) {
    attachments.push(await call('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  const view = await call<{ localId: string; queueTicket: string | null }>('submissions.submit', {
    procedureCode: KHAI_SINH,
    applicant: APPLICANT,
    fields: KHAI_SINH_FIELDS,
    attachments,
    declarationAccepted: true,
  });
  expect(view.queueTicket).toBe(ticket.label);
  await call('sync.now');
  await expect
    .poll(async () => (await call<{ officialCode: string | null }>('submissions.get', { localId: view.localId })).officialCode, { timeout: 20_000 })
    .not.toBeNull();
  const accepted = await call<{ officialCode: string; queueTicket: string | null }>('submissions.get', { localId: view.localId });
  expect(accepted.queueTicket).toBe(ticket.label);
  const row = await portal.context.db.selectFrom('applications').select('queue_ticket').where('code', '=', accepted.officialCode).executeTakeFirstOrThrow();
  expect(row.queue_ticket).toBe(ticket.label);
  // The officer's view of the application, through the host's portal gateway.
  expect((await call<{ queueTicket: string | null }>('officer.application', { code: accepted.officialCode })).queueTicket).toBe(ticket.label);

  const receipt = await call<{ outcome: string; pdfBase64?: string }>('receipts.print', { localId: view.localId, layout: 'thermal80' });
  expect(receipt.outcome).toBe('download');
  const file = path.join(dir, 'receipt.pdf');
  fs.writeFileSync(file, Buffer.from(receipt.pdfBase64 ?? '', 'base64'));
  expect(flat(pdfText(file))).toContain(`Số thứ tự: ${ticket.label}`);
});
