// Pure facts derived from a stored order document.
import { createHash, randomBytes } from 'node:crypto';
import type { OrderBody } from './order-schema.js';

export type OrderType = 'Purchase' | 'Return' | 'Mixed';
/** A stored order: the fields the wire schema names, typed, and every other field the client sent, kept. */
export type OrderDocument = OrderBody & Record<string, unknown>;
/** One line of an order, as stored. */
export type OrderLine = OrderBody['lineItems']['items'][number];

export function lineType(line: { type?: unknown }): 'Purchase' | 'Return' {
  return line.type === 'Return' ? 'Return' : 'Purchase';
}

/** What orderTypeOf and describeChanges read of an order (any stored document has it). */
export interface LinesOf {
  lineItems?: { items?: { id?: string; type?: unknown }[]; [field: string]: unknown };
  [field: string]: unknown;
}

export function orderTypeOf(document: LinesOf): OrderType {
  const types = new Set((document.lineItems?.items ?? []).map(lineType));
  if (types.size === 1) return types.has('Return') ? 'Return' : 'Purchase';
  return 'Mixed';
}

export const knownOrderStatuses = ['Received', 'InProgress', 'Completed', 'Cancelled'] as const;

export function isKnownOrderStatus(status: unknown): boolean {
  return typeof status === 'string' && (knownOrderStatuses as readonly string[]).includes(status);
}

/** Whether a status the service does not know counts as ongoing (UNKNOWN_ORDER_STATUS_ONGOING, set at start). */
let unknownStatusOngoing = true;
export function setUnknownStatusOngoing(value: boolean): void {
  unknownStatusOngoing = value;
}

/** Received and InProgress are ongoing; a client's own status is ongoing unless configured otherwise. */
export function isOngoing(status: string): boolean {
  if (status === 'Received' || status === 'InProgress') return true;
  if (status === 'Completed' || status === 'Cancelled') return false;
  return unknownStatusOngoing;
}

/** A line's quantity as a count: a Return line may carry it negated. */
export function lineQuantity(line: { quantity?: unknown }): number {
  return typeof line.quantity === 'number' ? Math.abs(line.quantity) : 0;
}

/** JSON with sorted keys, so equal documents hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(document: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(document)).digest('base64');
}

/** A new opaque versionTag: 16 random bytes, base64. */
export function newVersionTag(): string {
  return randomBytes(16).toString('base64');
}

/** What a write changed: top-level fields, and lines by id (or position when they have none). */
export function describeChanges(before: LinesOf | null, after: LinesOf | null): string[] {
  if (!before) return after ? ['created'] : [];
  if (!after) return ['deleted'];
  const changes: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    if (key === 'lineItems') continue;
    if (stableStringify(before[key]) !== stableStringify(after[key])) changes.push(key);
  }
  const lineKey = (line: { id?: string }, index: number) => (typeof line?.id === 'string' ? line.id : `#${index}`);
  const beforeLines = new Map<string, string>((before.lineItems?.items ?? []).map((line, i) => [lineKey(line, i), stableStringify(line)]));
  const afterLines = new Map<string, string>((after.lineItems?.items ?? []).map((line, i) => [lineKey(line, i), stableStringify(line)]));
  for (const [id, line] of afterLines) {
    if (!beforeLines.has(id)) changes.push(`lineItems[${id}] added`);
    else if (beforeLines.get(id) !== line) changes.push(`lineItems[${id}] changed`);
  }
  for (const id of beforeLines.keys()) if (!afterLines.has(id)) changes.push(`lineItems[${id}] removed`);
  if (stableStringify(before.lineItems?.subTotal) !== stableStringify(after.lineItems?.subTotal)) changes.push('lineItems.subTotal');
  return changes;
}
