// Canonicalizes a request body beside its JSON schema, before validation
// (the tolerant reader: accept what Engage clients send, store one form):
// - enum values (and the known values an open field lists in `x-canonical`) are
//   accepted in any letter case and written back in their canonical case;
// - `null` in an optional property is the same as the property being absent
//   (it is removed; unnamed properties keep their nulls, as sent);
// - a numeric string ("25.00") in a property the schema types as a number is
//   stored as that number (Engage's own receipt examples send amounts as strings).

type Schema = {
  enum?: unknown[];
  type?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  [key: string]: unknown;
};

const numericString = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export function canonicalizeEnums(schema: unknown, data: unknown): void {
  const s = schema as Schema;
  if (!s || typeof s !== 'object' || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    if (s.items) {
      for (let i = 0; i < data.length; i++) data[i] = canonicalValue(s.items, data[i]);
      for (const item of data) canonicalizeEnums(s.items, item);
    }
    return;
  }
  const record = data as Record<string, unknown>;
  const required = new Set(s.required ?? []);
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (!(key in record)) continue;
    if (record[key] === null && !required.has(key) && !allowsNull(child)) {
      delete record[key];
      continue;
    }
    record[key] = canonicalValue(child, record[key]);
    canonicalizeEnums(child, record[key]);
  }
}

function allowsNull(schema: Schema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null')) || Boolean(schema.anyOf?.some(allowsNull));
}

function isNumberSchema(schema: Schema): boolean {
  return schema.type === 'number' || schema.type === 'integer';
}

function canonicalValue(schema: Schema, value: unknown): unknown {
  if (typeof value === 'string' && isNumberSchema(schema) && numericString.test(value)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  // `x-canonical` lists the known values of an open text field (a known one in any case is canonicalized, others kept).
  const options =
    schema.enum ??
    (schema['x-canonical'] as unknown[] | undefined) ??
    schema.anyOf?.flatMap((branch) => branch.enum ?? ('const' in branch ? [branch.const] : []));
  if (typeof value !== 'string' || !options?.length) return value;
  const lower = value.toLowerCase();
  return options.find((option) => typeof option === 'string' && option.toLowerCase() === lower) ?? value;
}
