import crypto, { X509Certificate } from 'node:crypto';
import type { CertAlgorithm } from '../../src-shared/portal-auth-api.js';
import { PortalHttpError } from '../http/errors.js';
import { taxCodeProblem } from './identifiers.js';

/**
 * Checks a business's certificate login: the signature over the portal's
 * nonce, the certificate's dates, its chain to a trusted CA, and the tax
 * code (MST) in its subject. Revocation (CRL/OCSP) is not checked: the
 * reference portal has no network access to the CAs' responders.
 */

export const CERT_MESSAGES = {
  CERT_INVALID: 'Không đọc được chứng thư số. Vui lòng kiểm tra lại thiết bị ký số (token).',
  CERT_IS_CA: 'Đây là chứng thư của tổ chức cấp chứng thực, không dùng để đăng nhập. Vui lòng dùng chứng thư số của doanh nghiệp.',
  CERT_ALGORITHM_MISMATCH: 'Thuật toán chữ ký không khớp với loại khóa của chứng thư số.',
  CERT_SIGNATURE_INVALID: 'Chữ ký số không hợp lệ: chữ ký không khớp với chứng thư số hoặc với chuỗi xác thực.',
  CERT_NOT_YET_VALID: 'Chứng thư số chưa đến ngày có hiệu lực.',
  CERT_EXPIRED: 'Chứng thư số đã hết hạn. Vui lòng gia hạn chứng thư số với nhà cung cấp.',
  CERT_UNTRUSTED: 'Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực chữ ký số được công nhận cấp.',
  CERT_NO_TAX_CODE: 'Chứng thư số không chứa mã số thuế hợp lệ của doanh nghiệp.',
} as const;
export type CertErrorCode = keyof typeof CERT_MESSAGES;

