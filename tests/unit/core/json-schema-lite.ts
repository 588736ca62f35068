// A small JSON Schema (2020-12) validator for the keywords the generated profile schema uses, so
// the published schema can be checked against the example profiles without a dependency. It
// throws on any keyword it does not know, so it can never pass a schema it did not understand.

type Schema = boolean | Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples']);
const ASSERTIONS = new Set([
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
  'allOf',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every problem with `value` against `schema`, as `path: problem`; empty when valid. */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const out: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !ASSERTIONS.has(key))
      throw new Error(`json-schema-lite does not know the keyword "${key}" (at ${path})`);
  }
  // The schema's keyword values are read as JSON Schema defines them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s = schema as Record<string, any>;
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeMatches(value, t)))
      return [`${path}: must be ${types.join(' or ')}, is ${typeOf(value)}`];
  }
  if (s.const !== undefined && !equal(value, s.const))
    out.push(`${path}: must be ${JSON.stringify(s.const)}`);
  if (s.enum !== undefined && !(s.enum as unknown[]).some((v) => equal(v, value)))
    out.push(`${path}: must be one of ${JSON.stringify(s.enum)}`);
  if (typeof value === 'string') {
    const length = [...value].length; // JSON Schema counts code points
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value))
      out.push(`${path}: must match ${s.pattern}`);
    if (s.minLength !== undefined && length < s.minLength)
      out.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && length > s.maxLength)
      out.push(`${path}: longer than ${s.maxLength}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) out.push(`${path}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) out.push(`${path}: above ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      out.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
      out.push(`${path}: not below ${s.exclusiveMaximum}`);
  }
  if (isObject(value)) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const name of (s.required ?? []) as string[])
      if (!(name in value)) out.push(`${path}: missing "${name}"`);
    for (const [name, v] of Object.entries(value)) {
      const at = `${path}.${name}`;
      if (s.propertyNames !== undefined)
        out.push(...validate(s.propertyNames, name, `${at} (name)`));
      if (name in properties) out.push(...validate(properties[name]!, v, at));
      else if (s.additionalProperties !== undefined)
        out.push(...validate(s.additionalProperties as Schema, v, at));
    }
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      out.push(`${path}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems)
      out.push(`${path}: more than ${s.maxItems} items`);
    if (s.items !== undefined)
      value.forEach((v, i) => out.push(...validate(s.items as Schema, v, `${path}[${i}]`)));
  }
  if (s.allOf !== undefined)
    for (const sub of s.allOf as Schema[]) out.push(...validate(sub, value, path));
  if (s.anyOf !== undefined) {
    const results = (s.anyOf as Schema[]).map((sub) => validate(sub, value, path));
    if (!results.some((r) => r.length === 0))
      out.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`);
  }
  if (s.oneOf !== undefined) {
    const results = (s.oneOf as Schema[]).map((sub) => validate(sub, value, path));
    const matching = results.filter((r) => r.length === 0).length;
    if (matching !== 1)
      out.push(
        `${path}: matches ${matching} of oneOf, must match exactly 1 (${results.map((r) => r[0] ?? 'ok').join(' | ')})`,
      );
  }
  return out;
}
