import fc from 'fast-check';

/**
 * fast-check arbitraries built from JSON Schema (what zod's toJSONSchema
 * gives for the kiosk contract, and what the portal's /openapi.json holds),
 * so a new call or endpoint is fuzzed without anyone writing its generator.
 * Values are mostly schema-shaped (to get past validation into handlers)
 * with hostile strings inside them, and mutated copies that break the
 * schema in one place.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  $ref?: string;
  default?: unknown;
}

/** Strings that have broken other systems: injections, traversal, controls, bidi overrides, odd Unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE applications; --",
  '" OR 1=1 --',
  '1; SELECT * FROM accounts',
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/shadow',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'x\u0000.pdf',
  '\u0000',
  '\u0007\u0008\u001b[2J',
  'hoa-don\u202egpj.exe',
  '\u2066\u2067\u2068\u2069',
  '\u200b\u200c\u200d\ufeff',
  '\ud800',
  '\udfff\ud800',
  '😀👨‍👩‍👧‍👦',
  'Nguyễn Văn An',
  'Ca\u0306n cu\u031bo\u031b\u0301c',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '9'.repeat(400),
  ' ',
  '\n\r\t',
  '',
  'null',
  'undefined',
  '%s%s%s%n',
  'A'.repeat(5000),
];

/** Values that are not what any field expects: huge and odd numbers, deep nesting, prototype keys, wrong types. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MAX_SAFE_INTEGER + 2,
      Number.MIN_SAFE_INTEGER - 2,
      1e21,
      -1,
      0,
      0.5,
      -0,
      2 ** 31,
      2 ** 63,
      null,
      true,
      false,
      [],
      {},
      [null],
      { __proto__: null, polluted: true },
      JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
      JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
      'x'.repeat(100_000),
      nested(200),
    ),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
}

function nested(depth: number): unknown {
  let v: unknown = 'đáy';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

export interface SchemaArbitraryOptions {
  /** The document `$ref`s point into (an OpenAPI document, or the schema itself). */
  root?: unknown;
  /** Property name → extra values worth trying there (real procedure codes, real file bytes…). */
  hints?: Record<string, fc.Arbitrary<unknown>>;
  /** Longest generated string, whatever the schema allows; oversize strings come from the mutations. */
  maxStringLength?: number;
}

function resolveRef(ref: string, root: unknown): JsonSchema {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return (node as JsonSchema | undefined) ?? {};
}

function clip(s: string, min: number, max: number): string {
  const cut = [...s].slice(0, max).join('');
  return cut.length >= min ? cut : cut + 'a'.repeat(min - cut.length);
}

function stringArbitrary(schema: JsonSchema, maxStringLength: number): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? maxStringLength, maxStringLength));
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot read: fall through to free text.
    }
  }
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date') return fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10));
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 2, arbitrary: fc.string({ maxLength: max }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: max }) },
      { weight: 1, arbitrary: fc.constantFrom('Đăng ký khai sinh', 'Phường Cẩm Thành', '051085001234', '0912000111', 'an@example.vn') },
    )
    .map((s) => clip(s, min, max));
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const min = Math.max(schema.minimum ?? exMin ?? -1e9, -1e12);
  const max = Math.min(schema.maximum ?? exMax ?? 1e9, 1e12);
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min + (exMin !== undefined && schema.minimum === undefined ? 1 : 0)), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
}

/** A schema-shaped value, with hostile text wherever free text is allowed. */
export function arbitraryFromSchema(schema: JsonSchema | boolean | undefined, opts: SchemaArbitraryOptions = {}, depth = 0, key?: string): fc.Arbitrary<unknown> {
  const root = opts.root ?? schema;
  const maxStringLength = opts.maxStringLength ?? 300;
  const hint = key !== undefined ? opts.hints?.[key] : undefined;
  const generated = fromSchema(schema, { ...opts, root, maxStringLength }, depth);
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: generated }) : generated;
}

function fromSchema(schema: JsonSchema | boolean | undefined, opts: SchemaArbitraryOptions & { maxStringLength: number }, depth: number): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) return fc.constant(undefined);
  if (schema.$ref) return fromSchema(resolveRef(schema.$ref, opts.root), opts, depth);
  if (depth > 8) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, opts, depth + 1)));
  if (schema.allOf?.length) return fromSchema(Object.assign({}, ...schema.allOf.map((s) => (s.$ref ? resolveRef(s.$ref, opts.root) : s))) as JsonSchema, opts, depth);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : [];
  if (types.length > 1) return fc.oneof(...types.map((t) => fromSchema({ ...schema, type: t }, opts, depth)));
  const base = typedArbitrary(types[0], schema, opts, depth);
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

function typedArbitrary(type: string | undefined, schema: JsonSchema, opts: SchemaArbitraryOptions & { maxStringLength: number }, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, opts.maxStringLength);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = Array.isArray(schema.items) ? undefined : schema.items;
      const maxLength = Math.min(schema.maxItems ?? 4, 4);
      return fc.array(arbitraryFromSchema(items, opts, depth + 1), { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength });
    }
    case 'object':
      return objectArbitrary(schema, opts, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: JsonSchema, opts: SchemaArbitraryOptions & { maxStringLength: number }, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of Object.entries(properties)) record[name] = arbitraryFromSchema(prop, opts, depth + 1, name);
  const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
  const fixed = fc.record(record, { requiredKeys });
  const extra = schema.additionalProperties;
  if (typeof extra !== 'object') return fixed;
  const keyArb = schema.propertyNames ? (fromSchema(schema.propertyNames, opts, depth + 1) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 20 });
  const extras = fc.dictionary(keyArb, arbitraryFromSchema(extra, opts, depth + 1), { maxKeys: 4 });
  return fc.tuple(fixed, extras).map(([a, b]) => ({ ...b, ...(a as object) }));
}

type Path = (string | number)[];

function containersOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(path);
  for (const [k, v] of Object.entries(value)) containersOf(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], value);
}

const MUTATIONS = ['replace', 'drop', 'extra', 'oversize'] as const;

/**
 * A schema-shaped value broken in one place: one field replaced by a
 * hostile value, a required field dropped, an unknown (or prototype) key
 * added, or a string made far too long.
 */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), fc.nat(), fc.constantFrom(...MUTATIONS), hostileValue(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'x'))
    .map(([value, pick, pickKey, mutation, bad, extraKey]) => {
      const copy = structuredClone(value);
      const containers = containersOf(copy);
      if (containers.length === 0) return bad;
      const target = at(copy, containers[pick % containers.length] ?? []) as Record<string, unknown>;
      const keys = Object.keys(target);
      const key = keys[pickKey % Math.max(keys.length, 1)];
      if (mutation === 'extra' || key === undefined) {
        Object.defineProperty(target, extraKey, { value: bad, enumerable: true, configurable: true, writable: true });
      } else if (mutation === 'drop') {
        Reflect.deleteProperty(target, key);
      } else if (mutation === 'oversize') {
        target[key] = 'Ư'.repeat(70_000);
      } else {
        target[key] = bad;
      }
      return copy;
    });
}

/** What a fuzzer sends to one input: mostly well-formed (to reach the handler), often broken in one place, sometimes anything. */
export function fuzzInput(schema: JsonSchema | boolean | undefined, opts: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const valid = arbitraryFromSchema(schema, opts);
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 4, arbitrary: mutated(valid) }, { weight: 1, arbitrary: hostileValue() });
}
