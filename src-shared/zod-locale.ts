import { z } from 'zod';

/**
 * Validation messages in Vietnamese (zod ships a vi locale). Every process
 * that validates at a boundary imports this once, so a field error reads
 * "Dữ liệu không hợp lệ: …" rather than English.
 */
z.config(z.locales.vi());

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
