// Offset paging with next/previous links, shared by every list route.
import { Type } from 'typebox';
import { isAcceptedDateTime } from '../domain/dates.js';
import { stringProblem } from './input-guard.js';

export const PagingQuery = {
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
};

/**
 * A keyset cursor is base64 that a client can forge, and what it decodes to goes
 * to the database. So each part must be a value the database takes, or a forged
 * cursor would end in a 500 instead of a 400 "not a cursor": a text part holds
 * no NUL (PostgreSQL text cannot) and no lone surrogate; a time is a real
 * instant in years 1–9999.
 */
export const isCursorText = (value: unknown): value is string => typeof value === 'string' && stringProblem(value) === undefined;
export const isCursorTime = (value: unknown): value is string => typeof value === 'string' && isAcceptedDateTime(value);

export const Link = Type.Object({ rel: Type.String(), href: Type.String(), method: Type.String() });

export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  count: number;
  links: { rel: 'next' | 'previous'; href: string; method: 'GET' }[];
}

/** `url` is the request URL; its offset and count are replaced in the links. */
export function page<T>(url: string, items: T[], totalCount: number, offset: number, count: number): Page<T> {
  const links: Page<T>['links'] = [];
  const at = (newOffset: number) => {
    const parsed = new URL(url, 'http://local');
    parsed.searchParams.set('offset', String(newOffset));
    parsed.searchParams.set('count', String(count));
    return `${parsed.pathname}?${parsed.searchParams.toString()}`;
  };
  if (offset + count < totalCount) links.push({ rel: 'next', href: at(offset + count), method: 'GET' });
  if (offset > 0) links.push({ rel: 'previous', href: at(Math.max(0, offset - count)), method: 'GET' });
  return { items, totalCount, offset, count, links };
}
