import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcedureInput } from '../../src-shared/catalogue.js';
import { startPortal, type RunningPortal } from '../../src-portal/server.js';
import { createCitizenAccount, createOfficerAccount } from '../../src-portal/auth/accounts.js';
import { testDatabaseUrl } from '../support/postgres.js';
import {
  AGENCY_A,
  AGENCY_B,
  GIAY_PHEP_XAY_DUNG,
  KHAI_SINH,
  KHAI_SINH_FILES,
  THUONG_TRU,
  applicationForm,
  cccd,
  khaiSinhApplication,
  submit,
  type FilePart,
  type TestAccount,
} from './portal-applications.fixture.js';

/**
 * A training portal for the officer tests: the small test catalogue of
 * portal-applications.fixture plus one procedure of each demo officer's
 * agency (so `canbo.camthanh` and `canbo.tuphap` can be played against each
 * other), and the shipped rating criteria.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CAM_THANH = { code: '000.00.31.H48', name: 'UBND phường Cẩm Thành (dữ liệu kiểm thử)' };
export const TU_PHAP = { code: '000.00.06.H48', name: 'Sở Tư pháp (dữ liệu kiểm thử)' };

/** A free one-working-day procedure of Cẩm Thành, with the same form as KHAI_SINH. */
export const CAM_THANH_KHAI_SINH: ProcedureInput = { ...KHAI_SINH, code: '1.001193.000.00.31.H48', agency: CAM_THANH, processingDays: 1 };

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };
}

export interface OfficerPortal extends RunningPortal {
  citizen(opts?: { citizenId?: string; fullName?: string }): Promise<TestAccount>;
  officer(agencyCode?: string, fullName?: string): Promise<TestAccount>;
  /** A session of a demo account (canbo.camthanh, canbo.tuphap…). */
  demo(username: string): Promise<TestAccount>;
  /** Enrols a kiosk (training) and opens its device session. */
  kiosk(kioskId: string): Promise<TestAccount>;
  /** A fresh session for an account, after the test clock moved past the old one's expiry. */
  renew(account: TestAccount): Promise<TestAccount>;
  /** A new application (citizen session by default); returns its code. */
  newApplication(token: string, application?: unknown, files?: readonly FilePart[]): Promise<string>;
  request(method: string, pathname: string, opts?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
}

let serial = 0;

export async function startOfficerPortal(opts: { now?: () => Date } = {}): Promise<OfficerPortal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-officer-'));
  const resourcesDir = path.join(dataDir, 'resources');
  fs.mkdirSync(path.join(resourcesDir, 'catalogue'), { recursive: true });
  fs.writeFileSync(
    path.join(resourcesDir, 'catalogue', 'procedures.json'),
    JSON.stringify([KHAI_SINH, THUONG_TRU, GIAY_PHEP_XAY_DUNG, CAM_THANH_KHAI_SINH]),
  );
  fs.writeFileSync(
    path.join(resourcesDir, 'catalogue', 'agencies.json'),
    JSON.stringify([
      { ...AGENCY_A, level: 'xa' },
      { ...AGENCY_B, level: 'tinh' },
      { ...CAM_THANH, level: 'xa' },
      { ...TU_PHAP, level: 'tinh' },
    ]),
  );
  fs.cpSync(path.join(repoRoot, 'resources', 'ratings'), path.join(resourcesDir, 'ratings'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'resources', 'queue'), path.join(resourcesDir, 'queue'), { recursive: true });
  const portal = await startPortal(
    {
      dataDir: path.join(dataDir, 'portal'),
      databaseUrl: await testDatabaseUrl(path.join(dataDir, 'portal')),
      resourcesDir,
      // The board's clips, made by the build (npm test builds before vitest runs).
      voiceDir: path.join(repoRoot, 'out', 'queue-voice'),
      mode: 'training',
      host: '127.0.0.1',
      port: 0,
    },
    opts.now ? { now: opts.now } : {},
  );
  const { db, sessions } = portal.context;

  const request: OfficerPortal['request'] = async (method, pathname, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${portal.url}${pathname}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Reply['body'] };
  };

  return {
    ...portal,
    request,
    async citizen(o = {}) {
      const id = await createCitizenAccount(db, {
        citizenId: o.citizenId ?? cccd(++serial + 700),
        password: 'MatKhau@2026',
        fullName: o.fullName ?? 'Nguyễn Văn An',
        phone: '0912345678',
      });
      return { accountId: id, token: (await sessions.issue(id)).token };
    },
    async officer(agencyCode = AGENCY_A.code, fullName = 'Trần Thị Bình') {
      const id = await createOfficerAccount(db, { username: `canbo.kiemthu${++serial}`, password: 'MatKhau@2026', fullName, agencyCode });
      return { accountId: id, token: (await sessions.issue(id)).token };
    },
    async demo(username) {
      const row = await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return { accountId: row.id, token: (await sessions.issue(row.id)).token };
    },
    async kiosk(kioskId) {
      const r = await request('POST', '/api/v1/auth/kiosk', { body: { kioskId, kioskKey: `khoa-thiet-bi-kiem-thu-${kioskId}-0123456789abcdef` } });
      if (r.status !== 200) throw new Error(`kiosk login: ${r.status} ${JSON.stringify(r.body)}`);
      const row = await db.selectFrom('accounts').select('id').where('username', '=', kioskId).where('role', '=', 'kiosk').executeTakeFirstOrThrow();
      return { accountId: row.id, token: String(r.body.token) };
    },
    async renew(account) {
      return { accountId: account.accountId, token: (await sessions.issue(account.accountId)).token };
    },
    async newApplication(token, application = khaiSinhApplication(), files = KHAI_SINH_FILES) {
      const r = await submit(portal.url, token, applicationForm(application, files));
      if (r.status !== 201) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
      return String(r.body.code);
    },
    async close() {
      await portal.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Multipart for POST …/supplements: the JSON part and the files. */
export function supplementForm(details: unknown, files: readonly FilePart[]): FormData {
  return applicationForm(details, files);
}

export async function sendSupplement(url: string, code: string, token: string, form: FormData, key: string = crypto.randomUUID()): Promise<Reply> {
  const res = await fetch(`${url}/api/v1/applications/${code}/supplements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: form,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] };
}
