// RFC 9457 problem bodies built from the error catalogue.
import { catalogue, type ErrorCode, type FieldError } from '../domain/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errorCode: ErrorCode;
  errors: FieldError[];
  [extra: string]: unknown;
}

export function problemType(code: ErrorCode): string {
  return `urn:engage-orders:problem:${code}`;
}

export function problem(code: ErrorCode, detail?: string, errors: FieldError[] = [], extra: Record<string, unknown> = {}, status?: number): Problem {
  const entry = catalogue[code];
  return {
    type: problemType(code),
    title: entry.title,
    status: status ?? entry.status,
    ...(detail ? { detail } : {}),
    errorCode: code,
    errors,
    ...extra,
  };
}

/** Thrown by routes and services for an expected failure that ends the request. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? catalogue[code].title);
  }

  toProblem(): Problem {
    return problem(this.code, this.detail, this.errors, this.extra);
  }
}
