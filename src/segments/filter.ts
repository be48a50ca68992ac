// The segment filter language: a recursive tree of and / or / not
// over order conditions (hasOrder) and contact conditions. Validated here, in one
// pure function, because a JSON schema for a recursive tree gives unreadable
// errors. Unknown keys are errors: a misspelt condition silently ignored would
// widen a segment and mail the wrong people.
import { isAcceptedDateTime } from '../domain/dates.js';
import type { FieldError } from '../domain/errors.js';

export const orderStatuses = ['Received', 'InProgress', 'Completed', 'Cancelled'] as const;
export const orderTypes = ['Purchase', 'Return', 'Mixed'] as const;
export const lineTypes = ['Purchase', 'Return'] as const;
/** Article register columns a line condition may test, by filter key. */
export const articleAttributes = {
  brand: 'brand',
  mainCategory: 'main_category',
  productCategory: 'product_category',
  color: 'color',
  size: 'size',
  season: 'season',
  gender: 'gender',
} as const;
export type ArticleAttribute = keyof typeof articleAttributes;

export interface LineCondition {
  type?: (typeof lineTypes)[number];
  sku?: string[];
  brand?: string[];
  mainCategory?: string[];
  productCategory?: string[];
  color?: string[];
  size?: string[];
  season?: string[];
  gender?: string[];
}

export interface OrderCondition {
  ongoing?: boolean;
  status?: string[];
  orderType?: string[];
  channel?: string[];
  externalStoreId?: string[];
  createdAt?: { from?: string; to?: string; withinDays?: number };
  totalPrice?: { min?: number; max?: number };
  lineItem?: LineCondition;
}

export interface ContactCondition {
  contactType?: string[];
}

export type Filter = { and: Filter[] } | { or: Filter[] } | { not: Filter } | { hasOrder: OrderCondition } | { contact: ContactCondition };

/**
 * The filter's cost budget. Each condition (hasOrder, contact) is one scan of the facts and each
 * and/or/not a set operation over contact ids, so the query's cost grows with them: a 199-node
 * filter once took 8.5 s of database time. `values` counts list entries over the whole filter.
 */
export const LIMITS = { depth: 8, nodes: 64, conditions: 32, values: 1000, totalValues: 5000, valueLength: 255, withinDays: 36_500 };

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export type Validated = { ok: true; filter: Filter } | { ok: false; errors: FieldError[] };

/** Checks a filter and returns a canonical copy (enum values in canonical case); every error names its path. */
export function validateFilter(input: unknown, root = 'filter'): Validated {
  const errors: FieldError[] = [];
  const state: State = { nodes: 0, conditions: 0, values: 0 };
  const filter = node(input, root, 0, errors, state);
  return errors.length === 0 && filter ? { ok: true, filter } : { ok: false, errors };
}

type State = { nodes: number; conditions: number; values: number };
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function node(input: unknown, path: string, depth: number, errors: FieldError[], state: State): Filter | undefined {
  state.nodes += 1;
  if (state.nodes === LIMITS.nodes + 1) errors.push({ path, message: `a filter may have at most ${LIMITS.nodes} nodes (and, or, not, hasOrder, contact)` });
  if (depth > LIMITS.depth) {
    errors.push({ path, message: `filters may nest at most ${LIMITS.depth} levels` });
    return undefined;
  }
  if (!isObject(input)) {
    errors.push({ path, message: 'must be an object with exactly one of: and, or, not, hasOrder, contact' });
    return undefined;
  }
  const keys = Object.keys(input);
  if (keys.length !== 1) {
    errors.push({ path, message: `must have exactly one of: and, or, not, hasOrder, contact (found ${keys.length === 0 ? 'none' : keys.join(', ')})` });
    return undefined;
  }
  const key = keys[0]!;
  const value = input[key];
  const at = child(path, key);
  switch (key) {
    case 'and':
    case 'or': {
      if (!Array.isArray(value) || value.length === 0) {
        errors.push({ path: at, message: 'must be a non-empty array of filters' });
        return undefined;
      }
      const children = value.map((child, i) => node(child, `${at}[${i}]`, depth + 1, errors, state));
      return (key === 'and' ? { and: children } : { or: children }) as Filter;
    }
    case 'not': {
      const child = node(value, at, depth + 1, errors, state);
      return child && { not: child };
    }
    case 'hasOrder':
    case 'contact': {
      state.conditions += 1;
      if (state.conditions === LIMITS.conditions + 1)
        errors.push({ path: at, message: `a filter may have at most ${LIMITS.conditions} hasOrder and contact conditions` });
      const before = errors.length;
      const condition = key === 'hasOrder' ? { hasOrder: orderCondition(value, at, errors) } : { contact: contactCondition(value, at, errors) };
      if (errors.length === before) {
        const values = countValues(condition);
        if (state.values <= LIMITS.totalValues && state.values + values > LIMITS.totalValues) {
          errors.push({ path: at, message: `a filter may list at most ${LIMITS.totalValues} values in all` });
        }
        state.values += values;
      }
      return condition;
    }
    default:
      errors.push({ path: at, message: 'is not a filter; use and, or, not, hasOrder or contact' });
      return undefined;
  }
}

/** List entries of one validated condition (status, sku, brand …). */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (!isObject(value)) return 0;
  return Object.values(value).reduce<number>((sum, item) => sum + countValues(item), 0);
}

