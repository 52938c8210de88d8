import crypto, { type KeyObject, type webcrypto } from 'node:crypto';
import { x509 } from '../../src-portal/auth/x509-lib.js';

/**
 * Certificate authorities and business certificates made by the tests
 * themselves, to exercise certificate login without a real CA.
 */

const subtle = crypto.webcrypto.subtle;
const DAY = 86_400_000;

export type KeyKind = 'RSA' | 'EC';

const ALGS = {
  RSA: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  EC: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
} as const;

interface WebKeyPair {
  publicKey: webcrypto.CryptoKey;
  privateKey: webcrypto.CryptoKey;
}

export interface TestCa {
  pem: string;
  cert: x509.X509Certificate;
  keys: WebKeyPair;
  kind: KeyKind;
}

export interface TestLeaf {
  pem: string;
  privateKey: KeyObject;
  kind: KeyKind;
}

async function generate(kind: KeyKind): Promise<WebKeyPair> {
  return (await subtle.generateKey(ALGS[kind], true, ['sign', 'verify'])) as WebKeyPair;
}

function serial(): string {
  return `01${crypto.randomBytes(8).toString('hex')}`;
}

export interface Validity {
  notBefore?: Date;
  notAfter?: Date;
}

function validity(v: Validity): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: v.notBefore ?? new Date(now - 365 * DAY), notAfter: v.notAfter ?? new Date(now + 5 * 365 * DAY) };
}

export async function makeRootCa(name: string, options: Validity & { kind?: KeyKind } = {}): Promise<TestCa> {
  const kind = options.kind ?? 'EC';
  const keys = await generate(kind);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `C=VN, O=${name}, CN=${name}`,
    ...validity(options),
    keys,
    signingAlgorithm: ALGS[kind],
    extensions: [new x509.BasicConstraintsExtension(true, 2, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { pem: cert.toString('pem'), cert, keys, kind };
}

export async function makeIntermediateCa(parent: TestCa, name: string, options: Validity & { kind?: KeyKind } = {}): Promise<TestCa> {
  const kind = options.kind ?? 'EC';
  const keys = await generate(kind);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `C=VN, O=${name}, CN=${name}`,
    issuer: parent.cert.subject,
    ...validity(options),
    publicKey: keys.publicKey,
    signingKey: parent.keys.privateKey,
    signingAlgorithm: ALGS[parent.kind],
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { pem: cert.toString('pem'), cert, keys, kind };
}

/** Subject as a list of RDNs, e.g. `[{ CN: ['CÔNG TY A'] }, { '0.9.2342.19200300.100.1.1': ['MST:0100109106'] }]`. */
export type SubjectRdns = Record<string, string[]>[];

/** UID's OID: @peculiar/x509 has no short name for it. */
export const UID = '0.9.2342.19200300.100.1.1';

export async function issueBusinessCert(ca: TestCa, subject: SubjectRdns, options: Validity & { kind?: KeyKind } = {}): Promise<TestLeaf> {
  const kind = options.kind ?? 'RSA';
  const keys = await generate(kind);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: new x509.Name(subject),
    issuer: ca.cert.subject,
    ...validity(options),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALGS[ca.kind],
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const der = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  return { pem: cert.toString('pem'), privateKey: crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), kind };
}

/** Signs the decoded nonce bytes as a token would: RSA PKCS#1 v1.5 or ECDSA (DER unless asked for raw r||s). */
export function signNonce(nonceB64: string, key: KeyObject, encoding: 'der' | 'ieee-p1363' = 'der'): string {
  const data = Buffer.from(nonceB64, 'base64');
  const sig = key.asymmetricKeyType === 'ec' ? crypto.sign('sha256', data, { key, dsaEncoding: encoding }) : crypto.sign('sha256', data, key);
  return sig.toString('base64');
}
