import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationForm, call, cccd, KHAI_SINH_FILES, khaiSinhApplication, startApplicationsPortal, submit, type ApplicationsPortal } from './portal-applications.fixture.js';

/**
 * Issue 17, finding 5: the applicant is the signed-in person, unless the
 * submission records a proxy ("người nộp hộ / ủy quyền"). Only the submitter
 * and the applicant (and the receiving agency) see the full view.
 */

let portal: ApplicationsPortal;
let a: { accountId: number; token: string };
let b: { accountId: number; token: string };
let c: { accountId: number; token: string };

const applicantB = { ...khaiSinhApplication().applicant, fullName: 'Lê Thị Hoa', citizenId: cccd(702) };

beforeAll(async () => {
  portal = await startApplicationsPortal();
  a = await portal.citizen({ citizenId: cccd(701), fullName: 'Nguyễn Văn An' });
  b = await portal.citizen({ citizenId: cccd(702), fullName: 'Lê Thị Hoa' });
  c = await portal.citizen({ citizenId: cccd(703), fullName: 'Phạm Văn Cường' });
});
afterAll(async () => {
  await portal.close();
});

async function count(): Promise<number> {
  return (await portal.context.db.selectFrom('applications').select('id').execute()).length;
}

async function kioskToken(): Promise<string> {
  return (await call(portal.url, 'POST', '/api/v1/auth/kiosk', null, { kioskId: 'KIOSK-BIND', kioskKey: 'b'.repeat(43) })).body.token as string;
}

describe('applicant bound to the signed-in citizen', () => {
  it('refuses A naming B without a proxy record, in Vietnamese, storing nothing and leaving the key free', async () => {
    const before = await count();
    const key = crypto.randomUUID();
    for (const submitter of [undefined, { kind: 'self' as const }]) {
      const res = await submit(portal.url, a.token, applicationForm(khaiSinhApplication({ applicant: applicantB, submitter }), KHAI_SINH_FILES), key);
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('APPLICANT_NOT_SIGNED_IN');
      expect(res.body.error?.message).toContain('Tôi nộp hộ người khác (được ủy quyền)');
      expect(res.body.error?.message).not.toContain(cccd(702));
    }
    expect(await count()).toBe(before);
    // The refusal released the key: the same key with a proxy record goes through.
    const fixed = await submit(
      portal.url,
      a.token,
      applicationForm(khaiSinhApplication({ applicant: applicantB, submitter: { kind: 'proxy', relation: 'Con trai, theo giấy ủy quyền' } }), KHAI_SINH_FILES),
      key,
    );
    expect(fixed.status).toBe(201);
  });

  it('an empty proxy relation is refused with a Vietnamese message', async () => {
    const res = await submit(portal.url, a.token, applicationForm(khaiSinhApplication({ applicant: applicantB, submitter: { kind: 'proxy', relation: ' ' } }), KHAI_SINH_FILES));
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain('Vui lòng ghi quan hệ');
  });

  it('A for themselves is accepted', async () => {
    const res = await submit(portal.url, a.token, applicationForm(khaiSinhApplication({ applicant: { ...applicantB, citizenId: cccd(701) }, submitter: { kind: 'self' } }), KHAI_SINH_FILES));
    expect(res.status).toBe(201);
  });

  it('with a proxy: recorded, listed for A and B, full view for A and B only', async () => {
    const res = await submit(
      portal.url,
      a.token,
      applicationForm(khaiSinhApplication({ applicant: applicantB, submitter: { kind: 'proxy', relation: 'Chồng của người yêu cầu' } }), KHAI_SINH_FILES),
    );
    expect(res.status).toBe(201);
    const code = res.body.code as string;
    const row = await portal.context.db.selectFrom('applications').select(['submitted_by_account_id', 'owner_account_id', 'applicant_json']).where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.submitted_by_account_id).toBe(a.accountId);
    expect(row.owner_account_id).toBe(a.accountId);
    expect(JSON.parse(row.applicant_json)).toMatchObject({ citizenId: cccd(702), proxy: { relation: 'Chồng của người yêu cầu' } });

    for (const who of [a, b]) {
      const list = await call(portal.url, 'GET', '/api/v1/applications?mine=1', who.token);
      expect((list.body.items as { code: string }[]).map((i) => i.code)).toContain(code);
      expect((await call(portal.url, 'GET', `/api/v1/applications/${code}`, who.token)).body.view).toBe('full');
    }
    const list = await call(portal.url, 'GET', '/api/v1/applications?mine=1', c.token);
    expect((list.body.items as { code: string }[]).map((i) => i.code)).not.toContain(code);
    expect((await call(portal.url, 'GET', `/api/v1/applications/${code}`, c.token)).body.view).toBe('public');
  });

  it('a kiosk device is held to the CCCD the citizen signed in with, unless a proxy is recorded', async () => {
    const token = await kioskToken();
    const before = await count();
    const refused = await submit(portal.url, token, applicationForm(khaiSinhApplication({ applicant: applicantB, submitter: undefined, signedInCitizenId: cccd(701) }), KHAI_SINH_FILES));
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('APPLICANT_NOT_SIGNED_IN');
    expect(await count()).toBe(before);
    const self = await submit(portal.url, token, applicationForm(khaiSinhApplication({ applicant: applicantB, submitter: { kind: 'self' }, signedInCitizenId: cccd(702) }), KHAI_SINH_FILES));
    expect(self.status).toBe(201);
    const proxy = await submit(
      portal.url,
      token,
      applicationForm(khaiSinhApplication({ applicant: applicantB, submitter: { kind: 'proxy', relation: 'Mẹ của người yêu cầu' }, signedInCitizenId: cccd(701) }), KHAI_SINH_FILES),
    );
    expect(proxy.status).toBe(201);
    // The proxy who signed in at the kiosk owns what they handed in, and sees it in full.
    const code = proxy.body.code as string;
    const row = await portal.context.db.selectFrom('applications').select('owner_account_id').where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.owner_account_id).toBe(a.accountId);
    expect((await call(portal.url, 'GET', `/api/v1/applications/${code}`, a.token)).body.view).toBe('full');
    expect((await call(portal.url, 'GET', `/api/v1/applications/${code}`, c.token)).body.view).toBe('public');
  });
});