function fields(input: unknown, path: string, allowed: readonly string[], errors: FieldError[]): Record<string, unknown> {
  if (!isObject(input)) {
    errors.push({ path, message: 'must be an object' });
    return {};
  }
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) errors.push({ path: child(path, key), message: `is not a condition here; allowed: ${allowed.join(', ')}` });
  }
  return input;
}

/**
 * A non-empty list of strings; with `options`, each is matched case-insensitively
 * and written back canonically, and (unless `open`) must be one of them.
 */
function strings(value: unknown, path: string, errors: FieldError[], known: { options?: readonly string[]; open?: boolean } = {}): string[] | undefined {
  const { options, open = false } = known;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.values) {
    errors.push({ path, message: `must be an array of 1 to ${LIMITS.values} strings` });
    return undefined;
  }
  return value.map((item, i) => {
    if (typeof item !== 'string' || item.length === 0 || item.length > LIMITS.valueLength) {
      errors.push({ path: `${path}[${i}]`, message: `must be a string of 1 to ${LIMITS.valueLength} characters` });
      return '';
    }
    if (!options) return item;
    const canonical = options.find((option) => option.toLowerCase() === item.toLowerCase());
    if (!canonical && !open) errors.push({ path: `${path}[${i}]`, message: `must be one of: ${options.join(', ')}` });
    return canonical ?? item;
  });
}

function finiteNumber(value: unknown, path: string, errors: FieldError[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) errors.push({ path, message: 'must be a number' });
  return value as number;
}

function orderCondition(input: unknown, path: string, errors: FieldError[]): OrderCondition {
  const allowed = ['ongoing', 'status', 'orderType', 'channel', 'externalStoreId', 'createdAt', 'totalPrice', 'lineItem'];
  const raw = fields(input, path, allowed, errors);
  const result: OrderCondition = {};
  if (raw.ongoing !== undefined) {
    if (typeof raw.ongoing !== 'boolean') errors.push({ path: `${path}.ongoing`, message: 'must be true or false' });
    result.ongoing = raw.ongoing as boolean;
  }
  // A status of the client's own is kept as sent by orders, so it is matched as written; the four known ones in any case.
  const lists = { status: { options: orderStatuses, open: true }, orderType: { options: orderTypes }, channel: {}, externalStoreId: {} } as const;
  for (const [key, known] of Object.entries(lists)) {
    const list = strings(raw[key], child(path, key), errors, known);
    if (list) result[key as keyof typeof lists] = list;
  }
  if (raw.createdAt !== undefined) {
    const at = `${path}.createdAt`;
    const range = fields(raw.createdAt, at, ['from', 'to', 'withinDays'], errors);
    const createdAt: NonNullable<OrderCondition['createdAt']> = {};
    for (const bound of ['from', 'to'] as const) {
      const value = range[bound];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !dateTime.test(value) || !isAcceptedDateTime(value, { secondsOptional: true })) {
        errors.push({ path: `${at}.${bound}`, message: 'must be an ISO 8601 datetime with an offset' });
      } else createdAt[bound] = value;
    }
    if (createdAt.from && createdAt.to && Date.parse(createdAt.from) > Date.parse(createdAt.to)) {
      errors.push({ path: `${at}.to`, message: 'must not be before from' });
    }
    if (range.withinDays !== undefined) {
      const days = range.withinDays;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > LIMITS.withinDays) {
        errors.push({ path: `${at}.withinDays`, message: `must be a whole number of days from 1 to ${LIMITS.withinDays}` });
      } else createdAt.withinDays = days;
    }
    result.createdAt = createdAt;
  }
  if (raw.totalPrice !== undefined) {
    const at = `${path}.totalPrice`;
    const range = fields(raw.totalPrice, at, ['min', 'max'], errors);
    const min = finiteNumber(range.min, `${at}.min`, errors);
    const max = finiteNumber(range.max, `${at}.max`, errors);
    if (typeof min === 'number' && typeof max === 'number' && min > max) errors.push({ path: `${at}.max`, message: 'must not be less than min' });
    result.totalPrice = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  }
  if (raw.lineItem !== undefined) result.lineItem = lineCondition(raw.lineItem, `${path}.lineItem`, errors);
  return result;
}

function lineCondition(input: unknown, path: string, errors: FieldError[]): LineCondition {
  const raw = fields(input, path, ['type', 'sku', ...Object.keys(articleAttributes)], errors);
  const result: LineCondition = {};
  if (raw.type !== undefined) {
    const canonical = typeof raw.type === 'string' ? lineTypes.find((t) => t.toLowerCase() === (raw.type as string).toLowerCase()) : undefined;
    if (!canonical) errors.push({ path: `${path}.type`, message: `must be one of: ${lineTypes.join(', ')}` });
    else result.type = canonical;
  }
  for (const key of ['sku', ...Object.keys(articleAttributes)] as const) {
    const list = strings(raw[key], child(path, key), errors);
    if (list) result[key as keyof Omit<LineCondition, 'type'>] = list;
  }
  return result;
}

function contactCondition(input: unknown, path: string, errors: FieldError[]): ContactCondition {
  const raw = fields(input, path, ['contactType'], errors);
  const result: ContactCondition = {};
  const types = strings(raw.contactType, `${path}.contactType`, errors);
  if (types) result.contactType = types;
  return result;
}
