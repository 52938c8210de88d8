import { execFileSync } from 'node:child_process';
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import pkcs11js from 'pkcs11js';
import type { ServiceGate } from './service-gate.js';

/**
 * A SoftHSM2 token made by the test: its own config and token directory,
 * initialised with softhsm2-util, then keys and certificates written with
 * C_CreateObject, as a CA's personalisation tool would.
 */

export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

function softHsmMissing(): string {
  try {
    execFileSync('softhsm2-util', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no softhsm2-util (Debian: softhsm2)';
  }
  return fs.existsSync(SOFTHSM_LIBRARY) ? '' : `no ${SOFTHSM_LIBRARY} (Debian: softhsm2)`;
}

export const softHsmGate: ServiceGate = { service: 'SoftHSM2', missing: softHsmMissing() };

export interface SoftHsmHandle {
  dir: string;
  configFile: string;
  cleanup(): void;
}

/**
 * Writes a SoftHSM2 config with a fresh token dir and points SOFTHSM2_CONF
 * at it. SoftHSM reads the variable in C_Initialize, so call this before
 * any signer loads the library in this test process.
 */
export function createSoftHsm(): SoftHsmHandle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'softhsm-test-'));
  const tokens = path.join(dir, 'tokens');
  fs.mkdirSync(tokens);
  const configFile = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(configFile, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`);
  const previous = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = configFile;
  return {
    dir,
    configFile,
    cleanup() {
      if (previous === undefined) delete process.env.SOFTHSM2_CONF;
      else process.env.SOFTHSM2_CONF = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function initToken(label: string, pin: string, soPin: string): void {
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], {
    stdio: 'ignore',
    env: process.env,
  });
}

export interface TokenObject {
  /** CKA_ID shared by the certificate and its key (hex). */
  id: string;
  label: string;
  certificatePem: string;
  /** Absent for CA certificates stored next to the business certificate. */
  privateKey?: KeyObject;
}

const P256_OID_DER = Buffer.from('06082a8648ce3d030107', 'hex');

function b64url(s: string | undefined): Buffer {
  if (!s) throw new Error('missing JWK field');
  return Buffer.from(s, 'base64url');
}

function keyTemplate(key: KeyObject, id: Buffer, label: string): pkcs11js.Template {
  const common: pkcs11js.Template = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_SIGN, value: true },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_LABEL, value: label },
  ];
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'rsa') {
    return [
      ...common,
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
      { type: pkcs11js.CKA_MODULUS, value: b64url(jwk.n) },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b64url(jwk.e) },
      { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: b64url(jwk.d) },
      { type: pkcs11js.CKA_PRIME_1, value: b64url(jwk.p) },
      { type: pkcs11js.CKA_PRIME_2, value: b64url(jwk.q) },
      { type: pkcs11js.CKA_EXPONENT_1, value: b64url(jwk.dp) },
      { type: pkcs11js.CKA_EXPONENT_2, value: b64url(jwk.dq) },
      { type: pkcs11js.CKA_COEFFICIENT, value: b64url(jwk.qi) },
    ];
  }
  if (jwk.crv !== 'P-256') throw new Error('test tokens take RSA or P-256 keys');
  return [
    ...common,
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
    { type: pkcs11js.CKA_EC_PARAMS, value: P256_OID_DER },
    { type: pkcs11js.CKA_VALUE, value: b64url(jwk.d) },
  ];
}

/** Writes certificates (and their keys) onto the token with this label, logged in as the user. */
export function writeTokenObjects(label: string, pin: string, objects: readonly TokenObject[]): void {
  const mod = new pkcs11js.PKCS11();
  mod.load(SOFTHSM_LIBRARY);
  mod.C_Initialize();
  try {
    const slot = mod.C_GetSlotList(true).find((s) => mod.C_GetTokenInfo(s).label.trim() === label);
    if (!slot) throw new Error(`no SoftHSM token labelled ${label}`);
    const session = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    mod.C_Login(session, pkcs11js.CKU_USER, pin);
    try {
      for (const obj of objects) {
        const id = Buffer.from(obj.id, 'hex');
        const cert = new crypto.X509Certificate(obj.certificatePem);
        const tbs = AsnConvert.parse(cert.raw, Certificate).tbsCertificate;
        mod.C_CreateObject(session, [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
          { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
          { type: pkcs11js.CKA_TOKEN, value: true },
          { type: pkcs11js.CKA_PRIVATE, value: false },
          { type: pkcs11js.CKA_ID, value: id },
          { type: pkcs11js.CKA_LABEL, value: obj.label },
          { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(AsnConvert.serialize(tbs.subject)) },
          { type: pkcs11js.CKA_ISSUER, value: Buffer.from(AsnConvert.serialize(tbs.issuer)) },
          { type: pkcs11js.CKA_VALUE, value: cert.raw },
        ]);
        if (obj.privateKey) mod.C_CreateObject(session, keyTemplate(obj.privateKey, id, obj.label));
      }
    } finally {
      mod.C_Logout(session);
      mod.C_CloseSession(session);
    }
  } finally {
    mod.C_Finalize();
    mod.close();
  }
}
