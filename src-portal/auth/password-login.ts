import type { Selectable } from 'kysely';
import type { PortalContext } from '../context.js';
import type { AuthTables } from '../db/auth-tables.js';
import { PortalHttpError } from '../http/errors.js';
import { findLoginRow } from './accounts.js';
import { normalizeCitizenId } from './identifiers.js';
import { claimAttemptSlot, settleFailedAttempt, settleSucceededAttempt } from './lockout.js';
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
 *
 * Every checked wrong password answers 401, the one that fills the window
 * included; the lock answers from the next attempt on. So "how many 401s"
 * is exactly "how many wrong passwords were checked", which is at most
 * MAX_FAILURES per window (see lockout.ts).
 *
 * A citizen's password is only half the login: their earlier failures are
 * forgiven when the OTP step completes, not here, so guessing codes
 * through fresh challenges still runs into the lock.
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
  const slot = await claimAttemptSlot(ctx, row.id);
  // Should the check throw, the slot stays pending and counts as a failure until the window ends: an error is no free guess.
  if (!(await verifyPassword(password, row.password_hash))) {
    await settleFailedAttempt(ctx, row.id, slot);
    throw invalidCredentials();
  }
  await settleSucceededAttempt(ctx, row.id, slot, role === 'officer');
  accountUsableOrThrow(ctx, row);
  return row;
}
