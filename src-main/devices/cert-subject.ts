import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, type Name } from '@peculiar/asn1-x509';

/**
 * What the kiosk shows about a signing certificate before the user picks
 * it: holder, company, tax code (MST), issuer, validity. Read from the DER
 * with an ASN.1 parser (not from a printed subject line), so Vietnamese
 * UTF-8 names and attributes without a short name (UID) come out intact.
 */

const OID = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  C: '2.5.4.6',
  SERIAL: '2.5.4.5',
  UID: '0.9.2342.19200300.100.1.1',
} as const;

export interface NameAttribute {
  oid: string;
  value: string;
}

export function nameAttributes(name: Name): NameAttribute[] {
  return name.flatMap((rdn) => rdn.map((atv) => ({ oid: atv.type, value: atv.value.toString().normalize('NFC').trim() })));
}

import { isValidTaxCode } from '../../src-shared/domain/tax-code.js';

export { isValidTaxCode };

const MST_IN_TEXT = /(?:^|[^\p{L}\d])MST\s*[:=.]?\s*(\d{10}(?:-\d{3})?)(?!\d)/iu;
const BARE_TAX_CODE = /^(\d{10}(?:-\d{3})?)$/;

/**
 * The MST in a subject. Vietnamese CAs put it in UID as `MST:0123456789`
 * (branches `MST:0123456789-001`); older certificates carry "MST: …" in
 * OU or CN, and a few put the bare number in UID. UID is looked at first.
 */
export function taxCodeFromAttributes(attributes: readonly NameAttribute[]): string | null {
  const ordered = [...attributes.filter((a) => a.oid === OID.UID), ...attributes.filter((a) => a.oid !== OID.UID)];
  for (const { oid, value } of ordered) {
    const tagged = MST_IN_TEXT.exec(value)?.[1];
    const bare = oid === OID.UID ? BARE_TAX_CODE.exec(value)?.[1] : undefined;
    const candidate = tagged ?? bare;
    if (candidate && isValidTaxCode(candidate)) return candidate;
  }
  return null;
}

function first(attributes: readonly NameAttribute[], oid: string): string | null {
  return attributes.find((a) => a.oid === oid)?.value || null;
}

export interface CertificateSummary {
  /** CN without an embedded "MST …" tail. */
  holder: string;
  organization: string | null;
  taxCode: string | null;
  /** Issuer's CN (or O), e.g. "VNPT Certification Authority". */
  issuer: string;
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  keyAlgorithm: 'RSA' | 'EC';
  /** SHA-256 of the DER, lowercase hex: the certificate's stable id. */
  fingerprint: string;
  isCa: boolean;
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const node = new X509Certificate(der);
  const parsed = AsnConvert.parse(der, Certificate);
  const subject = nameAttributes(parsed.tbsCertificate.subject);
  const issuer = nameAttributes(parsed.tbsCertificate.issuer);
  const cn = first(subject, OID.CN) ?? '';
  const holder = cn.replace(MST_IN_TEXT, '').replace(/[\s,;:-]+$/, '').trim() || cn;
  const keyType = node.publicKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') throw new Error(`unsupported key type ${keyType ?? '?'}`);
  return {
    holder,
    organization: first(subject, OID.O),
    taxCode: taxCodeFromAttributes(subject),
    issuer: first(issuer, OID.CN) ?? first(issuer, OID.O) ?? '',
    serialNumber: node.serialNumber,
    validFrom: new Date(node.validFrom),
    validTo: new Date(node.validTo),
    keyAlgorithm: keyType === 'rsa' ? 'RSA' : 'EC',
    fingerprint: node.fingerprint256.replace(/:/g, '').toLowerCase(),
    isCa: node.ca,
  };
}

export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export function validityAt(summary: Pick<CertificateSummary, 'validFrom' | 'validTo'>, now: Date): ValidityState {
  if (now < summary.validFrom) return 'not-yet-valid';
  if (now > summary.validTo) return 'expired';
  return 'valid';
}

export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) throw new Error('not a PEM certificate');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}
