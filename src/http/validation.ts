// Schema validation for every route. One Ajv for bodies (no type coercion: "5"
// is not a number in an order) and one for path and query strings (coerced).
// Both keep unknown properties: the contract stores fields it does not name.
// Both take only finite numbers (strictNumbers: `strict: false` would turn it off)
// and only date-times PostgreSQL accepts (domain/dates.ts). Arrays longer than
// their schema's maxItems are refused before the full validation runs, and the
// error list is capped (INPUT_LIMITS.maxErrors): hostile bodies cost little.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../domain/errors.js';
import { DATE_TIME_RULE, isAcceptedDateTime } from '../domain/dates.js';
import { canonicalizeEnums } from '../domain/enums.js';
import { INPUT_LIMITS } from './input-guard.js';
import type { SemanticCheck } from '../app/capability.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean, semanticChecks: ReadonlyMap<string, SemanticCheck>): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes, removeAdditional: false, useDefaults: coerceTypes, strict: false, strictNumbers: true });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isAcceptedDateTime });
  // `x-semantic: name` runs a named pure check (sums, references between fields)
  // alongside the structural rules, so one 400 lists every error.
  ajv.addKeyword({
    keyword: 'x-semantic',
    errors: true,
    validate: function check(name: string, data: unknown, _schema?: unknown, ctx?: { instancePath: string }) {
      const found = semanticChecks.get(name)!(data);
      // The dotted path rides in params; toFieldErrors reads it back.
      (check as unknown as ValidateFunction).errors = found.map((error) => ({
        keyword: 'x-semantic',
        instancePath: ctx?.instancePath ?? '',
        schemaPath: '#/x-semantic',
        params: { path: error.path },
        message: error.message,
      }));
      return found.length === 0;
    },
  });
  return ajv;
}

/** The keywords of a JSON schema (as TypeBox builds them) that the walkers below read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxItems?: number;
  maximum?: number;
  minimum?: number;
}

/** Integer path and query parameters without their own bounds stay within this (SQL OFFSET, LIMIT and ids are bigint at most). */
export const MAX_QUERY_INTEGER = 1_000_000_000;

/** A copy of a params/query schema whose unbounded integers get ±MAX_QUERY_INTEGER. */
function boundIntegers(schema: JsonSchema): JsonSchema {
  if (!schema || typeof schema !== 'object' || !schema.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, property]) => [
      name,
      property?.type === 'integer'
        ? { ...property, maximum: property.maximum ?? MAX_QUERY_INTEGER, minimum: property.minimum ?? -MAX_QUERY_INTEGER }
        : property,
    ]),
  );
  return { ...schema, properties };
}

/**
 * Arrays longer than their schema's maxItems, found by walking the schema and
 * the data together (properties, items, anyOf/oneOf branches). Run before the
 * full validation, which would otherwise check, and report on, every item of
 * a hostile 100,000-item array.
 */
