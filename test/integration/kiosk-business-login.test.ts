import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../src-main/config.js';
import { createHost, type Host } from '../../src-main/host.js';
import { BlobStore } from '../../src-main/store/blob-store.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import type { CallResult } from '../../src-shared/kiosk-api.js';
import pkcs11js from 'pkcs11js';
import { deviceToKioskError } from '../../src-main/api/device-handlers.js';
import { toKioskError } from '../../src-main/api/portal-errors.js';
import { PortalCallError } from '../../src-main/portal/portal-error.js';
import { DeviceError, pinIncorrectError } from '../../src-main/devices/device-errors.js';
import { CK, Pkcs11Signer } from '../../src-main/devices/pkcs11-signer.js';
import { parseTokenTable } from '../../src-main/devices/token-models.js';
import { TokenService } from '../../src-main/devices/token-service.js';
import { DevBusinessCertificateSchema } from '../../src-shared/portal-auth-api.js';
import { createSoftHsm, initToken, SOFTHSM_LIBRARY, softHsmGate, writeTokenObjects, type SoftHsmHandle } from '../support/devices-softhsm.js';
import { startTestPortal } from '../support/portal.js';
import { wizardCaptcha } from '../support/host-session.js';
import { describeWithService } from '../support/service-gate.js';

/**
 * Business login and the signed declaration through the kiosk host, as the
 * UI calls them: a SoftHSM2 token holding the certificate the portal's
 * training CA issued to the demo business, the real reference portal.
 */

const TAX_CODE = '4300123458';
const LABEL = 'SONG-TRA';
const PIN = '123456';
const SO_PIN = '87654321';
// "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh": its notice (with a prescribed template) is the declaration form.
const PROCEDURE = '2.000720.000.00.00.H48';
const DECLARATION_COMPONENT = 'thong-bao-thay-doi-hkd';
const repoRoot = path.resolve(import.meta.dirname, '../..');

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let hsm: SoftHsmHandle;
let host: Host;
let dataDir: string;
const logLines: string[] = [];