export function certError(code: CertErrorCode): PortalHttpError {
  return new PortalHttpError(code === 'CERT_INVALID' || code === 'CERT_ALGORITHM_MISMATCH' ? 400 : 401, code, CERT_MESSAGES[code]);
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text (bundles allowed). */
export function splitPem(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

function parse(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw certError('CERT_INVALID');
  }
}

/** Trust anchors from configuration; a bad one is a configuration error (startup fails). */
export function parseTrustAnchors(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap(splitPem).map((pem, i) => {
    try {
      return new X509Certificate(pem);
    } catch {
      throw new Error(`Chứng thư CA tin cậy thứ ${i + 1} trong cấu hình không đọc được.`);
    }
  });
}

/** Subject attributes as node prints them (`KEY=value` lines). */
function subjectAttributes(cert: X509Certificate): { key: string; value: string }[] {
  return cert.subject
    .split('\n')
    .map((line) => {
      const eq = line.indexOf('=');
      return eq < 0 ? { key: '', value: line } : { key: line.slice(0, eq).trim().toUpperCase(), value: line.slice(eq + 1).trim() };
    })
    .filter((a) => a.value !== '');
}

const MST_IN_TEXT = /(?:^|[^\p{L}\d])MST\s*[:=.]?\s*(\d{10}(?:-\d{3})?)(?!\d)/iu;
const BARE_TAX_CODE = /^(\d{10}(?:-\d{3})?)$/;

/**
 * The MST in a certificate subject. Vietnamese CAs (VNPT-CA, Viettel-CA,
 * BKAV-CA, FPT-CA…) put it in UID as `MST:0123456789` (branches
 * `MST:0123456789-001`); some older certificates carry it in OU or CN
 * ("MST: 0123456789", "... - MST 0123456789"), and a few put the bare number
 * in UID. All of these are accepted; the check digit must be right.
 */
export function taxCodeFromSubject(attributes: readonly { key: string; value: string }[]): string | null {
  for (const { key, value } of attributes) {
    const tagged = MST_IN_TEXT.exec(value)?.[1];
    const bare = key === 'UID' || key === '0.9.2342.19200300.100.1.1' ? BARE_TAX_CODE.exec(value)?.[1] : undefined;
    const candidate = tagged ?? bare;
    if (candidate && !taxCodeProblem(candidate)) return candidate;
  }
  return null;
}

function companyNameFrom(attributes: readonly { key: string; value: string }[]): string | null {
  const pick = (k: string) => attributes.find((a) => a.key === k)?.value;
  const name = (pick('O') ?? pick('CN'))?.replace(MST_IN_TEXT, '').trim();
  return name ? name : null;
}

function checkDates(cert: X509Certificate, now: Date, role: 'leaf' | 'ca'): void {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw certError('CERT_INVALID');
  if (now < from) throw certError(role === 'leaf' ? 'CERT_NOT_YET_VALID' : 'CERT_UNTRUSTED');
  if (now > to) throw certError(role === 'leaf' ? 'CERT_EXPIRED' : 'CERT_UNTRUSTED');
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Walks leaf → intermediates → a trust anchor, every link signed and in date. */
function checkChain(leaf: X509Certificate, intermediates: X509Certificate[], anchors: readonly X509Certificate[], now: Date): void {
  let current = leaf;
  const unused = [...intermediates];
  for (let depth = 0; depth < 6; depth++) {
    const anchor = anchors.find((a) => issuedBy(current, a));
    if (anchor) {
      checkDates(anchor, now, 'ca');
      return;
    }
    const i = unused.findIndex((c) => c.ca && issuedBy(current, c));
    const next = unused[i];
    if (i < 0 || !next) break;
    unused.splice(i, 1);
    checkDates(next, now, 'ca');
    current = next;
  }
  throw certError('CERT_UNTRUSTED');
}

function signatureValid(cert: X509Certificate, algorithm: CertAlgorithm, data: Buffer, signature: Buffer): boolean {
  const key = cert.publicKey;
  const keyType = key.asymmetricKeyType;
  if (algorithm === 'RSA-SHA256' && keyType !== 'rsa') throw certError('CERT_ALGORITHM_MISMATCH');
  if (algorithm === 'ECDSA-SHA256' && keyType !== 'ec') throw certError('CERT_ALGORITHM_MISMATCH');
  try {
    if (algorithm === 'RSA-SHA256') return crypto.verify('sha256', data, key, signature);
    // Tokens (PKCS#11 CKM_ECDSA) and WebCrypto give raw r||s; OpenSSL-style signers give DER.
    return (
      crypto.verify('sha256', data, { key, dsaEncoding: 'der' }, signature) ||
      crypto.verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
    );
  } catch {
    return false;
  }
}

export interface CertLoginInput {
  nonce: Buffer;
  certificatePem: string;
  chainPem?: readonly string[];
  signature: Buffer;
  algorithm: CertAlgorithm;
}

export interface VerifiedBusiness {
  taxCode: string;
  companyName: string | null;
}

export function verifyCertificateLogin(input: CertLoginInput, anchors: readonly X509Certificate[], now: Date): VerifiedBusiness {
  const [leafPem, ...bundled] = splitPem(input.certificatePem);
  if (!leafPem) throw certError('CERT_INVALID');
  const leaf = parse(leafPem);
  const intermediates = [...bundled, ...(input.chainPem ?? []).flatMap(splitPem)].map(parse);
  if (leaf.ca) throw certError('CERT_IS_CA');
  if (!signatureValid(leaf, input.algorithm, input.nonce, input.signature)) throw certError('CERT_SIGNATURE_INVALID');
  checkDates(leaf, now, 'leaf');
  checkChain(leaf, intermediates, anchors, now);
  const attributes = subjectAttributes(leaf);
  const taxCode = taxCodeFromSubject(attributes);
  if (!taxCode) throw certError('CERT_NO_TAX_CODE');
  return { taxCode, companyName: companyNameFrom(attributes) };
}
