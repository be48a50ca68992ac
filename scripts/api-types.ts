// Turns the service's OpenAPI document into the console's TypeScript types
// (web/src/api/generated.ts). Plain code, no dependency: the document uses a small
// part of JSON Schema (TypeBox output), and a route without a declared answer
// simply gets `unknown`, so the types never claim more than the service promises.
// Run through scripts/gen-api-types.mjs (`npm run gen:api`); a test compares the
// file with a fresh rendering so a stale one fails.
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { startService } from '../src/service.js';

// An OpenAPI schema object as the document has it: walked generically, its fields read as found.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON Schema, narrowed where read
type Schema = Record<string, any>;
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }>; required?: boolean };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The document as the service publishes it: built in-process on an empty in-memory database. */
export async function loadDocument(): Promise<OpenApiDocument> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const config = { ...loadConfig({}, []), adminApiKey: 'api-types-generator-key-0123456789', logLevel: 'silent' as const };
  const service = await startService(config, { database, logger: false });
  try {
    const answer = await service.app.inject({ method: 'GET', url: '/api/docs/json' });
    if (answer.statusCode !== 200) throw new Error(`GET /api/docs/json answered ${answer.statusCode}`);
    return JSON.parse(answer.body) as OpenApiDocument;
  } finally {
    await service.stop();
  }
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (identifier.test(name) ? name : JSON.stringify(name));
const methods = ['get', 'put', 'post', 'patch', 'delete'];

function comment(schema: Schema, indent: string): string {
  const text = [schema.description, schema.format ? `format: ${schema.format}` : ''].filter(Boolean).join('; ');
  return text ? `${indent}/** ${String(text).replace(/\*\//g, '* /').replace(/\s+/g, ' ')} */\n` : '';
}

/** One JSON Schema as a TypeScript type; objects stay open where the schema says so. */
export function typeOf(schema: Schema | undefined, indent = ''): string {
  if (!schema || typeof schema !== 'object') return 'unknown';
  let type = baseType(schema, indent);
  if (schema.nullable === true && type !== 'unknown') type = `${type} | null`;
  return type;
}

function baseType(schema: Schema, indent: string): string {
  if (typeof schema.$ref === 'string') return `Schemas[${JSON.stringify(schema.$ref.replace(/^#\/components\/schemas\//, ''))}]`;
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ') || 'never';
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return union.map((s: Schema) => wrap(typeOf(s, indent))).join(' | ') || 'never';
  if (Array.isArray(schema.allOf)) return schema.allOf.map((s: Schema) => wrap(typeOf(s, indent))).join(' & ') || 'unknown';
  if (Array.isArray(schema.type)) return schema.type.map((t: string) => typeOf({ ...schema, type: t }, indent)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `${wrap(typeOf(schema.items, indent))}[]`;
    case 'object':
      return objectType(schema, indent);
    default:
      return schema.properties ? objectType(schema, indent) : 'unknown';
  }
}

/** Parenthesises a type with a top-level union or intersection (`A | B` → `(A | B)`), so `[]` or `|` applies to all of it. */
function wrap(type: string): string {
  let depth = 0;
  for (const char of type) {
    if ('{([<'.includes(char)) depth++;
    else if ('})]>'.includes(char)) depth--;
    else if (depth === 0 && (char === '|' || char === '&')) return `(${type})`;
  }
  return type;
}

function objectType(schema: Schema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set<string>(schema.required ?? []);
  const lines = Object.entries<Schema>(schema.properties ?? {}).map(
    ([name, property]) => `${comment(property, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, inner)};`,
  );
  const extra = schema.additionalProperties;
  if (extra === true || (extra === undefined && !schema.properties)) lines.push(`${inner}[extra: string]: unknown;`);
  else if (extra && typeof extra === 'object')
    lines.push(`${inner}[extra: string]: ${typeOf(extra, inner)}${Object.keys(schema.properties ?? {}).length ? ' | undefined' : ''};`);
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
}

function jsonSchema(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  if (!content) return undefined;
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

function parametersType(operation: Operation, where: string, indent: string): string {
  const list = (operation.parameters ?? []).filter((p) => p.in === where);
  if (list.length === 0) return 'Record<string, never>';
  return typeOf(
    {
      type: 'object',
      additionalProperties: false,
      required: list.filter((p) => p.required).map((p) => p.name),
      properties: Object.fromEntries(list.map((p) => [p.name, { ...p.schema, description: p.description ?? p.schema?.description }])),
    },
    indent,
  );
}

/** The whole generated module, deterministic for one document. */
export function renderTypes(doc: OpenApiDocument): string {
  const out: string[] = [
    "// Generated from the service's OpenAPI document (GET /api/docs/json) by scripts/gen-api-types.mjs.",
    '// Do not edit: run `npm run gen:api`. A test fails when this file no longer matches the document.',
    '// A route without a declared answer schema answers `unknown` here: declare one on the route to type it.',
    '',
  ];
  const schemas = Object.entries(doc.components?.schemas ?? {});
  out.push(
    `export interface Schemas {${schemas.length ? '\n' : ''}${schemas.map(([name, s]) => `${comment(s, '  ')}  ${key(name)}: ${typeOf(s, '  ')};`).join('\n')}${schemas.length ? '\n' : ''}}`,
    '',
  );
  out.push('/** Every route by "METHOD /path": its path, query and body input and its answers by status. */', 'export interface Operations {');
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const body = jsonSchema(operation.requestBody?.content);
      const responses = Object.entries(operation.responses ?? {}).map(([status, answer]) => {
        const name = /^\d+$/.test(status) ? status : JSON.stringify(status);
        return `      ${name}: ${typeOf(jsonSchema(answer.content), '      ')};`;
      });
      out.push(
        `  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: {`,
        `    params: ${parametersType(operation, 'path', '    ')};`,
        `    query: ${parametersType(operation, 'query', '    ')};`,
        `    body: ${body ? typeOf(body, '    ') : 'never'};`,
        `    responses: {${responses.length ? `\n${responses.join('\n')}\n    ` : ''}};`,
        '  };',
      );
    }
  }
  out.push('}', '');
  out.push(
    'export type Route = keyof Operations;',
    "/** The body of a route's successful answer (200, 201 or 202). */",
    "export type AnswerOf<R extends Route> = Operations[R]['responses'] extends infer A",
    '  ? A extends { 200: infer T } ? T : A extends { 201: infer T } ? T : A extends { 202: infer T } ? T : unknown',
    '  : never;',
    "export type BodyOf<R extends Route> = Operations[R]['body'];",
    "export type QueryOf<R extends Route> = Operations[R]['query'];",
    '',
  );
  return out.join('\n');
}
