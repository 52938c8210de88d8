import type { Selectable } from 'kysely';
import type { PortalContext } from '../context.js';
import type { AuthTables } from '../db/auth-tables.js';
import { PortalHttpError } from '../http/errors.js';
import { findLoginRow } from './accounts.js';
import { normalizeCitizenId } from './identifiers.js';
import { accountLockedError, assertNotLocked, clearLoginFailures, recordLoginFailure } from './lockout.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';

type AccountRow = Selectable<AuthTables['accounts']>;

export const INVALID_CREDENTIALS_MESSAGE = 'Tên đăng nhập hoặc mật khẩu không đúng.';

const invalidCredentials = () => new PortalHttpError(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);

export function accountUsableOrThrow(ctx: Pick<PortalContext, 'config'>, row: Pick<AccountRow, 'disabled' | 'is_demo'>): void {
  if (row.is_demo && ctx.config.mode === 'production') {
    throw new PortalHttpError(403, 'ACCOUNT_DISABLED', 'Tài khoản tập huấn không được dùng trên cổng chính thức.');
  }
  if (row.disabled) {
    throw new PortalHttpError(403, 'ACCOUNT_DISABLED', 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ bộ phận một cửa để được hỗ trợ.');
  }
}

/**
 * The password step shared by citizen and staff login. Unknown usernames and
 * wrong passwords get the same answer in about the same time; an account
 * locked by repeated failures is refused even with the right password.
 */
export async function checkPasswordLogin(
  ctx: Pick<PortalContext, 'db' | 'now' | 'config'>,
  role: 'citizen' | 'officer',
  rawUsername: string,
  password: string,
): Promise<AccountRow> {
  const username = role === 'citizen' ? normalizeCitizenId(rawUsername) : rawUsername.trim().toLowerCase();
  const row = await findLoginRow(ctx.db, role, username);
  if (!row?.password_hash) {
    await burnPasswordCheck(password);
    throw invalidCredentials();
  }
  assertNotLocked(ctx.now(), row.locked_until);
  if (!(await verifyPassword(password, row.password_hash))) {
    const lockedUntil = await recordLoginFailure(ctx, row.id);
    if (lockedUntil) throw accountLockedError(ctx.now(), lockedUntil);
    throw invalidCredentials();
  }
  await clearLoginFailures(ctx, row.id);
  accountUsableOrThrow(ctx, row);
  return row;
}
