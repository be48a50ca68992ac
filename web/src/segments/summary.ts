// Pure: a segment filter in words, for marketers who should not have to read JSON.
// Filters come from the API and may hold conditions this console does not build
// (contact conditions, future keys), so the walk is defensive: whatever it does not
// know it names rather than hides.
import type { HasOrder } from '../api/types.ts';

/** A condition in words, or a group of them. */
export type Summary = { kind: 'condition'; text: string } | { kind: 'all' | 'any' | 'none' | 'notAll'; parts: Summary[] };

const lineLabels: Record<string, string> = {
  sku: 'SKU',
  brand: 'brand',
  mainCategory: 'main category',
  productCategory: 'product category',
  color: 'color',
  size: 'size',
  season: 'season',
  gender: 'gender',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
/** "A", "A or B", "A, B or C". */
export function either(values: string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
/** An instant as the day it falls on in the browser's time zone (yyyy-mm-dd). */
const day = (instant: string) => {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

function lineText(line: Record<string, unknown>): string {
  const type = typeof line.type === 'string' ? line.type.toLowerCase() : '';
  const noun = type === 'return' ? 'a returned line' : type === 'purchase' ? 'a purchased line' : 'a line';
  const parts = Object.entries(line)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${lineLabels[key] ?? key} ${either(strings(value))}`);
  return parts.length ? `${noun} of ${parts.join(', ')}` : noun;
}

/** The order part: "an ongoing order with status Received, with a line of brand Stride". */
export function orderText(condition: HasOrder | Record<string, unknown>): string {
  const c = condition as Record<string, unknown>;
  const noun = c.ongoing === true ? 'an ongoing order' : c.ongoing === false ? 'an order that is not ongoing' : 'an order';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(c)) {
    if (key === 'ongoing') continue;
    if (key === 'status') parts.push(`with status ${either(strings(value))}`);
    else if (key === 'orderType') parts.push(`of type ${either(strings(value))}`);
    else if (key === 'channel') parts.push(`in channel ${either(strings(value))}`);
    else if (key === 'externalStoreId') parts.push(`in store ${either(strings(value))}`);
    else if (key === 'createdAt' && isObject(value)) {
      const { from, to, withinDays } = value as { from?: string; to?: string; withinDays?: number };
      if (withinDays !== undefined) parts.push(`created in the last ${withinDays} day${withinDays === 1 ? '' : 's'}`);
      if (from && to) parts.push(`created between ${day(from)} and ${day(to)}`);
      else if (from) parts.push(`created on or after ${day(from)}`);
      else if (to) parts.push(`created on or before ${day(to)}`);
    } else if (key === 'totalPrice' && isObject(value)) {
      const { min, max } = value as { min?: number; max?: number };
      if (min !== undefined && max !== undefined) parts.push(`totalling between ${min} and ${max}`);
      else if (min !== undefined) parts.push(`totalling at least ${min}`);
      else if (max !== undefined) parts.push(`totalling at most ${max}`);
    } else if (key === 'lineItem' && isObject(value)) parts.push(`with ${lineText(value)}`);
    else parts.push(`with ${key} ${JSON.stringify(value)}`);
  }
  return parts.length ? `${noun} ${parts.join(', ')}` : noun;
}

function contactText(condition: Record<string, unknown>, negated: boolean): string {
  const parts = Object.entries(condition).map(([key, value]) =>
    key === 'contactType' ? `contact type ${either(strings(value))}` : `${key} ${JSON.stringify(value)}`,
  );
  if (parts.length === 0) return negated ? 'are not in the contact register' : 'are in the contact register';
  return `${negated ? 'are not of' : 'are of'} ${parts.join(', ')}`;
}

/** The filter as a tree of sentences; nested groups of the same kind are flattened. */
export function summarize(filter: unknown, negated = false): Summary {
  if (!isObject(filter)) return { kind: 'condition', text: `match ${JSON.stringify(filter)}` };
  if (Array.isArray(filter.and) || Array.isArray(filter.or)) {
    const isAnd = Array.isArray(filter.and);
    const children = ((isAnd ? filter.and : filter.or) as unknown[]).map((child) => summarize(child));
    const kind = isAnd ? 'all' : 'any';
    const parts = children.flatMap((child) => (child.kind === kind ? child.parts : [child]));
    if (parts.length === 1 && !negated) return parts[0]!;
    if (negated) return { kind: isAnd ? 'notAll' : 'none', parts };
    return { kind, parts };
  }
  if ('not' in filter) return summarize(filter.not, !negated);
  if (isObject(filter.hasOrder))
    return { kind: 'condition', text: `${negated ? 'have no' : 'have'} ${orderText(filter.hasOrder).replace(/^an? /, negated ? '' : '$&')}` };
  if (isObject(filter.contact)) return { kind: 'condition', text: contactText(filter.contact, negated) };
  return { kind: 'condition', text: `${negated ? 'do not match' : 'match'} ${JSON.stringify(filter)}` };
}

const groupWords = { all: 'all of', any: 'any of', none: 'none of', notAll: 'not all of' } as const;

/** One sentence, nested groups in parentheses: "Contacts who have …, and have no …". */
export function summaryText(filter: unknown): string {
  const words = (s: Summary, nested: boolean): string => {
    if (s.kind === 'condition') return s.text;
    const inner = s.parts.map((p) => words(p, true));
    if (s.kind === 'all' || s.kind === 'any') {
      const joined = inner.join(s.kind === 'all' ? '; and ' : '; or ');
      return nested ? `(${joined})` : joined;
    }
    return `match ${groupWords[s.kind]}: (${inner.join('; ')})`;
  };
  return `Contacts who ${words(summarize(filter), false)}.`;
}

export const groupHeading = (kind: Exclude<Summary['kind'], 'condition'>) => `Contacts who match ${groupWords[kind]}:`;
