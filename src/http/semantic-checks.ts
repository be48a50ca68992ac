// Named pure checks that a route schema runs through its `x-semantic` keyword.
// Each capability registers its own (see orders/schemas.ts).
import type { FieldError } from '../domain/errors.js';

export type SemanticCheck = (data: unknown) => FieldError[];

export const semanticChecks = new Map<string, SemanticCheck>();
