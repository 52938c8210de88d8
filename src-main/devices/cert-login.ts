import type { SessionResponse } from '../../src-shared/portal-auth-api.js';
import type { PortalClient } from '../portal/portal-client.js';
import type { Signer } from './signer.js';

/**
 * Business login with a signing certificate: ask the portal for a
 * challenge, sign its nonce bytes on the token, send the signature and
 * the certificate back, get a session. The two portal calls are the
 * gateway's; this side only signs.
 */
export type CertLoginPortal = Pick<PortalClient, 'certChallenge' | 'certVerify'>;

/**
 * Logs a business in with the chosen certificate. The PIN goes to the
 * token only. A token error (wrong PIN, removed, expired certificate)
 * stops before anything is sent to the portal; the unused challenge
 * simply expires there.
 */
export async function loginWithCertificate(portal: CertLoginPortal, signer: Signer, certId: string, pin: string): Promise<SessionResponse> {
  const challenge = await portal.certChallenge();
  const nonce = Buffer.from(challenge.nonce, 'base64');
  const signed = await signer.sign(certId, nonce, pin);
  return portal.certVerify({
    challengeId: challenge.challengeId,
    certificatePem: signed.certificatePem,
    ...(signed.chainPem.length > 0 ? { chainPem: signed.chainPem } : {}),
    signature: Buffer.from(signed.signature).toString('base64'),
    algorithm: signed.algorithm,
  });
}
