import { sql, type Kysely } from 'kysely';

/**
 * Lockout without races, an admin flag, OTP challenge caps, per-account
 * idempotency keys.
 *
 * - login_failures.pending: a password attempt claims its slot before the
 *   hash is checked (1), and the row turns into a counted failure (0) or is
 *   removed once the answer is known. Pending rows count toward the limit,
 *   so parallel requests cannot check more wrong passwords than the limit.
 * - accounts.is_admin: officers allowed to use /api/v1/admin/*.
 * - otp_challenges(account_id, created_at): the per-hour challenge cap.
 * - Idempotency keys were one namespace for every account; they are now
 *   stored as `<accountId>:<key>` (existing rows rewritten the same way so a
 *   kiosk retrying an old entry still gets its original answer).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_failures').addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('accounts').addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('otp_challenges_account_created').on('otp_challenges').columns(['account_id', 'created_at']).execute();
  await sql`UPDATE idempotency_keys SET key = account_id || ':' || key`.execute(db);
  await sql`UPDATE applications SET idempotency_key = submitted_by_account_id || ':' || idempotency_key`.execute(db);
}
