import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PortalHttpError } from '../http/errors.js';

/**
 * Which areas (lĩnh vực) each one-stop centre queues, under which letter, and
 * which counters receive them: data (resources/queue/centres.json), so a
 * centre that adds a counter changes a file, not the code. A letter is fixed
 * per area because the day's numbers (`B-015`) are counted per letter.
 */
export const CENTRES_FILE = path.join('queue', 'centres.json');

const CentreConfigSchema = z.object({
  agencyCode: z.string().min(1),
  closesAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Ordinary tickets called between two priority ones while both wait. */
  normalsPerPriority: z.number().int().min(0).max(20),
  areas: z
    .array(z.object({ letter: z.string().regex(/^[A-Z]$/), field: z.string().min(1), counters: z.array(z.number().int().positive()).min(1) }))
    .min(1)
    .refine((areas) => new Set(areas.map((a) => a.letter)).size === areas.length, 'Mỗi lĩnh vực một chữ cái riêng.'),
});
export type CentreConfig = z.infer<typeof CentreConfigSchema>;

const CentresFileSchema = z.object({ centres: z.array(CentreConfigSchema) });

const cache = new Map<string, CentreConfig[]>();

function loadCentres(resourcesDir: string): CentreConfig[] {
  const file = path.join(resourcesDir, CENTRES_FILE);
  const cached = cache.get(file);
  if (cached) return cached;
  let centres: CentreConfig[] = [];
  if (fs.existsSync(file)) {
    const parsed = CentresFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new PortalHttpError(503, 'QUEUE_MISCONFIGURED', 'Cấu hình hàng đợi của Cổng (queue/centres.json) không hợp lệ. Vui lòng liên hệ quản trị viên.');
    centres = parsed.data.centres;
  }
  cache.set(file, centres);
  return centres;
}

export function requireCentre(resourcesDir: string, agencyCode: string): CentreConfig {
  const centre = loadCentres(resourcesDir).find((c) => c.agencyCode === agencyCode);
  if (!centre) throw new PortalHttpError(404, 'QUEUE_NOT_OFFERED', 'Cơ quan này chưa dùng hàng đợi lấy số thứ tự.');
  return centre;
}

export function requireArea(centre: CentreConfig, letter: string): CentreConfig['areas'][number] {
  const area = centre.areas.find((a) => a.letter === letter);
  if (!area) throw new PortalHttpError(400, 'UNKNOWN_AREA', `Lĩnh vực "${letter}" không có trong hàng đợi của cơ quan này.`);
  return area;
}

export function centreCounters(centre: CentreConfig): number[] {
  return [...new Set(centre.areas.flatMap((a) => a.counters))].sort((a, b) => a - b);
}

export function requireCounter(centre: CentreConfig, counter: number): number {
  if (!centreCounters(centre).includes(counter)) throw new PortalHttpError(400, 'UNKNOWN_COUNTER', `Quầy số ${counter} không có ở bộ phận một cửa này.`);
  return counter;
}

/** The letters of the areas a counter receives. */
export function counterAreas(centre: CentreConfig, counter: number): string[] {
  return centre.areas.filter((a) => a.counters.includes(counter)).map((a) => a.letter);
}
