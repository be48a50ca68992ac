// The contract accepts enum values in any letter case and always writes them
// back in their canonical case. This walks a JSON schema beside the data and
// rewrites every string that matches one of the schema's enum values.

type Schema = {
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  [key: string]: unknown;
};

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
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (!(key in record)) continue;
    record[key] = canonicalValue(child, record[key]);
    canonicalizeEnums(child, record[key]);
  }
}

function canonicalValue(schema: Schema, value: unknown): unknown {
  const options = schema.enum ?? schema.anyOf?.flatMap((branch) => branch.enum ?? ('const' in branch ? [branch.const] : []));
  if (typeof value !== 'string' || !options?.length) return value;
  const lower = value.toLowerCase();
  return options.find((option) => typeof option === 'string' && option.toLowerCase() === lower) ?? value;
}
