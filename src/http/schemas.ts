// Shared pieces of the routes' answer schemas: the problem body every failure
// has, pages, links and nullable fields. Answer schemas feed fast serialisation
// and the OpenAPI document, so objects that carry client-supplied or growing
// data stay open (additionalProperties: true): serialisation never drops a field.
import type { FastifyInstance } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { Link } from './paging.js';

export { Link };

/** Keeps fields the schema does not name (answers are never trimmed by serialisation). */
export const open = { additionalProperties: true } as const;

export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) => Type.Union([schema, Type.Null()], options);
export const DateTime = Type.String({ format: 'date-time' });

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() }, open);

/** RFC 9457 problem details, as src/http/problem.ts builds them; extra members (contactId, candidates, jobStatus…) are kept. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:engage-orders:problem:{errorCode}' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errorCode: Type.String({ description: 'A code of the error catalogue (docs/errors.md)' }),
    errors: Type.Array(FieldErrorSchema),
  },
  { ...open, $id: 'Problem', title: 'Problem', description: 'A problem (RFC 9457): every 4xx and 5xx answer' },
);

/** Shared by reference (one OpenAPI component, one generated console type): registered by registerAnswerSchemas. */
const problemContent = { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } };

/** Adds the shared answer schemas to the app; before any route refers to them. */
export function registerAnswerSchemas(app: FastifyInstance): void {
  app.addSchema(ProblemSchema);
}

/** The answers of a route: its success schemas by status, and the problem body for every 4xx and 5xx. */
export function answers<T extends Record<number, unknown>>(success: T) {
  return { ...success, '4xx': problemContent, '5xx': problemContent };
}

/** An answer without a body (204). */
export const NoContent = Type.Null({ description: 'No content' });

/** The offset-paged list shape of src/http/paging.ts. */
export function PageOf<T extends TSchema>(item: T, options: { title?: string; description?: string } = {}) {
  return Type.Object(
    { items: Type.Array(item), totalCount: Type.Integer(), offset: Type.Integer(), count: Type.Integer(), links: Type.Array(Link) },
    { ...open, ...options },
  );
}

/**
 * A presenter's loosely typed object (a stored document, a Date the serialiser
 * writes as ISO text) as the wire type of its answer schema. Only a type
 * assertion: test/http/response-schemas.test.ts holds the answers to the schemas.
 */
export const asAnswer = <T extends TSchema>(_schema: T, value: unknown) => value as Static<T>;
