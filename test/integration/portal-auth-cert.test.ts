import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertChallengeResponseSchema, DevBusinessCertificateSchema, SessionResponseSchema } from '../../src-shared/portal-auth-api.js';
import type { CertAlgorithm } from '../../src-shared/portal-auth-api.js';
import { createBusinessAccount } from '../../src-portal/auth/accounts.js';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { startTestPortal } from '../support/portal.js';
import { call, errorCode, type HttpAnswer } from '../support/portal-auth.js';
import crypto from 'node:crypto';
import {
  issueBusinessCert,
  makeIntermediateCa,
  makeRootCa,
  signNonce,
  UID,
  type SubjectRdns,
  type TestCa,
  type TestLeaf,
} from '../support/test-ca.js';

const DAY = 86_400_000;
/** Real-shaped MSTs with a correct check digit (fictional companies). */
const MST = '0100109106';
const BRANCH_MST = '0100109106-001';
const company = (mst: string): SubjectRdns => [
  { C: ['VN'] },
  { ST: ['Quảng Ngãi'] },
  { O: ['CÔNG TY CỔ PHẦN THỬ NGHIỆM'] },
  { CN: ['CÔNG TY CỔ PHẦN THỬ NGHIỆM'] },
  { [UID]: [`MST:${mst}`] },
];

let root: TestCa;
let intermediate: TestCa;
let otherCa: TestCa;
let portal: Awaited<ReturnType<typeof startTestPortal>>;

beforeAll(async () => {
  root = await makeRootCa('CA THỬ NGHIỆM GỐC', { kind: 'RSA' });
  intermediate = await makeIntermediateCa(root, 'CA THỬ NGHIỆM CẤP 2');
  otherCa = await makeRootCa('CA LẠ');
  portal = await startTestPortal({ trustedCaPems: [root.pem] });
});
afterAll(async () => {
  await portal.close();
});

async function certLogin(
  baseUrl: string,
  leaf: TestLeaf,
  options: { chainPem?: string[]; tamper?: boolean; algorithm?: CertAlgorithm; encoding?: 'der' | 'ieee-p1363' } = {},
): Promise<HttpAnswer> {
  const ch = await call(baseUrl, 'POST', '/api/v1/auth/cert/challenge');
  expect(ch.status).toBe(200);
  const { challengeId, nonce } = CertChallengeResponseSchema.parse(ch.body);
  // A bad signature: the right key over other bytes.
  const signed = options.tamper ? crypto.randomBytes(32).toString('base64') : nonce;
  return call(baseUrl, 'POST', '/api/v1/auth/cert/verify', {
    body: {
      challengeId,
      certificatePem: leaf.pem,
      ...(options.chainPem ? { chainPem: options.chainPem } : {}),
      signature: signNonce(signed, leaf.privateKey, options.encoding),
      algorithm: options.algorithm ?? (leaf.kind === 'RSA' ? 'RSA-SHA256' : 'ECDSA-SHA256'),
    },
  });
}

describe('business login with a signing certificate', () => {
  it('logs in with an RSA certificate from a trusted CA and opens the business account', async () => {
    const leaf = await issueBusinessCert(root, company(MST));
    const res = await certLogin(portal.url, leaf);
    expect(res.status).toBe(200);
    const session = SessionResponseSchema.parse(res.body);
    expect(session.account).toMatchObject({ role: 'business', taxCode: MST, displayName: 'CÔNG TY CỔ PHẦN THỬ NGHIỆM' });
    const me = await call(portal.url, 'GET', '/api/v1/auth/me', { token: session.token });
    expect(me.status).toBe(200);
  });

  it('follows an intermediate CA given in chainPem (ECDSA, DER and raw r||s signatures)', async () => {
    const leaf = await issueBusinessCert(intermediate, company(BRANCH_MST), { kind: 'EC' });
    const der = await certLogin(portal.url, leaf, { chainPem: [intermediate.pem] });
    expect(der.status).toBe(200);
    expect(SessionResponseSchema.parse(der.body).account.taxCode).toBe(BRANCH_MST);
    const raw = await certLogin(portal.url, leaf, { chainPem: [intermediate.pem], encoding: 'ieee-p1363' });
    expect(raw.status).toBe(200);
    const missingChain = await certLogin(portal.url, leaf);
    expect(errorCode(missingChain)).toBe('CERT_UNTRUSTED');
  });

  it('finds the MST in OU or CN as older certificates carry it', async () => {
    const inOu = await issueBusinessCert(root, [{ C: ['VN'] }, { OU: ['MST: 0100109106'] }, { CN: ['CÔNG TY A'] }], { kind: 'EC' });
    expect((await certLogin(portal.url, inOu)).status).toBe(200);
    const inCn = await issueBusinessCert(root, [{ C: ['VN'] }, { CN: ['CÔNG TY A - MST 0100109106'] }], { kind: 'EC' });
    expect((await certLogin(portal.url, inCn)).status).toBe(200);
  });

  it('uses the demo business certificate of the training CA', async () => {
    const demo = DEMO_ACCOUNTS.businesses[0];
    const res = await call(portal.url, 'GET', '/api/v1/dev/business-certificate');
    const issued = DevBusinessCertificateSchema.parse(res.body);
    expect(issued.taxCode).toBe(demo?.taxCode);
    const leaf: TestLeaf = { pem: issued.certificatePem, privateKey: crypto.createPrivateKey(issued.privateKeyPem), kind: 'EC' };
    const login = await certLogin(portal.url, leaf);
    expect(login.status).toBe(200);
    expect(SessionResponseSchema.parse(login.body).account).toMatchObject({ role: 'business', taxCode: demo?.taxCode, displayName: demo?.companyName });
  });
});

