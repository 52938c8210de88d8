import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPortal } from '../support/portal.js';

let portal: Awaited<ReturnType<typeof startTestPortal>>;

beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal.close();
});

describe('portal OpenAPI document', () => {
  it('is generated from the route schemas and validates against the OpenAPI 3 schema', async () => {
    const res = await fetch(`${portal.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const p of ['/api/v1/procedures', '/api/v1/auth/login', '/api/v1/auth/otp/verify', '/api/v1/applications/{code}', '/api/v1/auth/kiosk']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });

  it('describes the catalogue page with the same schema the kiosk validates', async () => {
    const doc = (await (await fetch(`${portal.url}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> } }>;
    };
    const schema = doc.paths['/api/v1/procedures']?.get?.responses['200']?.content['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['version', 'items', 'removed', 'total']));
  });
});
