// The segment builder's form state and its translation to the filter JSON of
// The conditions combined with and / or, each one optionally negated.
import type { HasOrder, LineItemListField, OrderStatus, OrderType, SegmentFilter } from '../api/types.ts';
import { lineItemListFields } from '../api/types.ts';
import { readNumber } from './numbers.ts';

export interface ConditionDraft {
  key: number;
  exclude: boolean;
  ongoing: '' | 'yes' | 'no';
  status: OrderStatus[];
  orderType: OrderType[];
  channel: string;
  store: string;
  from: string; // yyyy-mm-dd, the browser's day
  to: string;
  withinDays: string;
  min: string;
  max: string;
  lineType: '' | 'Purchase' | 'Return';
  line: Record<LineItemListField, string>;
}

export interface BuilderDraft {
  combine: 'and' | 'or';
  conditions: ConditionDraft[];
}

let nextKey = 1;
export function emptyCondition(): ConditionDraft {
  return {
    key: nextKey++,
    exclude: false,
    ongoing: '',
    status: [],
    orderType: [],
    channel: '',
    store: '',
    from: '',
    to: '',
    withinDays: '',
    min: '',
    max: '',
    lineType: '',
    line: Object.fromEntries(lineItemListFields.map((f) => [f, ''])) as Record<LineItemListField, string>,
  };
}

/** "a, b ,c" → ["a","b","c"]; empty → undefined (the condition is left out). */
export function list(text: string): string[] | undefined {
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

const numberOrUndefined = (text: string) => readNumber(text).value;

/** A date input's day as an instant with an offset: from = start of the day, to = its end, in the browser's time zone. */
export function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function hasOrder(c: ConditionDraft): HasOrder {
  const h: HasOrder = {};
  if (c.ongoing) h.ongoing = c.ongoing === 'yes';
  if (c.status.length) h.status = c.status;
  if (c.orderType.length) h.orderType = c.orderType;
  const channel = list(c.channel);
  if (channel) h.channel = channel;
  const store = list(c.store);
  if (store) h.externalStoreId = store;
  const createdAt: NonNullable<HasOrder['createdAt']> = {};
  const from = dayBound(c.from, false);
  const to = dayBound(c.to, true);
  if (from) createdAt.from = from;
  if (to) createdAt.to = to;
  const days = numberOrUndefined(c.withinDays);
  if (days !== undefined) createdAt.withinDays = days;
  if (Object.keys(createdAt).length) h.createdAt = createdAt;
  const min = numberOrUndefined(c.min);
  const max = numberOrUndefined(c.max);
  if (min !== undefined || max !== undefined) h.totalPrice = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  const line: NonNullable<HasOrder['lineItem']> = {};
  if (c.lineType) line.type = c.lineType;
  for (const field of lineItemListFields) {
    const values = list(c.line[field]);
    if (values) line[field] = values;
  }
  if (Object.keys(line).length) h.lineItem = line;
  return h;
}

export function toFilter(draft: BuilderDraft): SegmentFilter {
  const parts: SegmentFilter[] = draft.conditions.map((c) => (c.exclude ? { not: { hasOrder: hasOrder(c) } } : { hasOrder: hasOrder(c) }));
  if (parts.length === 1) return parts[0]!;
  return draft.combine === 'and' ? { and: parts } : { or: parts };
}