async function call<T>(name: string, input: unknown): Promise<T> {
  const r: CallResult = await host.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function failure(name: string, input: unknown) {
  const r = await host.dispatch(name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (e) {
    // pdfsig exits non-zero when the signer's CA is not in its NSS store; the report is still on stdout.
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

interface Cert {
  id: string;
  holder: string;
  organization: string | null;
  taxCode: string | null;
  issuer: string;
  validTo: string;
  validity: string;
}

const APPLICANT = {
  fullName: 'Trần Văn Sông',
  citizenId: '051085001234',
  phone: '0779000444',
  address: 'Số 5 đường Quang Trung, phường Cẩm Thành, tỉnh Quảng Ngãi',
};
const FIELDS = { householdBusinessCode: '43A8012345', changeType: 'dia_diem', newContent: 'Số 9 đường Lê Lợi, phường Cẩm Thành', changeEffectiveDate: '2026-07-01' };

describeWithService(softHsmGate, 'business login and signed declaration with a USB token (SoftHSM2)', () => {
  beforeAll(async () => {
    portal = await startTestPortal();
    const res = await fetch(`${portal.url}/api/v1/dev/business-certificate?taxCode=${TAX_CODE}`);
    const demo = DevBusinessCertificateSchema.parse(await res.json());
    hsm = createSoftHsm();
    initToken(LABEL, PIN, SO_PIN);
    writeTokenObjects(LABEL, PIN, [
      { id: '01', label: demo.companyName, certificatePem: demo.certificatePem, privateKey: crypto.createPrivateKey(demo.privateKeyPem) },
      ...demo.chainPem.map((pem, i) => ({ id: `c${i}`, label: `CA ${i}`, certificatePem: pem })),
    ]);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-business-'));
    host = await createHost(
      KioskConfigSchema.parse({ portalUrl: portal.url, dataDir, training: true, pkcs11Library: SOFTHSM_LIBRARY }),
      { shell: 'browser', log: (line) => logLines.push(line) },
    );
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await portal?.close();
    hsm?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the token is there', async () => {
    expect(await call('devices.state', {})).toEqual({ token: { present: true, model: null, message: 'Đã nhận thiết bị ký số' } });
  });

  it('lists the business certificate with holder, company, MST, issuer and validity', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ taxCode: TAX_CODE, validity: 'valid' });
    expect(items[0]?.holder).toContain('SÔNG TRÀ');
    expect(items[0]?.issuer).toMatch(/\S/);
    expect(new Date(items[0]?.validTo ?? 0).getTime()).toBeGreaterThan(Date.now());
    // Public data only: no PEM, no slot, nothing to sign with.
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['holder', 'id', 'issuer', 'organization', 'taxCode', 'validFrom', 'validTo', 'validity']);
  });

  it('refuses a wrong PIN with PIN_WRONG and a warning about the tries, and stays signed out', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    const error = await failure('business.login', { certId: items[0]?.id, pin: '000000' });
    expect(error.code).toBe('PIN_WRONG');
    expect(error.message).toMatch(/^Mã PIN không đúng\. Vui lòng nhập lại\./);
    // SoftHSM2 raises "count low" after a wrong PIN: the message passes that on.
    expect(error.message).toMatch(/còn ít lần thử trước khi bị khóa|sẽ bị khóa/);
    expect(error.message).not.toContain('000000');
    expect(await call('auth.state', {})).toMatchObject({ citizen: null });
  });

  it('refuses a PIN that is not 4–16 digits before touching the token', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    const error = await failure('business.login', { certId: items[0]?.id, pin: '12a4' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('Mã PIN gồm 4 đến 16 chữ số.');
    expect(error.message).not.toContain('12a4');
  });

  it('refuses to sign a declaration before a business signed in', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    const error = await failure('business.signDeclaration', { procedureCode: PROCEDURE, certId: items[0]?.id, pin: PIN, applicant: APPLICANT, fields: FIELDS });
    expect(error.code).toBe('SIGN_IN_REQUIRED');
  });

  it('signs the portal challenge with the right PIN and signs in as the business', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    const signedIn = await call<{ citizen: { role: string; taxCode?: string; displayName: string } | null }>('business.login', { certId: items[0]?.id, pin: PIN });
    expect(signedIn.citizen).toMatchObject({ role: 'business', taxCode: TAX_CODE });
    expect(signedIn.citizen?.displayName).toContain('SÔNG TRÀ');
    expect(await call('auth.state', {})).toMatchObject({ citizen: { role: 'business', taxCode: TAX_CODE } });
    // The PIN is in no log line.
    expect(logLines.join('\n')).not.toContain(PIN);
  });

  it('signs the declaration form: a PAdES PDF pdfsig reports valid, kept as the declaration component', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    const ref = await call<{ componentId: string; fileName: string; mime: string; size: number; sha256: string }>('business.signDeclaration', {
      procedureCode: PROCEDURE,
      certId: items[0]?.id,
      pin: PIN,
      applicant: APPLICANT,
      fields: FIELDS,
    });
    expect(ref).toMatchObject({ componentId: DECLARATION_COMPONENT, fileName: 'to-khai-da-ky-so.pdf', mime: 'application/pdf' });
    const blobs = new BlobStore(path.join(dataDir, 'blobs'), CryptoBox.fromKeyFile(path.join(dataDir, 'keys', 'data.key')));
    const bytes = blobs.get(ref.sha256);
    expect(bytes.length).toBe(ref.size);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
    const dir = path.join(repoRoot, 'test-results', 'signed');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'declaration-signed.pdf');
    fs.writeFileSync(file, bytes);
    const report = pdfsig(file);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    expect(report).toContain(TAX_CODE.slice(0, 4));

    // The signed form goes with the application like any attached file, and reaches the portal byte for byte.
    const view = await call<{ localId: string }>('submissions.submit', {
      procedureCode: PROCEDURE,
      applicant: APPLICANT,
      fields: FIELDS,
      attachments: [ref],
      declarationAccepted: true,
      ...(await wizardCaptcha(host)),
    });
    let official: string | null = null;
    await expect
      .poll(
        async () => {
          official = (await call<{ officialCode: string | null }>('submissions.get', { localId: view.localId })).officialCode;
          return official;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/H48-\d{6}-\d{4}$/);
    const stored = await portal.context.db
      .selectFrom('application_attachments')
      .innerJoin('applications', 'applications.id', 'application_attachments.application_id')
      .select(['application_attachments.sha256', 'application_attachments.component_id'])
      .where('applications.code', '=', official as unknown as string)
      .execute();
    expect(stored).toEqual([{ sha256: ref.sha256, component_id: DECLARATION_COMPONENT }]);
  });

  it('a wrong PIN on the declaration is PIN_WRONG and nothing is kept', async () => {
    const { items } = await call<{ items: Cert[] }>('business.certificates', {});
    const before = fs.readdirSync(path.join(dataDir, 'blobs'), { recursive: true }).length;
    const error = await failure('business.signDeclaration', { procedureCode: PROCEDURE, certId: items[0]?.id, pin: '999999', applicant: APPLICANT, fields: FIELDS });
    expect(error.code).toBe('PIN_WRONG');
    expect(fs.readdirSync(path.join(dataDir, 'blobs'), { recursive: true }).length).toBe(before);
  });

  it('tells the UI when the token goes away and comes back (device.token events, TOKEN_NOT_PRESENT)', async () => {
    // SoftHSM2 cannot be unplugged: its slot list is hidden the way an empty USB port answers.
    let pulled = false;
    const real = new pkcs11js.PKCS11();
    real.load(SOFTHSM_LIBRARY);
    try {
      real.C_Initialize();
    } catch (e) {
      if ((e as { code?: number }).code !== CK.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw e;
    }
    const api = new Proxy(real, {
      get(target, name: keyof pkcs11js.PKCS11) {
        if (name === 'C_GetSlotList') return (present: boolean) => (pulled ? [] : target.C_GetSlotList(present));
        const v = target[name];
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const seen: { present: boolean; model: string | null }[] = [];
    const service = await TokenService.start({
      library: SOFTHSM_LIBRARY,
      table: parseTokenTable({ version: 1, models: [] }),
      watcher: () => Promise.resolve(null),
      openSigner: () => Promise.resolve(new Pkcs11Signer(api)),
      probeIntervalMs: 1000,
    });
    service.onChange((s) => seen.push(s));
    try {
      expect(service.state()).toEqual({ present: true, model: null, message: 'Đã nhận thiết bị ký số' });
      pulled = true;
      await expect.poll(() => service.state().present, { timeout: 10_000, interval: 200 }).toBe(false);
      expect(service.state().message).toBe('Chưa cắm thiết bị ký số');
      await expect(service.certificates()).rejects.toMatchObject({ code: 'TOKEN_NOT_PRESENT' });
      pulled = false;
      await expect.poll(() => service.state().present, { timeout: 10_000, interval: 200 }).toBe(true);
      expect(seen).toEqual([
        { present: false, model: null },
        { present: true, model: null },
      ]);
      expect((await service.certificates())[0]?.taxCode).toBe(TAX_CODE);
    } finally {
      service.close();
    }
  });

  it('maps the token’s wrong-PIN count and other failures to kiosk errors', () => {
    expect(deviceToKioskError(pinIncorrectError(1)).message).toContain('Đây là lần thử cuối cùng');
    expect(deviceToKioskError(pinIncorrectError(3))).toMatchObject({ code: 'PIN_WRONG', message: 'Mã PIN không đúng. Vui lòng nhập lại. Còn 3 lần thử.' });
    // What the UI words in the language on screen.
    expect(deviceToKioskError(pinIncorrectError(3)).toBody()).toMatchObject({ detail: 'TOKEN_PIN_WRONG_TRIES', params: { triesLeft: 3 } });
    expect(deviceToKioskError(pinIncorrectError(undefined)).toBody()).toMatchObject({ detail: 'TOKEN_PIN_WRONG_UNKNOWN_TRIES' });
    expect(deviceToKioskError(new DeviceError('PIN_LOCKED')).code).toBe('PIN_LOCKED');
    expect(deviceToKioskError(new DeviceError('TOKEN_REMOVED')).code).toBe('TOKEN_REMOVED');
    expect(deviceToKioskError(new DeviceError('CERT_EXPIRED')).code).toBe('CERT_EXPIRED');
    // A portal refusal during the login is the gateway's error, through the one mapping.
    expect(toKioskError(new PortalCallError('rejected', 400, 'CERT_REVOKED', 'Chứng thư số bị thu hồi.')).toBody()).toEqual({
      code: 'PORTAL_REFUSED',
      message: 'Chứng thư số bị thu hồi.',
      reason: 'CERT_REVOKED',
    });
  });
});
