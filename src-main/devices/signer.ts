import type { CertAlgorithm } from '../../src-shared/portal-auth-api.js';
import { validityAt, type CertificateSummary, type ValidityState } from './cert-subject.js';

/**
 * One interface for everything that signs on behalf of a business or a
 * citizen (today a USB token through PKCS#11), so another kind of signer
 * can stand in. Callers never see keys, only signatures.
 */

/** A certificate the user may pick, as shown on screen. */
export interface CertInfo {
  /** Stable id to pass to `sign` (SHA-256 fingerprint of the certificate). */
  id: string;
  /** Certificate holder (CN). */
  holder: string;
  organization: string | null;
  /** Mã số thuế from the subject, null when the certificate carries none. */
  taxCode: string | null;
  /** Issuing CA's name. */
  issuer: string;
  serialNumber: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  validity: ValidityState;
  keyAlgorithm: 'RSA' | 'EC';
  /** Token label (PKCS#11). */
  tokenLabel: string;
  /** PKCS#11 slot id in hex. */
  slotId: string;
  /** The certificate itself (public data: PDF signatures and the portal need it). */
  certificatePem: string;
}

export interface SignResult {
  /** RSA PKCS#1 v1.5 over SHA-256, or ECDSA over SHA-256 in DER (ASN.1) form. */
  signature: Uint8Array;
  certificatePem: string;
  /** Intermediate CA certificates found next to the signing certificate, issuer first. */
  chainPem: string[];
  algorithm: CertAlgorithm;
}

export interface Signer {
  listCertificates(): Promise<CertInfo[]>;
  /**
   * Signs `data` (hashed with SHA-256 by the signer) with the certificate's
   * key. `pin` is the token PIN; remote signers ignore it (the citizen
   * confirms on the phone). The PIN is used for this one call only.
   */
  sign(certId: string, data: Uint8Array, pin: string): Promise<SignResult>;
}

/** What the citizen is shown of a certificate, wherever it sits (a token slot). */
export function certInfoOf(s: CertificateSummary, now: Date, where: { tokenLabel: string; slotId: string }, certificatePem: string): CertInfo {
  return {
    id: s.fingerprint,
    holder: s.holder,
    organization: s.organization,
    taxCode: s.taxCode,
    issuer: s.issuer,
    serialNumber: s.serialNumber,
    validFrom: s.validFrom.toISOString(),
    validTo: s.validTo.toISOString(),
    validity: validityAt(s, now),
    keyAlgorithm: s.keyAlgorithm,
    tokenLabel: where.tokenLabel,
    slotId: where.slotId,
    certificatePem,
  };
}
