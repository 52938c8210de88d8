import crypto from 'node:crypto';
import { Attribute, CertificateChoices, CertificateSet, ContentInfo, EncapsulatedContentInfo, IssuerAndSerialNumber, SignedData, SignerIdentifier, SignerInfo, SignerInfos, CMSVersion, DigestAlgorithmIdentifiers, id_data, id_signedData } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import { pemToDer } from './cert-subject.js';
import { derWrap } from './ecdsa-der.js';
import type { SignResult } from './signer.js';

/**
 * A detached CMS SignedData (RFC 5652) for a PAdES baseline signature
 * (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): SHA-256 digest,
 * signed attributes contentType, signingTime, messageDigest and
 * signingCertificateV2 (RFC 5035), the signer's certificate and its chain.
 * The private-key operation is left to a callback (token or remote signer).
 */

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

function oidDer(oid: string): Buffer {
  return Buffer.from(AsnConvert.serialize(new AlgorithmIdentifier({ algorithm: oid }))).subarray(2);
}

function attribute(oid: string, valueDer: Buffer): Buffer {
  return derWrap(0x30, oidDer(oid), derWrap(0x31, valueDer));
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function timeDer(d: Date): Buffer {
  const iso = d.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return d.getUTCFullYear() < 2050 ? derWrap(0x17, Buffer.from(digits.slice(2), 'ascii')) : derWrap(0x18, Buffer.from(digits, 'ascii'));
}

/** SigningCertificateV2 { certs: [ESSCertIDv2 { certHash (SHA-256, the default), issuerSerial }] }. */
function signingCertificateV2(certDer: Buffer, cert: Certificate): Buffer {
  const certHash = crypto.createHash('sha256').update(certDer).digest();
  const issuerName = Buffer.from(AsnConvert.serialize(cert.tbsCertificate.issuer));
  const serial = derWrap(0x02, Buffer.from(cert.tbsCertificate.serialNumber));
  const issuerSerial = derWrap(0x30, derWrap(0x30, derWrap(0xa4, issuerName)), serial);
  return derWrap(0x30, derWrap(0x30, derWrap(0x30, derWrap(0x04, certHash), issuerSerial)));
}

export interface CmsSignatureRequest {
  /** The bytes covered by the signature (for a PDF: everything outside /Contents). */
  content: Uint8Array;
  certificatePem: string;
  signingTime: Date;
  /** Signs the DER of the signed attributes (the signer hashes it with SHA-256); the chain it returns is embedded. */
  sign(signedAttributesDer: Uint8Array): Promise<SignResult>;
}

export async function buildDetachedCms(req: CmsSignatureRequest): Promise<Buffer> {
  const certDer = pemToDer(req.certificatePem);
  const cert = AsnConvert.parse(certDer, Certificate);
  const digest = crypto.createHash('sha256').update(req.content).digest();
  // DER orders a SET OF by the encodings' bytes; the same order is signed and embedded.
  const attrs = [
    attribute(OID.contentType, oidDer(id_data)),
    attribute(OID.signingTime, timeDer(req.signingTime)),
    attribute(OID.messageDigest, derWrap(0x04, digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(certDer, cert)),
  ].sort(Buffer.compare);
  const signedAttrsDer = derWrap(0x31, ...attrs);

  const signed = await req.sign(signedAttrsDer);
  // The certificate the device signed with must be the one named in the attributes.
  if (!pemToDer(signed.certificatePem).equals(certDer)) throw new Error('signer used a different certificate');

  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: cert.tbsCertificate.issuer, serialNumber: cert.tbsCertificate.serialNumber }),
    }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256 }),
    signedAttrs: attrs.map((a) => AsnConvert.parse(a, Attribute)),
    signatureAlgorithm:
      signed.algorithm === 'RSA-SHA256'
        ? new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null })
        : new AlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    signature: new OctetString(signed.signature),
  });
  const certificates = [certDer, ...signed.chainPem.map(pemToDer)].map(
    (der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) }),
  );
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: OID.sha256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(certificates),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return Buffer.from(AsnConvert.serialize(contentInfo));
}