export function oversizedArrays(schema: JsonSchema | undefined, data: unknown, pointer = ''): ErrorObject[] {
  if (!schema || typeof schema !== 'object' || data === null || typeof data !== 'object') return [];
  const found: ErrorObject[] = [];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) found.push(...oversizedArrays(branch, data, pointer));
  if (Array.isArray(data)) {
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) {
      found.push({
        keyword: 'maxItems',
        instancePath: pointer,
        schemaPath: '#/maxItems',
        params: { limit: schema.maxItems },
        message: `must NOT have more than ${schema.maxItems} items`,
      });
    } else if (schema.items && typeof schema.items === 'object') {
      for (let i = 0; i < data.length && found.length <= INPUT_LIMITS.maxErrors; i++) found.push(...oversizedArrays(schema.items, data[i], `${pointer}/${i}`));
    }
  } else if (schema.properties) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const value = (data as Record<string, unknown>)[name];
      if (value !== undefined) found.push(...oversizedArrays(property, value, `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    }
  }
  return found;
}

/**
 * Query and path numbers spelled "Infinity" or "1e999": Ajv's type coercion turns them
 * into Infinity and then lets them through every bound (strictNumbers does not apply
 * to coerced values), so they are refused here before they reach SQL.
 */
function nonFiniteNumbers(schema: JsonSchema, data: unknown): ErrorObject[] {
  if (!schema?.properties || data === null || typeof data !== 'object') return [];
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    const value = (data as Record<string, unknown>)[name];
    const numeric = property?.type === 'integer' || property?.type === 'number';
    if (!numeric || typeof value !== 'string' || value.trim() === '' || Number.isNaN(Number(value)) || Number.isFinite(Number(value))) return [];
    return [{ keyword: 'type', instancePath: `/${name}`, schemaPath: '#/type', params: {}, message: 'must be a finite number' }];
  });
}

/** Every `x-semantic` name a schema uses. */
function semanticNames(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) semanticNames(item, found);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'x-semantic' && typeof value === 'string') found.add(value);
      else semanticNames(value, found);
    }
  }
  return found;
}

/**
 * The route schema compiler, with the named semantic checks the capabilities
 * declared. A schema naming a check that does not exist fails here, when the
 * route is compiled at start-up, instead of validating as passing.
 */
export function createValidatorCompiler(semanticChecks: ReadonlyMap<string, SemanticCheck>): FastifySchemaCompiler<JsonSchema> {
  const bodyAjv = makeAjv(false, semanticChecks);
  const queryAjv = makeAjv(true, semanticChecks);
  return ({ schema, httpPart, method, url }) => {
    for (const name of semanticNames(schema)) {
      if (!semanticChecks.has(name)) throw new Error(`${method} ${url}: the schema names the semantic check "${name}", which no capability declares`);
    }
    return compile(httpPart === 'body' ? bodyAjv : queryAjv, schema, httpPart === 'body');
  };
}

function compile(ajv: Ajv, schema: JsonSchema, body: boolean) {
  const validate = ajv.compile(body ? schema : boundIntegers(schema));
  return (data: unknown) => {
    const oversized = body ? oversizedArrays(schema, data) : [...oversizedArrays(schema, data), ...nonFiniteNumbers(schema, data)];
    if (oversized.length > 0) return { error: Object.assign(new Error('validation failed'), { validation: oversized }) };
    canonicalizeEnums(schema, data);
    if (validate(data)) return { value: data };
    return { error: Object.assign(new Error('validation failed'), { validation: validate.errors }) };
  };
}

/** `/lineItems/items/0/totalPrice` → `lineItems.items[0].totalPrice`. */
export function toPath(pointer: string, missingProperty?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (missingProperty) parts.push(missingProperty);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/** At most INPUT_LIMITS.maxErrors field errors; `truncated` when there were more. */
export function toFieldErrors(errors: ErrorObject[], prefix?: string): FieldError[] & { truncated?: boolean } {
  const seen = new Set<string>();
  const result: FieldError[] & { truncated?: boolean } = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue; // summarised by their branches
    const params = error.params as { missingProperty?: string; path?: string };
    let path =
      error.keyword === 'x-semantic' ? [toPath(error.instancePath), params.path].filter(Boolean).join('.') : toPath(error.instancePath, params.missingProperty);
    if (prefix && !path) path = prefix;
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'enum') message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    if (error.keyword === 'required') message = 'is required';
    // An empty change (`{}`, or only nulls, which count as absent) asks for nothing.
    if (error.keyword === 'minProperties') message = 'must name at least one field to change (a null counts as left out)';
    if (error.keyword === 'format' && (error.params as { format?: string }).format === 'date-time') message = DATE_TIME_RULE;
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      if (result.length === INPUT_LIMITS.maxErrors) {
        result.truncated = true;
        break;
      }
      seen.add(key);
      result.push({ path, message });
    }
  }
  return result;
}
