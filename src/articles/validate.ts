// Validates one article of a bulk import or feed against the same schema the
// PUT route uses, so every path gives the same errors.
import type { FieldError } from '../domain/errors.js';
import { createValidatorCompiler, toFieldErrors } from '../http/validation.js';
import { Article, articleDateCheck } from './schemas.js';

const validate = createValidatorCompiler(new Map([['article', articleDateCheck]]))({
  schema: Article,
  httpPart: 'body',
  method: 'POST',
  url: '/api/v3/articles',
}) as (data: unknown) => {
  value?: unknown;
  error?: Error & { validation?: unknown };
};

export function checkArticle(data: unknown): { ok: true; article: Article } | { ok: false; errors: FieldError[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  const result = validate(data);
  if (!result.error) return { ok: true, article: data as Article };
  return { ok: false, errors: toFieldErrors((result.error.validation ?? []) as never) };
}
