// The article resource.
// Engage's article XML limits: brand and color 255, size 100, gender 6, gtin 20.
// Fields without a stated maximum get 255, description 4000 (docs/registers.md).
import { type Static, type TSchema, Type } from 'typebox';
import type { FieldError } from '../domain/errors.js';
import type { SemanticCheck } from '../app/capability.js';

const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

const spares = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`spare${i + 1}`, optional(text(255))]));
const dateSpares = Object.fromEntries(
  Array.from({ length: 5 }, (_, i) => [`dateSpare${i + 1}`, optional(Type.String({ description: 'ISO 8601 date or datetime' }))]),
);
export const dateSpareFields = Object.keys(dateSpares);

const fields = {
  sku: text(255, 1),
  number: text(255, 1),
  name: text(255, 1),
  mainCategory: text(255, 1),
  brand: optional(text(255)),
  color: optional(text(255)),
  size: optional(text(100)),
  productCategory: optional(text(255)),
  subCategory: optional(text(255)),
  ageGroup: optional(text(255)),
  gender: optional(text(6)),
  description: optional(text(4000)),
  season: optional(text(255)),
  gtin: optional(text(20)),
  awardsBonus: optional(Type.Boolean()),
};

export const Article = Type.Object({ ...fields, ...spares, ...dateSpares } as typeof fields, { additionalProperties: true, 'x-semantic': 'article' });
export type Article = Static<typeof Article> & Record<string, unknown>;

/** PUT names the SKU in the path; the body may leave it out. */
export const ArticlePutBody = Type.Object({ ...fields, sku: optional(text(255, 1)), ...spares, ...dateSpares } as Omit<typeof fields, 'sku'>, {
  additionalProperties: true,
  'x-semantic': 'article',
});

/** Every field name the feed knows, for case-insensitive XML element names. */
export const articleFieldNames = [...Object.keys(fields), ...Object.keys(spares), ...dateSpareFields];

const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const articleDateCheck: SemanticCheck = (data) => {
  const article = (data ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const field of dateSpareFields) {
    const value = article[field];
    if (typeof value === 'string' && (!isoDate.test(value) || Number.isNaN(Date.parse(value)))) {
      errors.push({ path: field, message: 'must be an ISO 8601 date (2025-12-03) or datetime' });
    }
  }
  return errors;
};

export const ImportResult = Type.Object({
  imported: Type.Integer(),
  failed: Type.Integer(),
  errorsTruncated: Type.Optional(Type.Boolean()),
  errors: Type.Array(
    Type.Object({
      index: Type.Optional(Type.Integer()),
      line: Type.Optional(Type.Integer()),
      sku: Type.Union([Type.String(), Type.Null()]),
      field: Type.String(),
      message: Type.String(),
    }),
  ),
});
