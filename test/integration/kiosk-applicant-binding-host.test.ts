import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src-main/host.js';
import { APPLICANT, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS, PROXY_SUBMITTER, randomPdf } from '../../scripts/crash/sample-application.js';
import { startTestPortal } from '../support/portal.js';
import { startHostOn, type HostUnderTest } from '../support/host-fixture.js';
import { signInCitizen, signInOfficer, wizardCaptcha } from '../support/host-session.js';

/**
 * Issue 17, finding 5, on the kiosk's side: the citizen signed in at the
 * kiosk (the demo citizen Nguyễn Văn An) applies for himself, or says he
 * hands it in for someone else. The host refuses the mix-up while he is still
 * at the screen, and sends the CCCD he signed in with so the portal holds the
 * queued application to the same rule after he has left.
 */

const SIGNED_IN = '051085001234';
const HIMSELF = { ...APPLICANT, fullName: 'Nguyễn Văn An', citizenId: SIGNED_IN };
const FAST = { outbox: { idleMs: 200, backoff: { baseMs: 50, capMs: 400, floorMs: 20 } }, probeMs: 100 } as const;

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let kiosk: HostUnderTest;
let host: Host;
let accountA: number;
let rngSeed = 17;
const rng = () => (rngSeed = (rngSeed * 48271) % 2147483647) / 2147483647;

interface View {
  localId: string;
  state: string;
  officialCode: string | null;
  portalMessage: string | null;
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function files(components: readonly string[] = MANDATORY_DOCUMENTS): Promise<unknown[]> {
  const out = [];
  for (const componentId of components) {
    out.push(await call('attachments.add', { componentId, fileName: `${componentId}.pdf`, dataBase64: randomPdf(rng).toString('base64') }));
  }
  return out;
}

async function submission(applicant: typeof APPLICANT, submitter?: unknown): Promise<Record<string, unknown>> {
  return {
    procedureCode: KHAI_SINH,
    applicant,
    ...(submitter ? { submitter } : {}),
    fields: KHAI_SINH_FIELDS,
    attachments: await files(),
    declarationAccepted: true,
    ...(await wizardCaptcha(host)),
  };
}

async function until(localId: string, state: string): Promise<View> {
  const end = Date.now() + 15_000;
  for (;;) {
    const v = await call<View>('submissions.get', { localId });
    if (v.state === state) return v;
    if (Date.now() > end) throw new Error(`still ${v.state}: ${v.portalMessage ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function onPortal(code: string): Promise<{ owner: number | null; applicant: Record<string, unknown>; channel: string }> {
  const row = await portal.context.db.selectFrom('applications').select(['owner_account_id', 'applicant_json', 'channel']).where('code', '=', code).executeTakeFirstOrThrow();
  return { owner: row.owner_account_id, applicant: JSON.parse(row.applicant_json) as Record<string, unknown>, channel: row.channel };
}

beforeAll(async () => {
  portal = await startTestPortal();
  kiosk = await startHostOn(portal.url, { kioskId: 'KIOSK-BIND-HOST' }, FAST);
  host = kiosk.host;
  accountA = (await portal.context.db.selectFrom('accounts').select('id').where('citizen_id', '=', SIGNED_IN).where('role', '=', 'citizen').executeTakeFirstOrThrow()).id;
  await signInCitizen(host, portal.url);
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await portal?.close();
});

describe('the applicant bound to the citizen signed in at the kiosk', () => {
  it('refuses another person’s CCCD "cho chính mình", under the CCCD field, in Vietnamese, queuing nothing', async () => {
    for (const submitter of [undefined, { kind: 'self' }]) {
      const r = await host.dispatch('submissions.submit', await submission(APPLICANT, submitter));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toContain('Tôi nộp hộ người khác (được ủy quyền)');
      expect(r.error.issues?.map((i) => i.path)).toEqual(['applicant.citizenId']);
      expect(r.error.message).not.toContain(APPLICANT.citizenId);
    }
    expect((await call<{ pending: number }>('sync.state', {})).pending).toBe(0);
  });

  it('an empty relation for a proxy is refused before anything is written', async () => {
    const r = await host.dispatch('submissions.submit', await submission(APPLICANT, { kind: 'proxy', relation: '  ' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Vui lòng ghi quan hệ');
  });

  it('for himself: sent with the CCCD he signed in with, filed on the portal under his account', async () => {
    const sent = await call<View>('submissions.submit', await submission(HIMSELF));
    const code = (await until(sent.localId, 'accepted')).officialCode ?? '';
    const row = await onPortal(code);
    expect(row.owner).toBe(accountA);
    expect(row.applicant).not.toHaveProperty('proxy');
    // Self-service at a kiosk is online submission: the host decides it from its mode, and the online rate applies.
    expect(row.channel).toBe('truc_tuyen');
  });

  it('leaves the channel (and so the fee rate) to the host, not the page', async () => {
    const r = await host.dispatch('submissions.submit', { ...(await submission(HIMSELF)), channel: 'truc_tiep' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
  });

  it('as a proxy for his wife: accepted, the relation kept with her as applicant, filed under his account', async () => {
    const sent = await call<View>('submissions.submit', await submission(APPLICANT, PROXY_SUBMITTER));
    const code = (await until(sent.localId, 'accepted')).officialCode ?? '';
    const row = await onPortal(code);
    expect(row.owner).toBe(accountA);
    expect(row.applicant).toMatchObject({ citizenId: APPLICANT.citizenId, proxy: { relation: PROXY_SUBMITTER.relation } });
  });

  it('staff fixing his refused application may correct it, not turn it into someone else’s', async () => {
    // The province made a document mandatory after this kiosk last synced its catalogue: the portal refuses.
    const row = await portal.context.db.selectFrom('procedures').select('record').where('code', '=', KHAI_SINH).executeTakeFirstOrThrow();
    const record = JSON.parse(row.record) as { documents: { id: string; mandatory: boolean }[] };
    for (const d of record.documents) if (d.id === 'van-ban-uy-quyen') d.mandatory = true;
    await portal.context.db.updateTable('procedures').set({ record: JSON.stringify(record) }).where('code', '=', KHAI_SINH).execute();
    const sent = await call<View>('submissions.submit', await submission(HIMSELF));
    await until(sent.localId, 'needs_fix');

    await signInOfficer(host, portal.url);
    const attachments = await files([...MANDATORY_DOCUMENTS, 'van-ban-uy-quyen']);
    const swapped = await host.dispatch('submissions.resubmit', { localId: sent.localId, applicant: APPLICANT, fields: KHAI_SINH_FIELDS, attachments });
    expect(swapped.ok).toBe(false);
    if (!swapped.ok) expect(swapped.error.issues?.map((i) => i.path)).toEqual(['applicant.citizenId']);

    await call('submissions.resubmit', { localId: sent.localId, applicant: { ...HIMSELF, phone: '0912000111' }, fields: KHAI_SINH_FIELDS, attachments });
    const fixed = await until(sent.localId, 'accepted');
    expect((await onPortal(fixed.officialCode ?? '')).owner).toBe(accountA);
  });
});
