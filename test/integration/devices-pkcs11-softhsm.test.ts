import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pkcs11js from 'pkcs11js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginWithCertificate } from '../../src-main/devices/cert-login.js';
import { DeviceError } from '../../src-main/devices/device-errors.js';
import { signPdf } from '../../src-main/devices/pdf-signing.js';
import { renderSummaryPdf } from '../../src-main/documents/summary-pdf.js';
import { CK, openPkcs11Signer, Pkcs11Signer, type Pkcs11Api } from '../../src-main/devices/pkcs11-signer.js';
import type { CertInfo } from '../../src-main/devices/signer.js';
import { HttpPortalClient } from '../../src-main/portal/portal-client.js';
import { PortalCallError } from '../../src-main/portal/portal-error.js';
import { createSoftHsm, initToken, SOFTHSM_LIBRARY, softHsmGate, writeTokenObjects, type SoftHsmHandle } from '../support/devices-softhsm.js';
import { startTestPortal } from '../support/portal.js';
import { describeWithService } from '../support/service-gate.js';
import { issueBusinessCert, makeIntermediateCa, makeRootCa, UID, type TestCa } from '../support/test-ca.js';

/**
 * The PKCS#11 signer against a real SoftHSM2 token: certificates a test
 * CA issued (RSA and ECDSA, with the MST in the subject the ways
 * Vietnamese CAs write it), login to a real portal, PIN handling, a
 * token pulled mid-signature, and a PAdES signature checked by pdfsig.
 */

const LABEL = 'DN-THIEN-AN';
const PIN = '246810';
const SO_PIN = '13579135';
const DAY = 86_400_000;
const repoRoot = path.resolve(import.meta.dirname, '../..');

let hsm: SoftHsmHandle;
let root: TestCa;
let signer: Pkcs11Signer;
let certs: CertInfo[];

function byTaxCode(taxCode: string): CertInfo {
  const found = certs.find((c) => c.taxCode === taxCode && c.validity === 'valid');
  if (!found) throw new Error(`no valid certificate with MST ${taxCode}`);
  return found;
}

async function rejection(p: Promise<unknown>): Promise<DeviceError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DeviceError)) throw new Error(`expected a DeviceError, got ${String(e)}`);
  return e;
}

