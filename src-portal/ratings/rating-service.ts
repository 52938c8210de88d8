import { z } from 'zod';
import { fromVnParts, parseDateKey } from '../../src-shared/domain/vn-time.js';
import type { RatingCriteria, RatingSaved, RatingSubmission, RatingSummary } from '../../src-shared/portal-officer-api.js';
import type { Principal } from '../auth/principal.js';
import { sha256Hex } from '../auth/secrets.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { maySeeFull } from '../applications/access.js';
import { lockApplication } from '../applications/records.js';
import { scoreProblems } from './criteria.js';

/**
 * "Đánh giá mức độ hài lòng": one rating per application, in status 9 or
 * 10, by its owner or applicant, or with the one-time token handed out at
 * the return. The rating row keeps which officer was rated but never who
 * rated, so no view can show it.
 */

const ScoresSchema = z.record(z.string(), z.number());

function alreadyRated(code: string): PortalHttpError {
  return new PortalHttpError(409, 'ALREADY_RATED', `Hồ sơ ${code} đã được đánh giá mức độ hài lòng. Mỗi hồ sơ chỉ được đánh giá một lần.`);
}

export async function saveRating(
  ctx: PortalContext,
  criteria: RatingCriteria,
  principal: Principal | null,
  code: string,
  body: RatingSubmission,
): Promise<RatingSaved> {
  const problems = scoreProblems(criteria, body.scores);
  if (problems.length > 0) throw new PortalHttpError(400, 'INVALID_RATING', `Phiếu đánh giá chưa hợp lệ: ${problems.join(' ')}`, problems);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, code);
    const at = ctx.now();
    let via: 'account' | 'token';
    if (body.ratingToken !== undefined) {
      const token = await trx.selectFrom('rating_tokens').selectAll().where('token_hash', '=', sha256Hex(body.ratingToken)).executeTakeFirst();
      if (!token || token.application_id !== row.id || token.used_at !== null || new Date(token.expires_at) <= at) {
        throw new PortalHttpError(403, 'RATING_TOKEN_INVALID', 'Mã đánh giá không hợp lệ, đã dùng hoặc đã hết hạn. Vui lòng đăng nhập để đánh giá hồ sơ.');
      }
      await trx.updateTable('rating_tokens').set({ used_at: at.toISOString() }).where('token_hash', '=', token.token_hash).execute();
      via = 'token';
    } else {
      if (!principal) throw new PortalHttpError(401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập để đánh giá hồ sơ.', undefined, { 'WWW-Authenticate': 'Bearer' });
      if ((principal.role !== 'citizen' && principal.role !== 'business') || !maySeeFull(principal, row)) {
        throw new PortalHttpError(403, 'FORBIDDEN', 'Chỉ người nộp hồ sơ mới đánh giá được mức độ hài lòng của hồ sơ này.');
      }
      via = 'account';
    }
    if (row.status !== 9 && row.status !== 10) {
      throw new PortalHttpError(409, 'RATING_NOT_ALLOWED', `Hồ sơ ${row.code} chưa xử lý xong; chỉ đánh giá được hồ sơ đã xử lý xong hoặc đã trả kết quả.`);
    }
    const existing = await trx.selectFrom('ratings').select('id').where('application_id', '=', row.id).executeTakeFirst();
    if (existing) throw alreadyRated(row.code);
    // The officer rated is the one who accepted the application; a counter reception (received_by) otherwise.
    const accepted = await trx
      .selectFrom('application_status_history')
      .select(['actor_account_id', 'actor_name'])
      .where('application_id', '=', row.id)
      .where('to_status', '=', 2)
      .where('actor_role', '=', 'officer')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const officerId = accepted?.actor_account_id ?? row.received_by_account_id;
    const officerName = accepted?.actor_name ?? row.received_by_name;
    await trx
      .insertInto('ratings')
      .values({
        application_id: row.id,
        agency_code: row.agency_code,
        officer_account_id: officerId,
        officer_name: officerName,
        scores_json: JSON.stringify(body.scores),
        comment: body.comment ? body.comment.normalize('NFC') : null,
        via,
        rated_at: at.toISOString(),
      })
      .execute();
    return { code: row.code, ratedAt: at.toISOString() };
  });
}

function aggregate(criteria: RatingCriteria, rows: readonly { scores: Record<string, number> }[]) {
  const averages: Record<string, number | null> = {};
  let sum = 0;
  let n = 0;
  for (const c of criteria.criteria) {
    const values = rows.map((r) => r.scores[c.id]).filter((v): v is number => v !== undefined);
    averages[c.id] = values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);
    sum += values.reduce((a, b) => a + b, 0);
    n += values.length;
  }
  return { count: rows.length, averages, overall: n === 0 ? null : round(sum / n) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function startOfVnDay(key: string): string {
  const d = parseDateKey(key);
  if (!d) throw new PortalHttpError(400, 'INVALID_DATE', `Ngày ${key} không tồn tại.`);
  return fromVnParts(d).toISOString();
}

/** Per agency and per officer rated; the rows carry no trace of who rated. */
export async function ratingSummary(
  ctx: PortalContext,
  criteria: RatingCriteria,
  agency: { code: string; name: string },
  range: { from?: string | undefined; to?: string | undefined },
): Promise<RatingSummary> {
  let q = ctx.db.selectFrom('ratings').select(['officer_account_id', 'officer_name', 'scores_json']).where('agency_code', '=', agency.code);
  if (range.from) q = q.where('rated_at', '>=', startOfVnDay(range.from));
  if (range.to) q = q.where('rated_at', '<', new Date(new Date(startOfVnDay(range.to)).getTime() + 86_400_000).toISOString());
  const rows = (await q.execute()).map((r) => ({ officerId: r.officer_account_id, officerName: r.officer_name, scores: ScoresSchema.parse(JSON.parse(r.scores_json)) }));
  const byOfficer = new Map<number, { name: string; rows: typeof rows }>();
  for (const r of rows) {
    if (r.officerId === null) continue;
    const entry = byOfficer.get(r.officerId) ?? { name: r.officerName ?? '', rows: [] };
    entry.rows.push(r);
    byOfficer.set(r.officerId, entry);
  }
  return {
    agency: { ...agency, ...aggregate(criteria, rows) },
    officers: [...byOfficer].map(([accountId, e]) => ({ accountId, name: e.name, ...aggregate(criteria, e.rows) })).sort((a, b) => a.accountId - b.accountId),
  };
}
