import type { AxiosInstance } from 'axios';
import {
  CertChallengeResponseSchema,
  CertVerifyResponseSchema,
  type CertChallengeResponse,
  type CertVerifyRequest,
  type SessionResponse,
} from '../../src-shared/portal-auth-api.js';
import { DeviceError } from './device-errors.js';
import type { Signer } from './signer.js';
import { createPortalHttp } from '../portal/portal-http.js';
import { devicePortalError } from './portal-error.js';

/**
 * Business login with a signing certificate: ask the portal for a
 * challenge, sign its nonce bytes on the token, send the signature and
 * the certificate back, get a session.
 */

export interface CertLoginPortal {
  challenge(): Promise<CertChallengeResponse>;
  verify(request: CertVerifyRequest): Promise<SessionResponse>;
}


/** The two /auth/cert calls over HTTP, answers checked against the shared schemas. */
export class HttpCertLoginPortal implements CertLoginPortal {
  private readonly http: AxiosInstance;

  constructor(baseUrl: string, opts: { timeoutMs?: number } = {}) {
    this.http = createPortalHttp(baseUrl, opts.timeoutMs ?? 10_000);
  }

  async challenge(): Promise<CertChallengeResponse> {
    try {
      const res = await this.http.post<unknown>('/auth/cert/challenge', {});
      const parsed = CertChallengeResponseSchema.safeParse(res.data);
      if (!parsed.success) throw new DeviceError('PORTAL_REJECTED', 'Chuỗi xác thực từ Cổng dịch vụ công không đúng định dạng.');
      return parsed.data;
    } catch (e) {
      throw devicePortalError(e);
    }
  }

  async verify(request: CertVerifyRequest): Promise<SessionResponse> {
    try {
      const res = await this.http.post<unknown>('/auth/cert/verify', request);
      const parsed = CertVerifyResponseSchema.safeParse(res.data);
      if (!parsed.success) throw new DeviceError('PORTAL_REJECTED', 'Phiên đăng nhập từ Cổng dịch vụ công không đúng định dạng.');
      return parsed.data;
    } catch (e) {
      throw devicePortalError(e);
    }
  }
}

/**
 * Logs a business in with the chosen certificate. The PIN goes to the
 * token only. A token error (wrong PIN, removed, expired certificate)
 * stops before anything is sent to the portal; the unused challenge
 * simply expires there.
 */
export async function loginWithCertificate(portal: CertLoginPortal, signer: Signer, certId: string, pin: string): Promise<SessionResponse> {
  const challenge = await portal.challenge();
  const nonce = Buffer.from(challenge.nonce, 'base64');
  const signed = await signer.sign(certId, nonce, pin);
  return portal.verify({
    challengeId: challenge.challengeId,
    certificatePem: signed.certificatePem,
    ...(signed.chainPem.length > 0 ? { chainPem: signed.chainPem } : {}),
    signature: Buffer.from(signed.signature).toString('base64'),
    algorithm: signed.algorithm,
  });
}
