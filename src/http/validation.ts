// Schema validation for every route. One Ajv for bodies (no type coercion: "5"
// is not a number in an order) and one for path and query strings (coerced).
// Both keep unknown properties: the contract stores fields it does not name.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../domain/errors.js';
import { canonicalizeEnums } from '../domain/enums.js';
import { semanticChecks } from './semantic-checks.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes, removeAdditional: false, useDefaults: coerceTypes, strict: false });
  addFormats(ajv);
  // `x-semantic: name` runs a named pure check (sums, references between fields)
  // alongside the structural rules, so one 400 lists every error.
  ajv.addKeyword({
    keyword: 'x-semantic',
    errors: true,
    validate: function check(name: string, data: unknown, _schema?: unknown, ctx?: { instancePath: string }) {
      const found = semanticChecks.get(name)?.(data) ?? [];
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

const bodyAjv = makeAjv(false);
const queryAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : queryAjv).compile(schema as object);
  return (data: unknown) => {
    canonicalizeEnums(schema, data);
    if (validate(data)) return { value: data };
    return { error: Object.assign(new Error('validation failed'), { validation: validate.errors }) };
  };
};

/** `/lineItems/items/0/totalPrice` → `lineItems.items[0].totalPrice`. */
export function toPath(pointer: string, missingProperty?: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (missingProperty) parts.push(missingProperty);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export function toFieldErrors(errors: ErrorObject[], prefix?: string): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue; // summarised by their branches
    const params = error.params as { missingProperty?: string; path?: string };
    let path = error.keyword === 'x-semantic' ? [toPath(error.instancePath), params.path].filter(Boolean).join('.') : toPath(error.instancePath, params.missingProperty);
    if (prefix && !path) path = prefix;
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'enum') message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    if (error.keyword === 'required') message = 'is required';
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push({ path, message });
    }
  }
  return result;
}
