import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RatingCriteriaSchema } from '../../src-shared/portal-officer-api.js';
import { startTestPortal } from '../support/portal.js';

let portal: Awaited<ReturnType<typeof startTestPortal>>;

beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal.close();
});

type Doc = { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string; in: string }[] }>> };

describe('the officer API in /openapi.json', () => {
  it('describes every officer, supplement, return and rating endpoint, and still validates', async () => {
    const doc = (await (await fetch(`${portal.url}/openapi.json`)).json()) as Doc;
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    const expected: [string, string][] = [
      ['/api/v1/officer/worklist', 'get'],
      ['/api/v1/officer/applications/{code}/attachments/{sha256}', 'get'],
      ['/api/v1/officer/applications/{code}/accept', 'post'],
      ['/api/v1/officer/applications/{code}/request-supplement', 'post'],
      ['/api/v1/officer/applications/{code}/reject', 'post'],
      ['/api/v1/officer/applications/{code}/start-processing', 'post'],
      ['/api/v1/officer/applications/{code}/finish-processing', 'post'],
      ['/api/v1/officer/applications/{code}/return', 'post'],
      ['/api/v1/officer/ratings/summary', 'get'],
      ['/api/v1/applications/{code}/supplement-request', 'get'],
      ['/api/v1/applications/{code}/supplements', 'post'],
      ['/api/v1/applications/{code}/rating', 'post'],
      ['/api/v1/ratings/criteria', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.paths['/api/v1/officer/applications/{code}/accept']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/officer/applications/{code}/accept']?.post?.parameters?.map((x) => x.name)).toContain('x-kiosk-id');
    expect(doc.paths['/api/v1/applications/{code}/supplements']?.post?.parameters?.map((x) => x.name)).toContain('idempotency-key');
  });

  it('serves the shipped rating criteria from resources/ratings', async () => {
    const r = await fetch(`${portal.url}/api/v1/ratings/criteria`);
    expect(r.status).toBe(200);
    const criteria = RatingCriteriaSchema.parse(await r.json());
    expect(new Set(criteria.criteria.map((c) => c.id)).size).toBe(criteria.criteria.length);
    for (const c of criteria.criteria) {
      expect(c.label.normalize('NFC')).toBe(c.label);
      expect(c.labelEn).not.toBe('');
    }
  });
});