/** Loads SoftHSM a second time in-process (it is already initialised: shared, never finalised). */
function rawModule(): pkcs11js.PKCS11 {
  const mod = new pkcs11js.PKCS11();
  mod.load(SOFTHSM_LIBRARY);
  try {
    mod.C_Initialize();
  } catch (e) {
    if ((e as { code?: number }).code !== CK.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw e;
  }
  return mod;
}

const API_CALLS = [
  'C_GetSlotList', 'C_GetTokenInfo', 'C_OpenSession', 'C_CloseSession', 'C_Login', 'C_Logout', 'C_FindObjectsInit',
  'C_FindObjects', 'C_FindObjectsFinal', 'C_GetAttributeValue', 'C_SignInit', 'C_Sign',
] as const;

/** The real SoftHSM2 calls, some replaced: how the tests put a card's behaviour or a pulled USB plug in front of SoftHSM2. */
function around(real: pkcs11js.PKCS11, overrides: Partial<Pkcs11Api>): Pkcs11Api {
  const api = Object.fromEntries(API_CALLS.map((name) => [name, (real[name] as (...a: unknown[]) => unknown).bind(real)]));
  return { ...api, ...overrides } as Pkcs11Api;
}

beforeAll(async () => {
  hsm = createSoftHsm();
  initToken(LABEL, PIN, SO_PIN);
  root = await makeRootCa('Test Root CA Quảng Ngãi');
  const issuing = await makeIntermediateCa(root, 'Test Issuing CA');
  const rsa = await issueBusinessCert(issuing, [
    { C: ['VN'] },
    { ST: ['Quảng Ngãi'] },
    { O: ['CÔNG TY TNHH THƯƠNG MẠI THIỆN AN'] },
    { CN: ['CÔNG TY TNHH THƯƠNG MẠI THIỆN AN'] },
    { [UID]: ['MST:4300987659'] },
  ]);
  const ec = await issueBusinessCert(
    issuing,
    [{ C: ['VN'] }, { OU: ['MST: 4302007778'] }, { CN: ['HỘ KINH DOANH LÊ THỊ HỒNG NHUNG'] }],
    { kind: 'EC' },
  );
  const expired = await issueBusinessCert(
    issuing,
    [{ C: ['VN'] }, { CN: ['CÔNG TY CỔ PHẦN SA HUỲNH'] }, { [UID]: ['MST:4300123458'] }],
    { notBefore: new Date(Date.now() - 3 * 365 * DAY), notAfter: new Date(Date.now() - DAY) },
  );
  const future = await issueBusinessCert(
    issuing,
    [{ C: ['VN'] }, { CN: ['CÔNG TY TNHH DUNG QUẤT'] }, { [UID]: ['MST:4300123458'] }],
    { notBefore: new Date(Date.now() + 30 * DAY), notAfter: new Date(Date.now() + 400 * DAY) },
  );
  writeTokenObjects(LABEL, PIN, [
    { id: '01', label: 'Thiện An', certificatePem: rsa.pem, privateKey: rsa.privateKey },
    { id: '02', label: 'Hồng Nhung', certificatePem: ec.pem, privateKey: ec.privateKey },
    { id: '03', label: 'Sa Huỳnh (hết hạn)', certificatePem: expired.pem, privateKey: expired.privateKey },
    { id: '04', label: 'Dung Quất (chưa hiệu lực)', certificatePem: future.pem, privateKey: future.privateKey },
    { id: 'ca', label: 'Test Issuing CA', certificatePem: issuing.pem },
  ]);
  signer = await openPkcs11Signer(SOFTHSM_LIBRARY);
  certs = await signer.listCertificates();
}, 60_000);

afterAll(() => {
  signer?.close();
  hsm?.cleanup();
});

describeWithService(softHsmGate, 'PKCS#11 signer on SoftHSM2', () => {
  it('lists the business certificates with holder, MST, issuer, validity and token label (not the CA certificate)', () => {
    expect(certs).toHaveLength(4);
    const rsa = byTaxCode('4300987659');
    expect(rsa).toMatchObject({
      holder: 'CÔNG TY TNHH THƯƠNG MẠI THIỆN AN',
      organization: 'CÔNG TY TNHH THƯƠNG MẠI THIỆN AN',
      issuer: 'Test Issuing CA',
      keyAlgorithm: 'RSA',
      tokenLabel: LABEL,
      validity: 'valid',
    });
    expect(byTaxCode('4302007778')).toMatchObject({ holder: 'HỘ KINH DOANH LÊ THỊ HỒNG NHUNG', keyAlgorithm: 'EC', organization: null });
    expect(certs.map((c) => c.validity).sort()).toEqual(['expired', 'not-yet-valid', 'valid', 'valid']);
    expect(certs.some((c) => c.issuer === 'Test Root CA Quảng Ngãi')).toBe(false);
  });

  it.each([
    ['RSA', '4300987659'],
    ['ECDSA', '4302007778'],
  ])('signs data with the %s key; the signature verifies against the certificate and the chain comes from the token', async (_alg, mst) => {
    const data = crypto.randomBytes(48);
    const out = await signer.sign(byTaxCode(mst).id, data, PIN);
    const cert = new crypto.X509Certificate(out.certificatePem);
    const ok =
      out.algorithm === 'RSA-SHA256'
        ? crypto.verify('sha256', data, cert.publicKey, out.signature)
        : crypto.verify('sha256', data, { key: cert.publicKey, dsaEncoding: 'der' }, out.signature);
    expect(ok).toBe(true);
    expect(out.chainPem).toHaveLength(1);
    expect(new crypto.X509Certificate(out.chainPem[0] ?? '').subject).toContain('CN=Test Issuing CA');
  });

  it('logs in to the reference portal as the business (RSA and ECDSA certificates)', async () => {
    const portal = await startTestPortal({ trustedCaPems: [root.pem] });
    try {
      const client = new HttpPortalClient(portal.url);
      const session = await loginWithCertificate(client, signer, byTaxCode('4300987659').id, PIN);
      expect(session.account).toMatchObject({ role: 'business', taxCode: '4300987659' });
      expect(session.token.length).toBeGreaterThan(10);
      const me = await fetch(`${portal.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${session.token}` } });
      expect(me.status).toBe(200);
      const ec = await loginWithCertificate(client, signer, byTaxCode('4302007778').id, PIN);
      expect(ec.account).toMatchObject({ role: 'business', taxCode: '4302007778' });
    } finally {
      await portal.close();
    }
  });

  it('a portal that does not trust the CA refuses the login with its Vietnamese message', async () => {
    const portal = await startTestPortal({ trustedCaPems: [] });
    try {
      // The portal's refusal comes through the gateway's one error type.
      const e: unknown = await loginWithCertificate(new HttpPortalClient(portal.url), signer, byTaxCode('4300987659').id, PIN).then(
        () => null,
        (err: unknown) => err,
      );
      if (!(e instanceof PortalCallError)) throw new Error(`expected a PortalCallError, got ${String(e)}`);
      expect(e.kind).toBe('rejected');
      expect(e.portalCode).toBe('CERT_UNTRUSTED');
      expect(e.message).toMatch(/chứng thực/);
    } finally {
      await portal.close();
    }
  });

  it('wrong PIN: SoftHSM2 answers CKR_PIN_INCORRECT and raises "count low", shown as few tries left; the right PIN still works', async () => {
    const id = byTaxCode('4300987659').id;
    const e = await rejection(signer.sign(id, Buffer.from('x'), '000000'));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(e.details.triesLeft).toBe('few');
    expect(e.message).toContain('Mã PIN không đúng');
    expect(e.message).not.toContain('000000');
    const ok = await signer.sign(id, Buffer.from('x'), PIN);
    expect(ok.signature.length).toBe(256);
  });

  it('PIN lock: final try, then locked, then refused before the PIN is even tried (SoftHSM2 behind a card-style retry counter)', async () => {
    // SoftHSM2 2.6 never locks a user PIN (it only sets CKF_USER_PIN_COUNT_LOW).
    // Real tokens count down (ePass2003, eToken: usually 10 or 15 tries) and
    // report FINAL_TRY then CKR_PIN_LOCKED. This wrapper adds exactly that
    // counter in front of the real SoftHSM2 calls.
    const real = rawModule();
    let wrong = 0;
    let logins = 0;
    const MAX = 3;
    const flagsNow = () => (wrong >= MAX ? CK.CKF_USER_PIN_LOCKED : wrong === MAX - 1 ? CK.CKF_USER_PIN_FINAL_TRY : wrong > 0 ? CK.CKF_USER_PIN_COUNT_LOW : 0);
    const card = around(real, {
      C_GetTokenInfo: (slot: Buffer) => ({ ...real.C_GetTokenInfo(slot), flags: real.C_GetTokenInfo(slot).flags | flagsNow() }),
      C_Login: (session: Buffer, userType: number, pin?: string) => {
        logins++;
        if (wrong >= MAX) throw Object.assign(new Error('CKR_PIN_LOCKED'), { code: CK.CKR_PIN_LOCKED });
        try {
          real.C_Login(session, userType, pin);
        } catch (e) {
          wrong++;
          if (wrong >= MAX) throw Object.assign(new Error('CKR_PIN_LOCKED'), { code: CK.CKR_PIN_LOCKED });
          throw e;
        }
      },
    });
    const locked = new Pkcs11Signer(card);
    const id = byTaxCode('4300987659').id;
    const first = await rejection(locked.sign(id, Buffer.from('x'), '111111'));
    expect(first.code).toBe('PIN_INCORRECT');
    const second = await rejection(locked.sign(id, Buffer.from('x'), '222222'));
    expect(second).toMatchObject({ code: 'PIN_INCORRECT', details: { triesLeft: 1 } });
    expect(second.message).toContain('lần thử cuối cùng');
    const third = await rejection(locked.sign(id, Buffer.from('x'), '333333'));
    expect(third.code).toBe('PIN_LOCKED');
    expect(third.message).toContain('đã bị khóa');
    const loginsBefore = logins;
    const after = await rejection(locked.sign(id, Buffer.from('x'), PIN));
    expect(after.code).toBe('PIN_LOCKED');
    expect(logins).toBe(loginsBefore);
  });

  it.each([
    ['expired', 'CERT_EXPIRED', 'đã hết hạn'],
    ['not-yet-valid', 'CERT_NOT_YET_VALID', 'chưa đến ngày có hiệu lực'],
  ] as const)('refuses a %s certificate before asking the token for anything', async (validity, code, text) => {
    const real = rawModule();
    let logins = 0;
    const counting = around(real, {
      C_Login: (...args: Parameters<pkcs11js.PKCS11['C_Login']>) => {
        logins++;
        real.C_Login(...args);
      },
    });
    const cert = certs.find((c) => c.validity === validity);
    if (!cert) throw new Error(`no ${validity} certificate`);
    const e = await rejection(new Pkcs11Signer(counting).sign(cert.id, Buffer.from('x'), PIN));
    expect(e.code).toBe(code);
    expect(e.message).toContain(text);
    expect(logins).toBe(0);
  });

  it('token pulled out between C_SignInit and C_Sign: TOKEN_REMOVED, no signature, the signer keeps working', async () => {
    const real = rawModule();
    let pulled = false;
    const yanking = around(real, {
      C_SignInit: (session: Buffer, mechanism: pkcs11js.Mechanism, key: Buffer) => {
        real.C_SignInit(session, mechanism, key);
        // What the library does when the USB device disappears: every session on the slot is gone.
        for (const slot of real.C_GetSlotList(true)) real.C_CloseAllSessions(slot);
        pulled = true;
      },
    });
    const e = await rejection(new Pkcs11Signer(yanking).sign(byTaxCode('4300987659').id, Buffer.from('x'), PIN));
    expect(pulled).toBe(true);
    expect(e.code).toBe('TOKEN_REMOVED');
    expect(e.message).toContain('Chưa có gì được ký');
    const again = await signer.sign(byTaxCode('4300987659').id, Buffer.from('x'), PIN);
    expect(again.signature.length).toBe(256);
  });

  it('unknown certificate id and malformed PINs are refused with their own codes', async () => {
    expect((await rejection(signer.sign('00'.repeat(32), Buffer.from('x'), PIN))).code).toBe('CERT_NOT_FOUND');
    expect((await rejection(signer.sign(byTaxCode('4300987659').id, Buffer.from('x'), '12'))).code).toBe('PIN_FORMAT');
    expect((await rejection(signer.sign(byTaxCode('4300987659').id, Buffer.from('x'), '1234 56'))).code).toBe('PIN_FORMAT');
  });

  it('a missing or non-PKCS#11 library is "driver not found"', async () => {
    expect((await rejection(openPkcs11Signer('/usr/lib/khong-co/libvnpt-ca.so'))).code).toBe('PKCS11_LIBRARY_NOT_FOUND');
    const notALibrary = path.join(hsm.dir, 'fake-pkcs11.so');
    fs.writeFileSync(notALibrary, 'not an ELF file');
    expect((await rejection(openPkcs11Signer(notALibrary))).code).toBe('PKCS11_LIBRARY_NOT_FOUND');
  });
});

