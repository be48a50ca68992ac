// Resolves the contact, store and articles of a batch of orders against the
// registers in one round trip. What cannot be resolved becomes a warning for
// the integration log; the order is stored all the same.
import { sql } from 'kysely';
import { type MatchKey, fallbackKeyTypes, matchColumns, normalMatchKey } from '../contacts/match.js';
import { isKnownOrderStatus, isOngoing, type OrderDocument } from '../domain/order.js';
import type { LogEntry } from '../integration-log/log.js';
import { isUuid } from '../domain/ids.js';
import type { Tx } from '../db/schema.js';

export interface Resolution {
  contactId: string | null;
  warnings: LogEntry[];
}

interface Candidate {
  t: string;
  v: string;
  id: string;
  contact_type: string;
}

const skusOf = (document: OrderDocument): string[] => [
  ...new Set<string>(document.lineItems.items.map((line: { article: { sku: string } }) => line.article.sku)),
];

/** One resolution per document, in the order given (an order may appear more than once: a busy order's run). */
export async function resolveReferences(tx: Tx, orders: { orderId: string; document: OrderDocument }[]): Promise<Resolution[]> {
  const keys: MatchKey[] = orders.map((order) => order.document.contact);
  const valuesByType = new Map<string, Set<string>>();
  for (const key of keys) {
    // A fallback type searches each of its types (member number, then card id).
    for (const type of fallbackKeyTypes[key.matchKeyType] ?? [key.matchKeyType]) {
      if (type === 'ContactId' ? !isUuid(key.matchKey) : !matchColumns[type]) continue;
      if (!valuesByType.has(type)) valuesByType.set(type, new Set());
      valuesByType.get(type)!.add(normalMatchKey({ ...key, matchKeyType: type }));
    }
  }
  // One branch per key type in the batch, each using its column's index.
  const branches = [...valuesByType].map(([type, values]) => {
    const column = type === 'ContactId' ? 'id' : matchColumns[type]!;
    const cast = type === 'ContactId' ? sql`::uuid[]` : sql`::text[]`;
    return sql`SELECT ${type} AS t, ${sql.raw(column)}::text AS v, id, contact_type, created_at FROM contacts WHERE ${sql.raw(column)} = ANY(${[...values]}${cast})`;
  });
  const contacts = branches.length
    ? sql`(SELECT coalesce(json_agg(m ORDER BY m.created_at, m.id), '[]'::json) FROM (${sql.join(branches, sql` UNION ALL `)}) m)`
    : sql`'[]'::json`;
  const stores = [...new Set(orders.map((order) => order.document.externalStoreId as string))];
  const skus = [...new Set(orders.flatMap((order) => skusOf(order.document)))];
  const { rows } = await sql<{ contacts: Candidate[]; stores: string[]; skus: string[] }>`
    SELECT ${contacts} AS contacts,
      ARRAY(SELECT external_id FROM stores WHERE external_id = ANY(${stores}::text[])) AS stores,
      ARRAY(SELECT sku FROM articles WHERE sku = ANY(${skus}::text[])) AS skus`.execute(tx);
  const found = rows[0]!;
  const knownStores = new Set(found.stores);
  const knownSkus = new Set(found.skus);

  return orders.map(({ orderId, document }) => {
    const key: MatchKey = document.contact;
    // Oldest contact first; a contactType on the order must match the contact's; a fallback type tries its types in order.
    let contact: Candidate | undefined;
    for (const type of fallbackKeyTypes[key.matchKeyType] ?? [key.matchKeyType]) {
      const value = normalMatchKey({ ...key, matchKeyType: type });
      contact = found.contacts.find(
        (c) => c.t === type && c.v === value && (!key.contactType || c.contact_type.toLowerCase() === key.contactType.toLowerCase()),
      );
      if (contact) break;
    }
    return { contactId: contact?.id ?? null, warnings: warningsFor(orderId, document, Boolean(contact), knownStores, knownSkus) };
  });
}

function warningsFor(orderId: string, document: OrderDocument, contactFound: boolean, stores: Set<string>, skus: Set<string>): LogEntry[] {
  const warnings: LogEntry[] = [];
  const base = { type: 'Orders', orderId };
  if (!contactFound) {
    const { matchKeyType, matchKey, contactType } = document.contact;
    warnings.push({
      ...base,
      errorCode: 'ContactMissing',
      message: `No contact matches ${matchKeyType} ${matchKey}${contactType ? ` (${contactType})` : ''}; the order is stored without a contact`,
      refKey: `${matchKeyType}:${normalMatchKey(document.contact)}`,
      details: { matchKeyType, matchKey, contactType: contactType ?? null },
    });
  }
  if (!stores.has(document.externalStoreId)) {
    warnings.push({
      ...base,
      errorCode: 'StoreMissing',
      message: `Store ${document.externalStoreId} is not in the store register`,
      refKey: document.externalStoreId,
      details: { externalStoreId: document.externalStoreId },
    });
  }
  if (!isKnownOrderStatus(document.status)) {
    // Once per order and status value: the version-tag column is left empty on purpose, so later versions add no entry.
    warnings.push({
      ...base,
      errorCode: 'UnknownOrderStatus',
      message: `Status ${JSON.stringify(document.status)} is not one the service knows; it is kept as sent and counts as ${isOngoing(document.status) ? '' : 'not '}ongoing`,
      refKey: `status:${document.status}`,
      versionTag: null,
      details: { status: document.status },
    });
  }
  for (const sku of skusOf(document).filter((sku) => !skus.has(sku))) {
    warnings.push({ ...base, errorCode: 'ArticleMissing', message: `Article ${sku} is not in the article register`, refKey: sku, details: { sku } });
  }
  return warnings;
}
