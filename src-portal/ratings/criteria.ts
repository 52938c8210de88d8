import fs from 'node:fs';
import path from 'node:path';
import { RatingCriteriaSchema, type RatingCriteria } from '../../src-shared/portal-officer-api.js';
import { PortalHttpError } from '../http/errors.js';

/** The criteria and the scale are data (resources/ratings), so a new decision changes a file, not the code. */
export const CRITERIA_FILE = path.join('ratings', 'tieu-chi-danh-gia-hai-long.json');

const cache = new Map<string, RatingCriteria>();

export function loadRatingCriteria(resourcesDir: string): RatingCriteria {
  const file = path.join(resourcesDir, CRITERIA_FILE);
  const cached = cache.get(file);
  if (cached) return cached;
  let parsed: RatingCriteria;
  try {
    parsed = RatingCriteriaSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    throw new PortalHttpError(503, 'RATINGS_UNAVAILABLE', 'Chưa cấu hình bộ tiêu chí đánh giá mức độ hài lòng trên Cổng. Vui lòng liên hệ quản trị viên.');
  }
  cache.set(file, parsed);
  return parsed;
}

/** Every criterion scored once, each score on the scale, nothing else: the problems in Vietnamese. */
export function scoreProblems(criteria: RatingCriteria, scores: Record<string, number>): string[] {
  const allowed = new Set(criteria.scale.map((s) => s.score));
  const problems: string[] = [];
  for (const c of criteria.criteria) {
    const score = scores[c.id];
    if (score === undefined) problems.push(`Chưa chấm tiêu chí "${c.label}".`);
    else if (!allowed.has(score)) problems.push(`Điểm ${score} của tiêu chí "${c.label}" không thuộc thang điểm.`);
  }
  const known = new Set(criteria.criteria.map((c) => c.id));
  for (const id of Object.keys(scores)) if (!known.has(id)) problems.push(`Tiêu chí "${id}" không có trong bộ tiêu chí.`);
  return problems;
}
