import crypto, { X509Certificate } from 'node:crypto';
import type { RemoteSignOutcome } from '../../src-shared/portal-remote-sign-api.js';
import type { PortalClient } from '../portal/portal-client.js';
import { pemToDer, summarizeCertificate } from './cert-subject.js';
import { DeviceError } from './device-errors.js';
import { certInfoOf, type CertInfo, type SignResult, type Signer } from './signer.js';

/**
 * The signing SIM behind the same Signer interface as a USB token: the
 * key stays with the remote-signing service, the kiosk sends what to sign
 * through the portal, the subscriber confirms on the phone, and the kiosk
 * polls until the answer comes (or the request expires). There is no PIN
 * on the kiosk: `sign` ignores it. A refusal by the service itself comes
 * from the gateway as a PortalCallError.
 */

/** The three remote-signing calls, made by the portal gateway. */
export type RemoteSignPortal = Pick<PortalClient, 'remoteSignCertificates' | 'remoteSignRequest' | 'remoteSignOutcome'>;

export interface RemoteSignerOptions {
  /** The subscriber's phone number (the SIM). */
  phone: string;
  /** Shown on the phone, e.g. "Đăng nhập Cổng dịch vụ công" or "Ký hồ sơ …". */
  description: string;
  pollIntervalMs?: number;
  /** Give up after this long even if the service still says "pending". */
  timeoutMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RemoteSigner implements Signer {
  constructor(
    private readonly portal: RemoteSignPortal,
    private readonly opts: RemoteSignerOptions,
  ) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async listCertificates(): Promise<CertInfo[]> {
    const { certificates } = await this.portal.remoteSignCertificates(this.opts.phone);
    const now = this.now();
    const infos: CertInfo[] = [];
    for (const c of certificates) {
      let s;
      try {
        s = summarizeCertificate(pemToDer(c.certificatePem));
      } catch {
        continue;
      }
      infos.push(certInfoOf(s, now, { tokenLabel: 'SIM ký số', slotId: 'remote' }, c.certificatePem));
    }
    if (infos.length === 0) throw new DeviceError('CERT_NOT_FOUND');
    return infos;
  }

  async sign(certId: string, data: Uint8Array): Promise<SignResult> {
    const cert = (await this.listCertificates()).find((c) => c.id === certId);
    if (!cert) throw new DeviceError('CERT_NOT_FOUND');
    if (cert.validity === 'expired') throw new DeviceError('CERT_EXPIRED');
    if (cert.validity === 'not-yet-valid') throw new DeviceError('CERT_NOT_YET_VALID');

    const created = await this.portal.remoteSignRequest({
      phone: this.opts.phone,
      certificateFingerprint: certId,
      data: Buffer.from(data).toString('base64'),
      description: this.opts.description,
    });
    const sleep = this.opts.sleep ?? defaultSleep;
    const deadline = this.now().getTime() + (this.opts.timeoutMs ?? 150_000);
    for (;;) {
      const outcome = await this.portal.remoteSignOutcome(created.requestId);
      if (outcome.status === 'rejected') throw new DeviceError('REMOTE_SIGN_REJECTED');
      if (outcome.status === 'expired') throw new DeviceError('REMOTE_SIGN_TIMEOUT');
      if (outcome.status === 'approved') return this.checked(outcome, cert, data);
      if (this.now().getTime() >= deadline) throw new DeviceError('REMOTE_SIGN_TIMEOUT');
      await sleep(this.opts.pollIntervalMs ?? 1_500);
    }
  }

  /** Only a signature that verifies with the chosen certificate is handed on. */
  private checked(outcome: RemoteSignOutcome, cert: CertInfo, data: Uint8Array): SignResult {
    if (!outcome.signature || !outcome.algorithm || !outcome.certificatePem) throw new DeviceError('SIGNATURE_INVALID');
    const signature = Buffer.from(outcome.signature, 'base64');
    const x = new X509Certificate(outcome.certificatePem);
    if (x.fingerprint256.replace(/:/g, '').toLowerCase() !== cert.id) throw new DeviceError('SIGNATURE_INVALID');
    const ok =
      outcome.algorithm === 'RSA-SHA256'
        ? crypto.verify('sha256', data, x.publicKey, signature)
        : crypto.verify('sha256', data, { key: x.publicKey, dsaEncoding: 'der' }, signature);
    if (!ok) throw new DeviceError('SIGNATURE_INVALID');
    return { signature: new Uint8Array(signature), certificatePem: outcome.certificatePem, chainPem: outcome.chainPem ?? [], algorithm: outcome.algorithm };
  }
}
