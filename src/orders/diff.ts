// Field-level differences between two versions of an order document, for the timeline.
// Pure: no I/O. Lines (and any list of objects with string ids) are matched by id, so a
// line inserted at the top reads as one added line, not as every line changed.
import { stableStringify } from '../domain/order.js';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** Enough for any ordinary edit; a rewrite of a 1,000-line order is summarised, not listed. */
export const MAX_CHANGES = 50;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasIds = (list: unknown[]) => list.length > 0 && list.every((item) => isObject(item) && typeof item.id === 'string');

export function diffDocuments(before: unknown, after: unknown, max = MAX_CHANGES): { changes: FieldChange[]; truncated: boolean } {
  const changes: FieldChange[] = [];
  let truncated = false;
  const add = (path: string, b: unknown, a: unknown) => {
    if (changes.length < max) changes.push({ path, before: b ?? null, after: a ?? null });
    else truncated = true;
  };
  const walk = (path: string, b: unknown, a: unknown): void => {
    if (stableStringify(b) === stableStringify(a)) return;
    if (isObject(b) && isObject(a)) {
      for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) walk(path ? `${path}.${key}` : key, b[key], a[key]);
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      if (hasIds(b) && hasIds(a)) {
        const beforeById = new Map(b.map((item) => [(item as { id: string }).id, item]));
        const afterById = new Map(a.map((item) => [(item as { id: string }).id, item]));
        for (const [id, item] of afterById) walk(`${path}[${id}]`, beforeById.get(id), item);
        for (const [id, item] of beforeById) if (!afterById.has(id)) add(`${path}[${id}]`, item, undefined);
        return;
      }
      for (let i = 0; i < Math.max(b.length, a.length); i++) walk(`${path}[${i}]`, b[i], a[i]);
      return;
    }
    add(path, b, a);
  };
  walk('', before, after);
  return { changes, truncated };
}
