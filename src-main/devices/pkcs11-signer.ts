import crypto, { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { PKCS11 } from 'pkcs11js';
import { derToPem, summarizeCertificate, validityAt, type CertificateSummary } from './cert-subject.js';
import { DeviceError, pinIncorrectError } from './device-errors.js';
import { ecdsaRawToDer } from './ecdsa-der.js';
import { certInfoOf, type CertInfo, type SignResult, type Signer } from './signer.js';

/**
 * Signing with a USB token through its vendor's PKCS#11 library (pkcs11js).
 *
 * Hashing happens on the host and the token signs with the plain
 * mechanisms every token supports (CKM_RSA_PKCS over a SHA-256
 * DigestInfo, CKM_ECDSA over the SHA-256 hash): several tokens sold in
 * Vietnam lack CKM_SHA256_RSA_PKCS. Every signature is verified against
 * the certificate before it is returned, so a wrong key or a token pulled
 * mid-operation never yields output. The PIN is passed to C_Login and
 * dropped; the session is logged out and closed whatever happens.
 */

/** PKCS#11 v2.40 constants (numbers fixed by the standard). */
export const CK = {
  CKF_SERIAL_SESSION: 0x4,
  CKU_USER: 1,
  CKO_CERTIFICATE: 0x1,
  CKO_PRIVATE_KEY: 0x3,
  CKC_X_509: 0x0,
  CKA_CLASS: 0x0,
  CKA_LABEL: 0x3,
  CKA_VALUE: 0x11,
  CKA_CERTIFICATE_TYPE: 0x80,
  CKA_ID: 0x102,
  CKM_RSA_PKCS: 0x1,
  CKM_ECDSA: 0x1041,
  CKF_USER_PIN_COUNT_LOW: 0x10000,
  CKF_USER_PIN_FINAL_TRY: 0x20000,
  CKF_USER_PIN_LOCKED: 0x40000,
  CKR_SLOT_ID_INVALID: 0x3,
  CKR_DEVICE_ERROR: 0x30,
  CKR_DEVICE_REMOVED: 0x32,
  CKR_PIN_INCORRECT: 0xa0,
  CKR_PIN_INVALID: 0xa1,
  CKR_PIN_LEN_RANGE: 0xa2,
  CKR_PIN_LOCKED: 0xa4,
  CKR_SESSION_CLOSED: 0xb0,
  CKR_SESSION_HANDLE_INVALID: 0xb3,
  CKR_TOKEN_NOT_PRESENT: 0xe0,
  CKR_TOKEN_NOT_RECOGNIZED: 0xe1,
  CKR_USER_ALREADY_LOGGED_IN: 0x100,
  CKR_USER_NOT_LOGGED_IN: 0x101,
  CKR_CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

/** The pkcs11js calls this module makes: the real module, or a wrapper around it in tests. */
export type Pkcs11Api = Pick<
  PKCS11,
  | 'C_GetSlotList'
  | 'C_GetTokenInfo'
  | 'C_OpenSession'
  | 'C_CloseSession'
  | 'C_Login'
  | 'C_Logout'
  | 'C_FindObjectsInit'
  | 'C_FindObjects'
  | 'C_FindObjectsFinal'
  | 'C_GetAttributeValue'
  | 'C_SignInit'
  | 'C_Sign'
>;

type Handle = Buffer;

/** The PKCS#11 return value of a pkcs11js error, or null for anything else. */
export function pkcs11Code(e: unknown): number | null {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'number') return e.code;
  return null;
}

const REMOVED = new Set<number>([
  CK.CKR_DEVICE_REMOVED,
  CK.CKR_TOKEN_NOT_PRESENT,
  CK.CKR_SESSION_HANDLE_INVALID,
  CK.CKR_SESSION_CLOSED,
  CK.CKR_SLOT_ID_INVALID,
  CK.CKR_TOKEN_NOT_RECOGNIZED,
]);

/** Any failure as a DeviceError; PKCS#11 codes that mean "the token went away" become TOKEN_REMOVED. */
function asDeviceError(e: unknown): DeviceError {
  if (e instanceof DeviceError) return e;
  const code = pkcs11Code(e);
  if (code !== null && REMOVED.has(code)) return new DeviceError('TOKEN_REMOVED');
  if (code === CK.CKR_PIN_LOCKED) return new DeviceError('PIN_LOCKED');
  return new DeviceError('TOKEN_ERROR');
}

const PIN_SHAPE = /^[\x21-\x7e]{4,32}$/;

/** DER prefix of DigestInfo { sha256, NULL } (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

interface TokenCertificate {
  slot: Handle;
  slotId: string;
  tokenLabel: string;
  ckaId: Buffer;
  der: Buffer;
  summary: CertificateSummary;
}

export interface Pkcs11SignerOptions {
  now?: () => Date;
}

export class Pkcs11Signer implements Signer {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly api: Pkcs11Api,
    private readonly opts: Pkcs11SignerOptions & { onClose?: () => void } = {},
  ) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /**
   * Login state is per token and per application, so two operations must
   * never interleave (one's C_Logout would log the other out).
   */
  private exclusive<T>(job: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new DeviceError('TOKEN_ERROR');
      return job();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async listCertificates(): Promise<CertInfo[]> {
    return this.exclusive(() => {
      const now = this.now();
      return this.readCertificates()
        .filter((c) => !c.summary.isCa)
        .map((c) => certInfoOf(c.summary, now, { tokenLabel: c.tokenLabel, slotId: c.slotId }, derToPem(c.der)));
    });
  }

  async sign(certId: string, data: Uint8Array, pin: string): Promise<SignResult> {
    if (typeof pin !== 'string' || !PIN_SHAPE.test(pin)) throw new DeviceError('PIN_FORMAT');
    return this.exclusive(async () => {
      const all = this.readCertificates();
      const cert = all.find((c) => c.summary.fingerprint === certId && !c.summary.isCa);
      if (!cert) throw new DeviceError('CERT_NOT_FOUND');
      const validity = validityAt(cert.summary, this.now());
      if (validity === 'expired') throw new DeviceError('CERT_EXPIRED');
      if (validity === 'not-yet-valid') throw new DeviceError('CERT_NOT_YET_VALID');
      const chain = chainFor(cert, all.filter((c) => c.slotId === cert.slotId));
      const signature = await this.signOnToken(cert, Buffer.from(data), pin);
      const node = new X509Certificate(cert.der);
      if (!verifies(node, cert.summary.keyAlgorithm, Buffer.from(data), signature)) throw new DeviceError('SIGNATURE_INVALID');
      return {
        signature: new Uint8Array(signature),
        certificatePem: derToPem(cert.der),
        chainPem: chain.map((c) => derToPem(c.der)),
        algorithm: cert.summary.keyAlgorithm === 'RSA' ? 'RSA-SHA256' : 'ECDSA-SHA256',
      };
    });
  }

  /** Unloads the library (C_Finalize) if this signer loaded it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.onClose?.();
  }

  private readCertificates(): TokenCertificate[] {
    let slots: Handle[];
    try {
      slots = this.api.C_GetSlotList(true);
    } catch (e) {
      throw asDeviceError(e);
    }
    if (slots.length === 0) throw new DeviceError('TOKEN_NOT_PRESENT');
    const found: TokenCertificate[] = [];
    for (const slot of slots) {
      try {
        found.push(...this.certificatesIn(slot));
      } catch (e) {
        // A token pulled out during the listing simply drops out of it.
        if (asDeviceError(e).code !== 'TOKEN_REMOVED') throw asDeviceError(e);
      }
    }
    if (!found.some((c) => !c.summary.isCa)) throw new DeviceError('CERT_NOT_FOUND');
    return found;
  }

  private certificatesIn(slot: Handle): TokenCertificate[] {
    const tokenLabel = this.api.C_GetTokenInfo(slot).label.trim();
    const session = this.api.C_OpenSession(slot, CK.CKF_SERIAL_SESSION);
    try {
      const handles = this.findAll(session, [
        { type: CK.CKA_CLASS, value: CK.CKO_CERTIFICATE },
        { type: CK.CKA_CERTIFICATE_TYPE, value: CK.CKC_X_509 },
      ]);
      const certs: TokenCertificate[] = [];
      for (const handle of handles) {
        const [value, id] = this.api.C_GetAttributeValue(session, handle, [{ type: CK.CKA_VALUE }, { type: CK.CKA_ID }]);
        const der = value?.value;
        if (!der || der.length === 0) continue;
        let summary: CertificateSummary;
        try {
          summary = summarizeCertificate(der);
        } catch {
          continue; // A certificate the kiosk cannot read is not offered.
        }
        certs.push({ slot, slotId: slot.toString('hex'), tokenLabel, ckaId: id?.value ?? Buffer.alloc(0), der, summary });
      }
      return certs;
    } finally {
      closeQuietly(this.api, session);
    }
  }

  private findAll(session: Handle, template: { type: number; value: number | Buffer }[]): Handle[] {
    this.api.C_FindObjectsInit(session, template);
    try {
      const out: Handle[] = [];
      for (;;) {
        const batch = this.api.C_FindObjects(session, 32);
        out.push(...batch);
        if (batch.length < 32) return out;
      }
    } finally {
      this.api.C_FindObjectsFinal(session);
    }
  }

  private async signOnToken(cert: TokenCertificate, data: Buffer, pin: string): Promise<Buffer> {
    const locked = (flags: number) => (flags & CK.CKF_USER_PIN_LOCKED) !== 0;
    let session: Handle;
    try {
      // A locked token is refused before trying the PIN at all.
      if (locked(this.api.C_GetTokenInfo(cert.slot).flags)) throw new DeviceError('PIN_LOCKED');
      session = this.api.C_OpenSession(cert.slot, CK.CKF_SERIAL_SESSION);
    } catch (e) {
      throw asDeviceError(e);
    }
    let loggedIn = false;
    try {
      try {
        this.api.C_Login(session, CK.CKU_USER, pin);
        loggedIn = true;
      } catch (e) {
        const code = pkcs11Code(e);
        if (code === CK.CKR_USER_ALREADY_LOGGED_IN) loggedIn = true;
        else if (code === CK.CKR_PIN_INCORRECT) throw this.wrongPin(cert.slot);
        else if (code === CK.CKR_PIN_LEN_RANGE || code === CK.CKR_PIN_INVALID) throw new DeviceError('PIN_FORMAT');
        else throw asDeviceError(e);
      }
      const key = this.privateKeyFor(session, cert);
      const hash = crypto.createHash('sha256').update(data).digest();
      const rsa = cert.summary.keyAlgorithm === 'RSA';
      const mechanism = { mechanism: rsa ? CK.CKM_RSA_PKCS : CK.CKM_ECDSA };
      const input = rsa ? Buffer.concat([SHA256_DIGEST_INFO, hash]) : hash;
      this.api.C_SignInit(session, mechanism, key);
      const raw = await signAsync(this.api, session, input, Buffer.alloc(1024));
      return rsa ? raw : ecdsaRawToDer(raw);
    } catch (e) {
      throw asDeviceError(e);
    } finally {
      if (loggedIn) {
        try {
          this.api.C_Logout(session);
        } catch {
          // Already logged out (token removed, session gone): nothing to undo.
        }
      }
      closeQuietly(this.api, session);
    }
  }

  /** Wrong PIN: the token's flags say how many tries are left (PKCS#11 gives no exact number). */
  private wrongPin(slot: Handle): DeviceError {
    let flags = 0;
    try {
      flags = this.api.C_GetTokenInfo(slot).flags;
    } catch {
      return pinIncorrectError(undefined);
    }
    if (flags & CK.CKF_USER_PIN_LOCKED) return new DeviceError('PIN_LOCKED');
    if (flags & CK.CKF_USER_PIN_FINAL_TRY) return pinIncorrectError(1);
    if (flags & CK.CKF_USER_PIN_COUNT_LOW) return pinIncorrectError('few');
    return pinIncorrectError(undefined);
  }

  /** The private key with the certificate's CKA_ID; a token with one key and no ids gets that key. */
  private privateKeyFor(session: Handle, cert: TokenCertificate): Handle {
    const byId =
      cert.ckaId.length > 0
        ? this.findAll(session, [
            { type: CK.CKA_CLASS, value: CK.CKO_PRIVATE_KEY },
            { type: CK.CKA_ID, value: cert.ckaId },
          ])
        : [];
    if (byId[0]) return byId[0];
    const all = this.findAll(session, [{ type: CK.CKA_CLASS, value: CK.CKO_PRIVATE_KEY }]);
    if (all.length === 1 && all[0]) return all[0];
    throw new DeviceError('KEY_NOT_FOUND');
  }
}

function closeQuietly(api: Pkcs11Api, session: Handle): void {
  try {
    api.C_CloseSession(session);
  } catch {
    // The session is gone with the token; nothing left to close.
  }
}

/** C_Sign on pkcs11js's worker thread, so a slow token does not freeze the kiosk's event loop. */
function signAsync(api: Pkcs11Api, session: Handle, input: Buffer, out: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    api.C_Sign(session, input, out, (error: Error | null, data: Buffer) => (error ? reject(error) : resolve(Buffer.from(data))));
  });
}

