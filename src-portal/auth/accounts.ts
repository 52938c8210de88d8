import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { PortalDb } from '../db/tables.js';
import type { AuthTables } from '../db/auth-tables.js';
import { PortalHttpError } from '../http/errors.js';
import { AgencySchema } from '../../src-shared/catalogue.js';
import { hashPassword } from './passwords.js';
import { citizenIdProblem, normalizeCitizenId, normalizeVnMobile, taxCodeProblem } from './identifiers.js';
import { isUniqueViolation } from '../db/errors.js';

/**
 * Accounts of the three kinds the portal knows. Creation validates the
 * identifiers (CCCD/CMND, MST, phone) and hashes the password; records
 * returned here never carry the password hash.
 */

interface AccountBase {
  id: number;
  displayName: string;
  isDemo: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface CitizenAccount extends AccountBase {
  role: 'citizen';
  citizenId: string;
  phone: string;
  email: string | null;
  address: string | null;
  /** yyyy-MM-dd */
  birthDate: string | null;
}

export interface OfficerAccount extends AccountBase {
  role: 'officer';
  username: string;
  agencyCode: string;
  /** May use /api/v1/admin/* (holiday table, kiosk enrolment). */
  isAdmin: boolean;
}

export interface BusinessAccount extends AccountBase {
  role: 'business';
  taxCode: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** An enrolled kiosk device (auth/kiosk-device.ts). */
export interface KioskDeviceAccount extends AccountBase {
  role: 'kiosk';
  kioskId: string;
}

export type Account = CitizenAccount | OfficerAccount | BusinessAccount | KioskDeviceAccount;

type AccountRow = Selectable<AuthTables['accounts']>;

const PasswordSchema = z.string().min(8, 'Mật khẩu phải có ít nhất 8 ký tự.').max(128, 'Mật khẩu dài quá 128 ký tự.');
const NameSchema = z.string().trim().min(1, 'Họ tên không được để trống.').max(200);

export interface NewCitizenAccount {
  citizenId: string;
  password: string;
  fullName: string;
  phone: string;
  email?: string;
  address?: string;
  /** yyyy-MM-dd */
  birthDate?: string;
  /** Training-mode demo account: refused in production. */
  isDemo?: boolean;
}

export interface NewOfficerAccount {
  username: string;
  password: string;
  fullName: string;
  agencyCode: string;
  isDemo?: boolean;
  /** Portal administrator (holiday table, kiosk enrolment). */
  isAdmin?: boolean;
}

export interface NewBusinessAccount {
  taxCode: string;
  companyName: string;
  phone?: string;
  email?: string;
  address?: string;
  isDemo?: boolean;
}

function invalid(message: string): PortalHttpError {
  return new PortalHttpError(400, 'INVALID_ACCOUNT', message);
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error.issues.map((i) => i.message).join(' '));
  return r.data;
}

const OptionalEmail = z.email('Địa chỉ thư điện tử không hợp lệ.').max(200).optional();
const OptionalText = z.string().trim().max(500).optional();
const OptionalBirthDate = z.iso.date('Ngày sinh phải có dạng yyyy-MM-dd.').optional();

async function insertAccount(
  db: Kysely<PortalDb>,
  values: Omit<AccountRow, 'id' | 'disabled' | 'locked_until' | 'created_at' | 'is_admin'> & { is_admin?: number },
): Promise<number> {
  const existing = await db.selectFrom('accounts').select('id').where('username', '=', values.username).executeTakeFirst();
  if (existing) throw new PortalHttpError(409, 'ACCOUNT_EXISTS', 'Tài khoản này đã tồn tại.');
  try {
    const row = await db
      .insertInto('accounts')
      .values({ ...values, disabled: 0, locked_until: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (e) {
    // A concurrent creation of the same account won between the check and the insert.
    if (isUniqueViolation(e)) throw new PortalHttpError(409, 'ACCOUNT_EXISTS', 'Tài khoản này đã tồn tại.');
    throw e;
  }
}

export async function createCitizenAccount(db: Kysely<PortalDb>, input: NewCitizenAccount): Promise<number> {
  const citizenId = normalizeCitizenId(input.citizenId);
  const problem = citizenIdProblem(citizenId);
  if (problem) throw invalid(problem);
  const phone = normalizeVnMobile(input.phone);
  if (!phone) throw invalid('Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).');
  const password = parseOrThrow(PasswordSchema, input.password);
  const fullName = parseOrThrow(NameSchema, input.fullName).normalize('NFC');
  return insertAccount(db, {
    role: 'citizen',
    username: citizenId,
    display_name: fullName,
    password_hash: await hashPassword(password),
    citizen_id: citizenId,
    tax_code: null,
    agency_code: null,
    phone,
    email: parseOrThrow(OptionalEmail, input.email) ?? null,
    address: parseOrThrow(OptionalText, input.address)?.normalize('NFC') ?? null,
    birth_date: parseOrThrow(OptionalBirthDate, input.birthDate) ?? null,
    is_demo: input.isDemo ? 1 : 0,
  });
}

/** Staff usernames are lower-case words, never all digits (those are citizen ids). */
const OfficerUsernameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{2,63}$/, 'Tên đăng nhập cán bộ gồm 3–64 ký tự a–z, 0–9, dấu chấm, gạch ngang, gạch dưới và bắt đầu bằng chữ cái.');

export async function createOfficerAccount(db: Kysely<PortalDb>, input: NewOfficerAccount): Promise<number> {
  const username = parseOrThrow(OfficerUsernameSchema, input.username.trim().toLowerCase());
  const agencyCode = parseOrThrow(
    z.string().trim().toUpperCase().pipe(AgencySchema.shape.code),
    input.agencyCode,
  );
  return insertAccount(db, {
    role: 'officer',
    username,
    display_name: parseOrThrow(NameSchema, input.fullName).normalize('NFC'),
    password_hash: await hashPassword(parseOrThrow(PasswordSchema, input.password)),
    citizen_id: null,
    tax_code: null,
    agency_code: agencyCode,
    phone: null,
    email: null,
    address: null,
    birth_date: null,
    is_demo: input.isDemo ? 1 : 0,
    is_admin: input.isAdmin ? 1 : 0,
  });
}

export async function createBusinessAccount(db: Kysely<PortalDb>, input: NewBusinessAccount): Promise<number> {
  const taxCode = input.taxCode.trim();
  const problem = taxCodeProblem(taxCode);
  if (problem) throw invalid(problem);
  let phone: string | null = null;
  if (input.phone !== undefined) {
    phone = normalizeVnMobile(input.phone);
    if (!phone) throw invalid('Số điện thoại di động không hợp lệ.');
  }
  return insertAccount(db, {
    role: 'business',
    username: taxCode,
    display_name: parseOrThrow(z.string().trim().min(1, 'Tên doanh nghiệp không được để trống.').max(300), input.companyName).normalize('NFC'),
    password_hash: null,
    citizen_id: null,
    tax_code: taxCode,
    agency_code: null,
    phone,
    email: parseOrThrow(OptionalEmail, input.email) ?? null,
    address: parseOrThrow(OptionalText, input.address)?.normalize('NFC') ?? null,
    birth_date: null,
    is_demo: input.isDemo ? 1 : 0,
  });
}

export function toAccount(row: AccountRow): Account {
  const base: AccountBase = {
    id: row.id,
    displayName: row.display_name,
    isDemo: row.is_demo === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
  switch (row.role) {
    case 'citizen':
      return {
        ...base,
        role: 'citizen',
        citizenId: row.citizen_id ?? row.username,
        phone: row.phone ?? '',
        email: row.email,
        address: row.address,
        birthDate: row.birth_date,
      };
    case 'officer':
      return { ...base, role: 'officer', username: row.username, agencyCode: row.agency_code ?? '', isAdmin: row.is_admin === 1 };
    case 'business':
      return { ...base, role: 'business', taxCode: row.tax_code ?? row.username, phone: row.phone, email: row.email, address: row.address };
    case 'kiosk':
      return { ...base, role: 'kiosk', kioskId: row.username };
  }
}

export async function getAccount(db: Kysely<PortalDb>, id: number): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The row a login looks at (with its password hash and lock state); null when there is none of that role. */
export async function findLoginRow(db: Kysely<PortalDb>, role: AccountRow['role'], username: string): Promise<AccountRow | null> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('role', '=', role)
    .where('username', '=', username)
    .executeTakeFirst();
  return row ?? null;
}

export async function findBusinessByTaxCode(db: Kysely<PortalDb>, taxCode: string): Promise<AccountRow | null> {
  const row = await db.selectFrom('accounts').selectAll().where('role', '=', 'business').where('tax_code', '=', taxCode).executeTakeFirst();
  return row ?? null;
}