describeWithService(softHsmGate, 'PAdES signature of the summary PDF with the SoftHSM2 token', () => {
  /** The application summary as the kiosk prints it (src-main/documents/summary-pdf.ts). */
  function realSummary(): Promise<Uint8Array> {
    return renderSummaryPdf({
      reference: { label: 'Mã hồ sơ', value: '000.00.53.H48-260302-0007' },
      procedure: { code: '1.001612.000.00.00.H48', name: 'Đăng ký thành lập hộ kinh doanh' },
      agency: { name: 'UBND huyện Bình Sơn' },
      applicant: {
        fullName: 'Nguyễn Văn Hùng',
        citizenId: '051090012345',
        phone: '0912000111',
        address: 'Thôn An Hội Bắc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi',
      },
      fields: [
        { label: 'Tên doanh nghiệp', value: 'CÔNG TY TNHH THƯƠNG MẠI THIỆN AN' },
        { label: 'Mã số thuế', value: '4300987659' },
      ],
      attachments: [{ componentName: 'Giấy đề nghị đăng ký hộ kinh doanh', fileName: 'giay-de-nghi.pdf', size: 120_345, sha256: 'ab'.repeat(32) }],
      declaredAt: '2026-03-02T09:15:00+07:00',
    });
  }

  /** A plain pdf-lib PDF, a second kind of input. */
  async function summaryPdf(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText('Ho so de nghi - ban tom tat (test)', { x: 50, y: 780, size: 16, font });
    page.drawText('Ma so thue: 4300987659', { x: 50, y: 750, size: 12, font });
    return doc.save();
  }

  function pdfsig(file: string): string {
    try {
      return execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (e) {
      // pdfsig exits non-zero when the signer's CA is not in its NSS store; its report is still on stdout.
      return String((e as { stdout?: string }).stdout ?? '');
    }
  }

  it.each([
    ['RSA, the kiosk’s real summary PDF', '4300987659', 'summary-signed.pdf', realSummary],
    ['ECDSA, a plain pdf-lib PDF', '4302007778', 'summary-signed-ecdsa.pdf', summaryPdf],
  ])('%s: pdfsig reports a valid signature over the total document', async (_what, mst, name, makePdf) => {
    const signed = await signPdf(await makePdf(), signer, {
      certId: byTaxCode(mst).id,
      pin: PIN,
      reason: 'Ký hồ sơ đề nghị',
      location: 'Quảng Ngãi',
    });
    const dir = path.join(repoRoot, 'test-results', 'signed');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    fs.writeFileSync(file, signed);
    const report = pdfsig(file);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    expect(report).toMatch(/ETSI\.CAdES\.detached|PAdES/);
  });

  it('a wrong PIN leaves no signed output', async () => {
    const e = await rejection(signPdf(await summaryPdf(), signer, { certId: byTaxCode('4300987659').id, pin: '999999', reason: 'x' }));
    expect(e.code).toBe('PIN_INCORRECT');
  });

  it('an expired certificate is refused before the PDF is touched', async () => {
    const expired = certs.find((c) => c.validity === 'expired');
    const e = await rejection(signPdf(new Uint8Array([1, 2, 3]), signer, { certId: expired?.id ?? '', pin: PIN, reason: 'x' }));
    expect(e.code).toBe('CERT_EXPIRED');
  });
});
