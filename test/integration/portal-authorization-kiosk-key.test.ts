import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src-main/host.js';
import type { SubmissionView, SyncState } from '../../src-shared/kiosk-api.js';
import { APPLICANT, PROXY_SUBMITTER, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { startHostOn, type HostUnderTest } from '../support/host-fixture.js';
import { signInCitizen, wizardCaptcha } from '../support/host-session.js';

/**
 * Issue 17, finding 3 (host half): when someone claimed this kiosk's id on
 * the portal first, the portal refuses the kiosk's device key. The kiosk
 * says so to staff (sync.state.deviceRefused, a Vietnamese line by "Đồng bộ
 * ngay"), and the application stays queued instead of turning "cần sửa".
 */

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: HostUnderTest;
let host: Host;
let seed = 5;
const rng = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  portal = await startTestPortal();
  // The stranger gets there first, with a key of its own.
  const claim = await fetch(`${portal.url}/api/v1/auth/kiosk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kioskId: 'KIOSK-01', kioskKey: 's'.repeat(43) }),
  });
  expect(claim.status).toBe(200);
  kiosk = await startHostOn(portal.url, { kioskId: 'KIOSK-01' });
  host = kiosk.host;
  await signInCitizen(host, portal.url);
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await portal?.close();
});

describe('a kiosk whose device key the portal refuses', () => {
  it('tells staff in sync.state and keeps the application queued', async () => {
    const attachments: unknown[] = [];
    for (const componentId of MANDATORY_DOCUMENTS) {
      attachments.push(await call('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
    }
    const made = await call<SubmissionView>('submissions.submit', {
      procedureCode: KHAI_SINH,
      applicant: APPLICANT,
      submitter: PROXY_SUBMITTER,
      fields: KHAI_SINH_FIELDS,
      attachments,
      declarationAccepted: true,
      ...(await wizardCaptcha(host)),
    });
    let state: SyncState | null = null;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      state = await call<SyncState>('sync.state');
      if (state.deviceRefused) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toMatchObject({ deviceRefused: true, pending: 1 });
    const rows = await portal.context.db.selectFrom('applications').select('id').execute();
    expect(rows).toHaveLength(0);
    expect(made.state).toBe('queued');
    expect((await call<SubmissionView>('submissions.get', { localId: made.localId })).state).toBe('queued');
  }, 30_000);
});
