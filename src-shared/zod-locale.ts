import { z } from 'zod';
import { DETAIL_MESSAGES, type DetailKey, type FieldIssue } from './detail-messages.js';

/**
 * Validation messages in Vietnamese (zod ships a vi locale). Every process
 * that validates at a boundary imports this once, so a field error reads
 * "Dữ liệu không hợp lệ: …" rather than English.
 */
z.config(z.locales.vi());

// A schema's own sentence (a pattern's explanation) is a detail the UI can word; zod's generic ones are not.
const KEY_OF_SENTENCE = new Map<string, DetailKey>(
  (Object.keys(DETAIL_MESSAGES) as DetailKey[]).filter((k) => !DETAIL_MESSAGES[k].vi.includes('{')).map((k) => [DETAIL_MESSAGES[k].vi, k]),
);

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const key = KEY_OF_SENTENCE.get(i.message);
    return { path: i.path.map(String).join('.'), message: i.message, ...(key ? { key } : {}) };
  });
}
