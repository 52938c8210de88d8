import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithCertificate } from '../../src-main/devices/cert-login.js';
import { DeviceError } from '../../src-main/devices/device-errors.js';
import { signPdf } from '../../src-main/devices/pdf-signing.js';
import { RemoteSigner, type RemoteSignPortal } from '../../src-main/devices/remote-signer.js';
import { HttpPortalClient } from '../../src-main/portal/portal-client.js';
import { PortalCallError } from '../../src-main/portal/portal-error.js';
import { installErrorHandler } from '../../src-portal/http/errors.js';
import { registerRemoteSignRoutes } from '../../src-portal/remote-sign/routes.js';
import { DEMO_ACCOUNTS } from '../../src-portal/training/demo-accounts.js';
import { startTestPortal } from '../support/portal.js';

/**
 * The signing SIM through the portal's remote-sign endpoints in training
 * mode: the demo business's SIM signs the login challenge (the portal
 * approves by itself, as the simulated phone), a refusal on the "phone",
 * and a PDF signed with the SIM.
 *
 * The remote-sign routes are served next to the test portal (same
 * context and data dir) until the lead registers them in server.ts.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const business = DEMO_ACCOUNTS.businesses[0];
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let remoteApp: FastifyInstance;
let remoteUrl: string;

beforeAll(async () => {
  portal = await startTestPortal();
  remoteApp = Fastify();
  remoteApp.setValidatorCompiler(validatorCompiler);
  remoteApp.setSerializerCompiler(serializerCompiler);
  installErrorHandler(remoteApp);
  await registerRemoteSignRoutes(remoteApp, portal.context);
  remoteUrl = await remoteApp.listen({ host: '127.0.0.1', port: 0 });
}, 60_000);

afterAll(async () => {
  await remoteApp?.close();
  await portal?.close();
});

function simSigner(portalClient: RemoteSignPortal = new HttpPortalClient(remoteUrl), phone = business?.phone ?? ''): RemoteSigner {
  return new RemoteSigner(portalClient, { phone, description: 'Đăng nhập Cổng dịch vụ công', pollIntervalMs: 250, timeoutMs: 20_000 });
}

async function rejection(p: Promise<unknown>): Promise<DeviceError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DeviceError)) throw new Error(`expected a DeviceError, got ${String(e)}`);
  return e;
}

describe('signing SIM (remote signer) against the training portal', () => {
  it('lists the SIM certificate with the business MST', async () => {
    const certs = await simSigner().listCertificates();
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ taxCode: business?.taxCode, tokenLabel: 'SIM ký số', slotId: 'remote', validity: 'valid', keyAlgorithm: 'EC' });
  });

  it('logs the business in once the (simulated) phone confirms', async () => {
    const signer = simSigner();
    const [cert] = await signer.listCertificates();
    const session = await loginWithCertificate(new HttpPortalClient(portal.url), signer, cert?.id ?? '', '');
    expect(session.account).toMatchObject({ role: 'business', taxCode: business?.taxCode });
  });

  it('a refusal on the phone is REMOTE_SIGN_REJECTED', async () => {
    const http = new HttpPortalClient(remoteUrl);
    const refusingPhone: RemoteSignPortal = {
      remoteSignCertificates: (phone) => http.remoteSignCertificates(phone),
      remoteSignOutcome: (id) => http.remoteSignOutcome(id),
      async remoteSignRequest(body) {
        const created = await http.remoteSignRequest(body);
        const res = await fetch(`${remoteUrl}/api/v1/dev/remote-sign/requests/${created.requestId}/decision`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ approve: false }),
        });
        expect(res.status).toBe(200);
        return created;
      },
    };
    const signer = simSigner(refusingPhone);
    const [cert] = await signer.listCertificates();
    const e = await rejection(signer.sign(cert?.id ?? '', Buffer.from('x')));
    expect(e.code).toBe('REMOTE_SIGN_REJECTED');
    expect(e.message).toContain('từ chối');
  });

  it('a phone number without a signing SIM is refused with the portal’s message', async () => {
    // The service's refusal comes through the gateway's one error type.
    const e: unknown = await simSigner(undefined, '0905999888')
      .listCertificates()
      .then(
        () => null,
        (err: unknown) => err,
      );
    if (!(e instanceof PortalCallError)) throw new Error(`expected a PortalCallError, got ${String(e)}`);
    expect(e).toMatchObject({ kind: 'rejected', portalCode: 'REMOTE_SIGN_SUBSCRIBER_NOT_FOUND' });
    expect(e.message).toContain('SIM ký số');
  });

  it('signs the summary PDF with the SIM; pdfsig reports it valid over the whole document', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Ho so de nghi - ky bang SIM (test)', { x: 50, y: 780, size: 14, font });
    const signer = simSigner();
    const [cert] = await signer.listCertificates();
    const signed = await signPdf(await doc.save(), signer, { certId: cert?.id ?? '', pin: '', reason: 'Ký hồ sơ đề nghị' });
    const dir = path.join(repoRoot, 'test-results', 'signed');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'summary-signed-sim.pdf');
    fs.writeFileSync(file, signed);
    let report: string;
    try {
      report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (e) {
      report = String((e as { stdout?: string }).stdout ?? '');
    }
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
  });
});
