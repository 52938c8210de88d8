import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProcedureInput } from '../../src-shared/catalogue.js';
import type { ApplicationSubmissionInput } from '../../src-shared/portal-applications-api.js';
import { startPortal, type RunningPortal } from '../../src-portal/server.js';
import type { PortalConfigInput } from '../../src-portal/config.js';
import { createCitizenAccount, createOfficerAccount } from '../../src-portal/auth/accounts.js';
import { testDatabaseUrl } from '../support/postgres.js';

/**
 * A portal on 127.0.0.1 with a small catalogue made for these tests (so
 * they do not move when the shipped catalogue is edited): one free
 * same-day procedure, one with channel-dependent fees and 7 working days,
 * one of another agency with every kind of form field.
 */

export const AGENCY_A = { code: '000.00.53.H48', name: 'UBND xã Bình Sơn (dữ liệu kiểm thử)' };
export const AGENCY_B = { code: '000.00.17.H48', name: 'Sở Xây dựng tỉnh Quảng Ngãi (dữ liệu kiểm thử)' };

const source = { url: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html', note: 'Dữ liệu kiểm thử' };

export const KHAI_SINH: ProcedureInput = {
  code: '1.001193.000.00.00.H48',
  nationalCode: '1.001193',
  name: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'xa',
  serviceLevel: 'toan_trinh',
  agency: AGENCY_A,
  applicants: 'Công dân Việt Nam',
  processingDays: 0,
  fees: [{ kind: 'le_phi', name: 'Lệ phí đăng ký khai sinh', amount: 0, note: 'Miễn' }],
  documents: [
    { id: 'to-khai', name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, mandatory: true },
    { id: 'giay-chung-sinh', name: 'Giấy chứng sinh', originals: 1, copies: 0, mandatory: true },
    { id: 'giay-uy-quyen', name: 'Văn bản ủy quyền (nếu có)', originals: 1, copies: 0, mandatory: false },
  ],
  formFields: [
    { id: 'childName', label: 'Họ, chữ đệm, tên người được khai sinh', type: 'text', required: true, maxLength: 100 },
    { id: 'childBirthDate', label: 'Ngày sinh', type: 'date', required: true, notAfterToday: true },
    {
      id: 'childSex',
      label: 'Giới tính',
      type: 'select',
      required: true,
      options: [
        { value: 'nam', label: 'Nam' },
        { value: 'nu', label: 'Nữ' },
      ],
    },
  ],
  legalBasis: ['Luật Hộ tịch 2014'],
  result: 'Giấy khai sinh',
  source,
};

export const THUONG_TRU: ProcedureInput = {
  code: '1.004222.000.00.00.H48',
  nationalCode: '1.004222',
  name: 'Đăng ký thường trú',
  field: 'Đăng ký, quản lý cư trú',
  level: 'xa',
  serviceLevel: 'toan_trinh',
  agency: AGENCY_A,
  applicants: 'Công dân Việt Nam',
  processingDays: 7,
  fees: [
    { kind: 'le_phi', name: 'Lệ phí đăng ký cư trú (trực tuyến)', amount: 10000, channel: 'truc_tuyen' },
    { kind: 'le_phi', name: 'Lệ phí đăng ký cư trú (trực tiếp)', amount: 20000, channel: 'truc_tiep' },
  ],
  documents: [
    { id: 'to-khai', name: 'Tờ khai thay đổi thông tin cư trú (CT01)', originals: 1, copies: 0, mandatory: true },
    { id: 'giay-to-cho-o', name: 'Giấy tờ chứng minh chỗ ở hợp pháp', originals: 0, copies: 1, mandatory: true },
  ],
  formFields: [
    { id: 'newAddress', label: 'Địa chỉ đăng ký thường trú', type: 'text', required: true, maxLength: 200 },
    { id: 'members', label: 'Số người cùng đăng ký', type: 'number', required: false, min: 1, max: 30, integer: true },
  ],
  legalBasis: ['Luật Cư trú 2020'],
  result: 'Cập nhật thông tin cư trú vào Cơ sở dữ liệu về cư trú',
  source,
};

export const GIAY_PHEP_XAY_DUNG: ProcedureInput = {
  code: '1.009972.000.00.00.H48',
  nationalCode: '1.009972',
  name: 'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II',
  field: 'Hoạt động xây dựng',
  level: 'tinh',
  serviceLevel: 'mot_phan',
  agency: AGENCY_B,
  applicants: 'Tổ chức, cá nhân',
  processingDays: 20,
  fees: [{ kind: 'le_phi', name: 'Lệ phí cấp giấy phép xây dựng', amount: 150000 }],
  documents: [
    { id: 'don-de-nghi', name: 'Đơn đề nghị cấp giấy phép xây dựng', originals: 1, copies: 0, mandatory: true },
    { id: 'ban-ve', name: 'Bản vẽ thiết kế xây dựng', originals: 0, copies: 2, mandatory: true },
  ],
  formFields: [
    { id: 'parcelNumber', label: 'Số thửa đất', type: 'text', required: true, maxLength: 10, pattern: '\\d{1,6}', patternMessage: 'Số thửa đất chỉ gồm chữ số.' },
    { id: 'floorArea', label: 'Tổng diện tích sàn (m²)', type: 'number', required: true, min: 10, max: 100000, integer: false },
    { id: 'floors', label: 'Số tầng', type: 'number', required: true, min: 1, max: 60, integer: true },
    { id: 'landUseDate', label: 'Ngày cấp giấy chứng nhận quyền sử dụng đất', type: 'date', required: false, notAfterToday: true },
    {
      id: 'workType',
      label: 'Loại công trình',
      type: 'select',
      required: true,
      options: [
        { value: 'dan_dung', label: 'Dân dụng' },
        { value: 'cong_nghiep', label: 'Công nghiệp' },
      ],
    },
  ],
  legalBasis: ['Luật Xây dựng 2014, sửa đổi 2020'],
  result: 'Giấy phép xây dựng',
  source,
};

export interface TestAccount {
  accountId: number;
  token: string;
}

export interface ApplicationsPortal extends RunningPortal {
  dataDir: string;
  /** A new citizen account with an open session. */
  citizen(opts?: { citizenId?: string; fullName?: string }): Promise<TestAccount>;
  /** A new officer account of the agency with an open session. */
  officer(agencyCode?: string): Promise<TestAccount>;
  /** A new officer account that administers the portal (/api/v1/admin/*), with an open session. */
  admin(agencyCode?: string): Promise<TestAccount>;
  /** A fresh session for an existing account (after the test clock moved past the old one's expiry). */
  relogin(accountId: number): Promise<string>;
}

let accountSerial = 0;

/** Valid CCCDs (Quảng Ngãi, born 1990) with distinct serials. */
export function cccd(n: number): string {
  return `051090${String(n).padStart(6, '0')}`;
}

export async function startApplicationsPortal(
  opts: { now?: () => Date; mode?: 'training' | 'production'; dataDir?: string; config?: Partial<PortalConfigInput> } = {},
): Promise<ApplicationsPortal> {
  const ownsDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portal-apps-'));
  const resourcesDir = path.join(dataDir, 'resources');
  fs.mkdirSync(path.join(resourcesDir, 'catalogue'), { recursive: true });
  fs.writeFileSync(path.join(resourcesDir, 'catalogue', 'procedures.json'), JSON.stringify([KHAI_SINH, THUONG_TRU, GIAY_PHEP_XAY_DUNG]));
  fs.writeFileSync(
    path.join(resourcesDir, 'catalogue', 'agencies.json'),
    JSON.stringify([
      { ...AGENCY_A, level: 'xa' },
      { ...AGENCY_B, level: 'tinh' },
    ]),
  );
  const portal = await startPortal(
    {
      dataDir: path.join(dataDir, 'portal'),
      databaseUrl: await testDatabaseUrl(path.join(dataDir, 'portal')),
      resourcesDir,
      mode: opts.mode ?? 'training',
      host: '127.0.0.1',
      port: 0,
      ...opts.config,
    },
    opts.now ? { now: opts.now } : {},
  );
  const { db, sessions } = portal.context;
  return {
    ...portal,
    dataDir,
    async citizen(o = {}) {
      const id = await createCitizenAccount(db, {
        citizenId: o.citizenId ?? cccd(++accountSerial + 500),
        password: 'MatKhau@2026',
        fullName: o.fullName ?? 'Nguyễn Văn An',
        phone: '0912345678',
      });
      return { accountId: id, token: (await sessions.issue(id)).token };
    },
    async officer(agencyCode = AGENCY_A.code) {
      const id = await createOfficerAccount(db, {
        username: `canbo${++accountSerial}`,
        password: 'MatKhau@2026',
        fullName: 'Trần Thị Bình',
        agencyCode,
      });
      return { accountId: id, token: (await sessions.issue(id)).token };
    },
    async admin(agencyCode = AGENCY_A.code) {
      const id = await createOfficerAccount(db, {
        username: `quantri${++accountSerial}`,
        password: 'MatKhau@2026',
        fullName: 'Lê Văn Quản',
        agencyCode,
        isAdmin: true,
      });
      return { accountId: id, token: (await sessions.issue(id)).token };
    },
    async relogin(accountId) {
      return (await sessions.issue(accountId)).token;
    },
    async close() {
      await portal.close();
      if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

export interface FilePart {
  part: string;
  bytes: Buffer;
  name: string;
  type?: string;
}

export function applicationForm(application: unknown, files: readonly FilePart[]): FormData {
  const form = new FormData();
  form.append('application', JSON.stringify(application));
  for (const f of files) form.append(f.part, new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
  return form;
}

const PROXY = { kind: 'proxy', relation: 'Tài khoản kiểm thử nộp hộ' } as const;

export function khaiSinhApplication(overrides: Partial<ApplicationSubmissionInput> = {}): ApplicationSubmissionInput {
  return {
    procedureCode: KHAI_SINH.code,
    applicant: { fullName: 'Nguyễn Văn An', citizenId: cccd(1), phone: '0912345678', address: 'Thôn An Điềm, xã Bình Sơn, tỉnh Quảng Ngãi' },
    fields: { childName: 'Nguyễn Thị Bé', childBirthDate: '2026-02-20', childSex: 'nu' },
    channel: 'truc_tuyen',
    declarationAccepted: true,
    // Test accounts file for fictional applicants; tests of the applicant binding override this.
    submitter: PROXY,
    ...overrides,
  };
}

export const TO_KHAI_FILE: FilePart = { part: 'doc:to-khai', bytes: PDF, name: 'to-khai.pdf', type: 'application/pdf' };
export const GIAY_CHUNG_SINH_FILE: FilePart = { part: 'doc:giay-chung-sinh', bytes: JPEG, name: 'giay-chung-sinh.jpg', type: 'image/jpeg' };
export const KHAI_SINH_FILES: FilePart[] = [TO_KHAI_FILE, GIAY_CHUNG_SINH_FILE];

export function thuongTruApplication(channel: 'truc_tuyen' | 'truc_tiep' | 'buu_chinh' = 'truc_tuyen'): ApplicationSubmissionInput {
  return {
    procedureCode: THUONG_TRU.code,
    applicant: { fullName: 'Lê Thị Hoa', citizenId: cccd(2), phone: '0987654321', address: 'Phường Nghĩa Lộ, tỉnh Quảng Ngãi' },
    fields: { newAddress: 'Số 12 Hùng Vương, phường Nghĩa Lộ', members: 3 },
    channel,
    declarationAccepted: true,
    submitter: PROXY,
  };
}

export const THUONG_TRU_FILES: FilePart[] = [
  { part: 'doc:to-khai', bytes: PDF, name: 'ct01.pdf' },
  { part: 'doc:giay-to-cho-o', bytes: PNG, name: 'so-do.png' },
];

export async function submit(
  url: string,
  token: string | null,
  form: FormData,
  key: string | null = crypto.randomUUID(),
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } } }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (key !== null) headers['idempotency-key'] = key;
  const res = await fetch(`${url}/api/v1/applications`, { method: 'POST', headers, body: form });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function call(
  url: string,
  method: string,
  pathname: string,
  token: string | null = null,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } } }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
