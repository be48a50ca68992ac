// How orders look on the wire.
import type { Parts } from '../app/capability.js';
import type { Db } from '../db/schema.js';
import type { OrderRow } from './repo.js';

export function presentOrder(row: OrderRow): Record<string, unknown> {
  return {
    ...row.document,
    versionTag: row.version_tag,
    orderType: row.order_type,
    contactId: row.contact_id,
    processedAt: new Date(row.processed_at).toISOString(),
  };
}

/** The order answers, with what other capabilities add to them (e.g. receipt ids). */
export async function presentOrders(ctx: { db: Db; parts: Pick<Parts, 'decorateOrders'> }, rows: OrderRow[]): Promise<Record<string, unknown>[]> {
  const answers = rows.map(presentOrder);
  await ctx.parts.decorateOrders(ctx.db, rows, answers);
  return answers;
}
