import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { x509 } from '../auth/x509-lib.js';

/**
 * The training certificate authority: made on the first start of a training
 * portal and kept in `<dataDir>/training-ca/`, so demo businesses get
 * certificates the portal accepts without a real CA. Production never makes
 * or trusts it. ECDSA P-256 keeps first start fast.
 */

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
const subtle = crypto.webcrypto.subtle;

type WebKey = Parameters<typeof subtle.sign>[1];

export interface IssuedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

function dirOf(dataDir: string): string {
  return path.join(dataDir, 'training-ca');
}

function writeSecret(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
}

async function exportKeyPem(key: WebKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', key));
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importSigningKey(pem: string): Promise<WebKey> {
  const der = crypto.createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
  return subtle.importKey('pkcs8', der, ALG, false, ['sign']);
}

function stillValid(pem: string, now: Date): boolean {
  try {
    const cert = new crypto.X509Certificate(pem);
    return now >= new Date(cert.validFrom) && now.getTime() < new Date(cert.validTo).getTime() - 30 * DAY_MS;
  } catch {
    return false;
  }
}

function serial(): string {
  // Positive, 16 random bytes: the leading byte is kept below 0x80.
  const bytes = crypto.randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** The training CA's certificate and key, made on first use. */
export async function ensureTrainingCa(dataDir: string, now: Date): Promise<IssuedCertificate> {
  const dir = dirOf(dataDir);
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'ca.key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const existing = { certificatePem: fs.readFileSync(certFile, 'utf8'), privateKeyPem: fs.readFileSync(keyFile, 'utf8') };
    if (stillValid(existing.certificatePem, now)) return existing;
  }
  fs.mkdirSync(dir, { recursive: true });
  const keys = await subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'C=VN, O=Cổng dịch vụ công (môi trường tập huấn), CN=CA tập huấn — KHÔNG DÙNG THẬT',
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY_MS),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const issued = { certificatePem: cert.toString('pem'), privateKeyPem: await exportKeyPem(keys.privateKey) };
  writeSecret(keyFile, issued.privateKeyPem);
  fs.writeFileSync(certFile, issued.certificatePem);
  return issued;
}

/**
 * A demo business's signing certificate from the training CA, subject in the
 * VNPT-CA shape (`UID=MST:…`), made on first use and kept next to the CA.
 */
export async function ensureDemoBusinessCertificate(
  dataDir: string,
  ca: IssuedCertificate,
  business: { taxCode: string; companyName: string },
  now: Date,
): Promise<IssuedCertificate> {
  const base = path.join(dirOf(dataDir), `business-${business.taxCode}`);
  const certFile = `${base}.pem`;
  const keyFile = `${base}.key.pem`;
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const existing = { certificatePem: fs.readFileSync(certFile, 'utf8'), privateKeyPem: fs.readFileSync(keyFile, 'utf8') };
    const caCert = new crypto.X509Certificate(ca.certificatePem);
    if (stillValid(existing.certificatePem, now) && new crypto.X509Certificate(existing.certificatePem).checkIssued(caCert)) return existing;
  }
  const caCert = new x509.X509Certificate(ca.certificatePem);
  const keys = await subtle.generateKey(ALG, true, ['sign', 'verify']);
  const subject = new x509.Name([
    { C: ['VN'] },
    { ST: ['Quảng Ngãi'] },
    { O: [business.companyName] },
    { CN: [business.companyName] },
    { '0.9.2342.19200300.100.1.1': [`MST:${business.taxCode}`] },
  ]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: caCert.subjectName,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 2 * 365 * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: await importSigningKey(ca.privateKeyPem),
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
    ],
  });
  const issued = { certificatePem: cert.toString('pem'), privateKeyPem: await exportKeyPem(keys.privateKey) };
  writeSecret(keyFile, issued.privateKeyPem);
  fs.writeFileSync(certFile, issued.certificatePem);
  return issued;
}
