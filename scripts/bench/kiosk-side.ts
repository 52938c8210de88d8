import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KIOSK_CHANNEL } from '../../src-shared/domain/fees.js';
import { APPLICATION_PART, DOCUMENT_PART_PREFIX, IDEMPOTENCY_KEY_HEADER } from '../../src-shared/portal-applications-api.js';
import type { ApplicationsStore } from '../../src-main/store/applications-store.js';
import { createStores } from '../../src-main/store/kiosk-store.js';
import { BlobStore } from '../../src-main/store/blob-store.js';
import { CryptoBox } from '../../src-main/store/crypto-box.js';
import { openStore, type StoreDatabase } from '../../src-main/store/database.js';
import { startPortal, type RunningPortal } from '../../src-portal/server.js';
import { APPLICANT, KHAI_SINH, KHAI_SINH_FIELDS, MANDATORY_DOCUMENTS } from '../crash/sample-application.js';

/**
 * What several rows share: the kiosk's own store stack on a data folder
 * (wired as host.ts wires it), a sample application with generated PDFs,
 * and a reference portal on 127.0.0.1 with its own temporary folder.
 */
export interface KioskStores {
  db: StoreDatabase;
  blobs: BlobStore;
  apps: ApplicationsStore;
}

export function openKioskStores(dataDir: string, kioskId: string): KioskStores {
  const db = openStore(dataDir);
  const box = CryptoBox.fromKeyFile(path.join(dataDir, 'keys', 'data.key'));
  const blobs = new BlobStore(path.join(dataDir, 'blobs'), box);
  return { db, blobs, apps: createStores(db, box, blobs, { kioskId, retentionDays: 30, now: () => new Date() }).applications };
}

export interface SampleFile {
  componentId: string;
  fileName: string;
  bytes: Buffer;
}

/** A PDF-looking file of `size` random bytes, different every call (the blob store is content-addressed). */
export function samplePdf(size: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(Math.max(0, size - 16)), Buffer.from('\n%%EOF\n')]);
}

/** One file per document "Đăng ký khai sinh" asks for, `count` in all. */
export function sampleFiles(count: number, size: number): SampleFile[] {
  return Array.from({ length: count }, (_, i) => {
    const componentId = MANDATORY_DOCUMENTS[i] ?? `giay-to-kem-theo-${i + 1}`;
    return { componentId, fileName: `${componentId}.pdf`, bytes: samplePdf(size) };
  });
}

/** "Đồng ý" as the host's store commits it: attachments (atomic, encrypted), then application + outbox in one transaction. */
export function commitApplication(stores: KioskStores, files: readonly SampleFile[]): string {
  const attachments = files.map((f) => ({ componentId: f.componentId, fileName: f.fileName, mime: 'application/pdf', size: f.bytes.length, sha256: stores.blobs.put(f.bytes) }));
  return stores.apps.submit({
    procedure: { code: KHAI_SINH, name: 'Đăng ký khai sinh', agency: { code: '000.00.31.H48', name: 'UBND phường Cẩm Thành' } },
    applicant: APPLICANT,
    fields: KHAI_SINH_FIELDS,
    channel: KIOSK_CHANNEL.assisted,
    attachments,
  }).localId;
}

/** The portal request body the outbox sends for that application, for a client of our own. */
export function submissionForm(kioskId: string, files: readonly SampleFile[]): FormData {
  const form = new FormData();
  form.append(APPLICATION_PART, JSON.stringify({ procedureCode: KHAI_SINH, applicant: APPLICANT, fields: KHAI_SINH_FIELDS, channel: KIOSK_CHANNEL.assisted, kioskId, declarationAccepted: true }));
  for (const f of files) form.append(`${DOCUMENT_PART_PREFIX}${f.componentId}`, new Blob([f.bytes], { type: 'application/pdf' }), f.fileName);
  return form;
}

/** A kiosk device's session, enrolled on first contact from this machine (training portal). */
export async function kioskToken(portalUrl: string, kioskId: string, kioskKey = crypto.randomBytes(32).toString('base64url')): Promise<string> {
  const res = await fetch(`${portalUrl}/api/v1/auth/kiosk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kioskId, kioskKey }) });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`kiosk ${kioskId} could not open a session: ${res.status}`);
  return body.token;
}

/** Sends one application with fetch; throws unless the portal created it. */
export async function postApplication(portalUrl: string, token: string, kioskId: string, files: readonly SampleFile[]): Promise<void> {
  const res = await fetch(`${portalUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, [IDEMPOTENCY_KEY_HEADER]: `${kioskId}.${crypto.randomUUID()}` },
    body: submissionForm(kioskId, files),
  });
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`portal answered ${res.status}: ${text.slice(0, 200)}`);
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-bench-${name}-`));
}

export function startBenchPortal(root: string, dataDir: string): Promise<RunningPortal> {
  return startPortal({ dataDir, resourcesDir: path.join(root, 'resources'), mode: 'training' });
}