describe('certificates that are refused, each with its own answer', () => {
  it('a certificate from a CA that is not trusted', async () => {
    const res = await certLogin(portal.url, await issueBusinessCert(otherCa, company(MST), { kind: 'EC' }));
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('CERT_UNTRUSTED');
  });

  it('an expired certificate and one not yet valid', async () => {
    const now = Date.now();
    const expired = await issueBusinessCert(root, company(MST), { kind: 'EC', notBefore: new Date(now - 800 * DAY), notAfter: new Date(now - DAY) });
    expect(errorCode(await certLogin(portal.url, expired))).toBe('CERT_EXPIRED');
    const future = await issueBusinessCert(root, company(MST), { kind: 'EC', notBefore: new Date(now + DAY), notAfter: new Date(now + 800 * DAY) });
    expect(errorCode(await certLogin(portal.url, future))).toBe('CERT_NOT_YET_VALID');
  });

  it('a certificate without an MST (personal certificate) or with a wrong check digit', async () => {
    const personal = await issueBusinessCert(root, [{ C: ['VN'] }, { CN: ['NGUYỄN VĂN A'] }, { [UID]: ['CCCD:051085001234'] }], { kind: 'EC' });
    expect(errorCode(await certLogin(portal.url, personal))).toBe('CERT_NO_TAX_CODE');
    const badDigit = await issueBusinessCert(root, company('0100109107'), { kind: 'EC' });
    expect(errorCode(await certLogin(portal.url, badDigit))).toBe('CERT_NO_TAX_CODE');
  });

  it('a signature that does not match the nonce', async () => {
    const res = await certLogin(portal.url, await issueBusinessCert(root, company(MST)), { tamper: true });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('CERT_SIGNATURE_INVALID');
  });

  it('an algorithm that does not fit the key', async () => {
    const res = await certLogin(portal.url, await issueBusinessCert(root, company(MST)), { algorithm: 'ECDSA-SHA256' });
    expect(errorCode(res)).toBe('CERT_ALGORITHM_MISMATCH');
  });

  it('a CA certificate used as a login certificate', async () => {
    const leaf: TestLeaf = {
      pem: intermediate.pem,
      privateKey: crypto.createPrivateKey({ key: Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', intermediate.keys.privateKey)), format: 'der', type: 'pkcs8' }),
      kind: 'EC',
    };
    expect(errorCode(await certLogin(portal.url, leaf))).toBe('CERT_IS_CA');
  });

  it('a text that is not a certificate', async () => {
    const ch = CertChallengeResponseSchema.parse((await call(portal.url, 'POST', '/api/v1/auth/cert/challenge')).body);
    const res = await call(portal.url, 'POST', '/api/v1/auth/cert/verify', {
      body: {
        challengeId: ch.challengeId,
        certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
        signature: 'AAAA',
        algorithm: 'RSA-SHA256',
      },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('CERT_INVALID');
  });

  it('a replayed challenge', async () => {
    const leaf = await issueBusinessCert(root, company(MST), { kind: 'EC' });
    const ch = CertChallengeResponseSchema.parse((await call(portal.url, 'POST', '/api/v1/auth/cert/challenge')).body);
    const body = { challengeId: ch.challengeId, certificatePem: leaf.pem, signature: signNonce(ch.nonce, leaf.privateKey), algorithm: 'ECDSA-SHA256' };
    expect((await call(portal.url, 'POST', '/api/v1/auth/cert/verify', { body })).status).toBe(200);
    const replay = await call(portal.url, 'POST', '/api/v1/auth/cert/verify', { body });
    expect(replay.status).toBe(409);
    expect(errorCode(replay)).toBe('CERT_CHALLENGE_USED');
  });
});

describe('certificate login in production', () => {
  it('needs an existing business account and does not trust the training CA', async () => {
    const prod = await startTestPortal({ mode: 'production', trustedCaPems: [root.pem] });
    try {
      const leaf = await issueBusinessCert(root, company(MST), { kind: 'EC' });
      const unknown = await certLogin(prod.url, leaf);
      expect(unknown.status).toBe(403);
      expect(errorCode(unknown)).toBe('BUSINESS_ACCOUNT_NOT_FOUND');

      await createBusinessAccount(prod.context.db, { taxCode: MST, companyName: 'CÔNG TY CỔ PHẦN THỬ NGHIỆM' });
      expect((await certLogin(prod.url, leaf)).status).toBe(200);

      // A certificate of the training CA (from a training portal) means nothing here.
      const issued = DevBusinessCertificateSchema.parse((await call(portal.url, 'GET', '/api/v1/dev/business-certificate')).body);
      const demoLeaf: TestLeaf = { pem: issued.certificatePem, privateKey: crypto.createPrivateKey(issued.privateKeyPem), kind: 'EC' };
      expect(errorCode(await certLogin(prod.url, demoLeaf))).toBe('CERT_UNTRUSTED');
    } finally {
      await prod.close();
    }
  });
});