function verifies(cert: X509Certificate, alg: 'RSA' | 'EC', data: Buffer, signature: Buffer): boolean {
  try {
    return alg === 'RSA'
      ? crypto.verify('sha256', data, cert.publicKey, signature)
      : crypto.verify('sha256', data, { key: cert.publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** Issuer certificates stored on the same token, walked up from the leaf; the self-signed root is left out. */
function chainFor(leaf: TokenCertificate, sameToken: TokenCertificate[]): TokenCertificate[] {
  const chain: TokenCertificate[] = [];
  let current = new X509Certificate(leaf.der);
  for (let depth = 0; depth < 5; depth++) {
    const issuer = sameToken.find((c) => {
      if (!c.summary.isCa || chain.includes(c)) return false;
      const candidate = new X509Certificate(c.der);
      return current.checkIssued(candidate) && current.verify(candidate.publicKey);
    });
    if (!issuer) break;
    const issuerCert = new X509Certificate(issuer.der);
    if (issuerCert.subject === issuerCert.issuer) break;
    chain.push(issuer);
    current = issuerCert;
  }
  return chain;
}


/**
 * Loads a vendor's PKCS#11 library and returns a signer over it. The
 * native module is imported here, not at the top, so a kiosk without a
 * working pkcs11js still starts (and says the driver is missing).
 */
export async function openPkcs11Signer(libraryPath: string, opts: Pkcs11SignerOptions = {}): Promise<Pkcs11Signer> {
  if (!fs.existsSync(libraryPath)) throw new DeviceError('PKCS11_LIBRARY_NOT_FOUND');
  let mod: PKCS11;
  try {
    const pkcs11js = (await import('pkcs11js')).default;
    mod = new pkcs11js.PKCS11();
    mod.load(libraryPath);
  } catch {
    throw new DeviceError('PKCS11_LIBRARY_NOT_FOUND');
  }
  let ownsInit = true;
  try {
    mod.C_Initialize();
  } catch (e) {
    // Another signer in this process already initialised the same library: share it, never finalise it.
    if (pkcs11Code(e) !== CK.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      tryClose(mod, false);
      throw asDeviceError(e);
    }
    ownsInit = false;
  }
  return new Pkcs11Signer(mod, { ...opts, onClose: () => tryClose(mod, ownsInit) });
}

function tryClose(mod: PKCS11, finalize: boolean): void {
  try {
    if (finalize) mod.C_Finalize();
  } catch {
    // Finalising a library whose token vanished can fail; unloading still proceeds.
  }
  try {
    mod.close();
  } catch {
    // Nothing more to release.
  }
}
