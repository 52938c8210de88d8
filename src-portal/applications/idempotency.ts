import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeySchema } from '../../src-shared/portal-applications-api.js';
import type { PortalDb } from '../db/tables.js';
import { PortalHttpError } from '../http/errors.js';

/**
 * Idempotency keys for POST /applications, after the IETF httpapi draft and
 * Stripe: the same key with the same request gives back the stored answer;
 * with a different request, 422; while the first request is still being
 * handled, 409. Only a created application's answer is stored — a request
 * refused by validation leaves the key free, so the client can fix and resend.
 *
 * A key that is merely in flight with another body answers 409, not 422:
 * that request may yet be refused and release the key, and telling the
 * other one "reused" would send a valid application to "cần sửa" although
 * nothing was created. 422 is for a key that did create something.
 *
 * Keys are scoped to the sending account (a kiosk device is an account):
 * the same key from two accounts names two different requests, and one
 * account can neither replay, block nor probe another's keys.
 */

/** An in-flight claim older than this belongs to a request that died (crash, killed process) and may be taken over. */
export const IN_FLIGHT_STALE_MS = 2 * 60_000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type Claim = { kind: 'claimed'; startedAt: string } | { kind: 'replay'; answer: StoredAnswer };

/** The stored form of a client's key: `<accountId>:<key>` (account ids are digits, so the first colon separates). */
export function scopedIdempotencyKey(accountId: number, key: string): string {
  return `${accountId}:${key}`;
}

/** Key order must not change the fingerprint: the kiosk may serialise the same object differently after a restart. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Who sends it, what it says, and which files (by part and content hash, in a stable order). */
export function requestFingerprint(accountId: number, application: unknown, files: readonly { part: string; sha256: string }[]): string {
  const fileList = files.map((f) => `${f.part}\u0000${f.sha256}`).sort();
  return crypto
    .createHash('sha256')
    .update(canonicalJson({ accountId, application, files: fileList }))
    .digest('hex');
}

function reused(): PortalHttpError {
  return new PortalHttpError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một hồ sơ khác. Vui lòng tạo khóa mới cho hồ sơ mới.',
  );
}

function inFlight(): PortalHttpError {
  return new PortalHttpError(
    409,
    'IDEMPOTENCY_IN_FLIGHT',
    'Hồ sơ với khóa chống gửi trùng này đang được xử lý. Vui lòng chờ giây lát rồi kiểm tra lại.',
    undefined,
    { 'Retry-After': '2' },
  );
}

export async function claimIdempotencyKey(
  db: Kysely<PortalDb>,
  key: string,
  fingerprint: string,
  accountId: number,
  now: Date,
  retries = 3,
): Promise<Claim> {
  const startedAt = now.toISOString();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ key, fingerprint, account_id: accountId, state: 'in_flight', started_at: startedAt, response_status: null, response_body: null, application_id: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed', startedAt };

  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
  // Released between our insert and this read: the key is free again, so try once more.
  if (!row) {
    if (retries > 0) return claimIdempotencyKey(db, key, fingerprint, accountId, now, retries - 1);
    throw inFlight();
  }
  if (row.state === 'done' && row.response_status !== null && row.response_body !== null) {
    if (row.fingerprint !== fingerprint) throw reused();
    return { kind: 'replay', answer: { status: row.response_status, body: JSON.parse(row.response_body) as unknown } };
  }
  if (now.getTime() - new Date(row.started_at).getTime() < IN_FLIGHT_STALE_MS) throw inFlight();
  // Take over an abandoned claim (it created nothing: the answer is stored in the creating transaction),
  // whatever body it had; the compare on started_at lets only one of several retries win.
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ started_at: startedAt, fingerprint })
    .where('key', '=', key)
    .where('state', '=', 'in_flight')
    .where('started_at', '=', row.started_at)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 1) return { kind: 'claimed', startedAt };
  throw inFlight();
}

/** Frees a claim whose request was refused, so the key can be used again once the problem is fixed. */
export async function releaseIdempotencyKey(db: Kysely<PortalDb>, key: string, startedAt: string): Promise<void> {
  // Matching started_at leaves alone a claim another retry has taken over meanwhile.
  await db.deleteFrom('idempotency_keys').where('key', '=', key).where('state', '=', 'in_flight').where('started_at', '=', startedAt).execute();
}

/** Records the answer; called inside the transaction that creates the application. */
export async function completeIdempotencyKey(
  db: Kysely<PortalDb>,
  key: string,
  applicationId: number,
  answer: StoredAnswer,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', response_status: answer.status, response_body: JSON.stringify(answer.body), application_id: applicationId })
    .where('key', '=', key)
    .execute();
}

/** The request's Idempotency-Key header, or a 400 that says what one key should stand for ("mỗi hồ sơ", "mỗi lần bổ sung"). */
export function idempotencyKeyOf(req: FastifyRequest, onePer: string): string {
  const raw = req.headers[IDEMPOTENCY_KEY_HEADER];
  const r = IdempotencyKeySchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!r.success) {
    throw new PortalHttpError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      `Thiếu hoặc sai khóa chống gửi trùng: tiêu đề Idempotency-Key phải có từ 8 đến 100 ký tự (nên dùng một UUID cho ${onePer}).`,
    );
  }
  return r.data;
}
