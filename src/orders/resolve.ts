// Resolves an order's contact, store and articles against the registers.
// What cannot be resolved becomes a warning for the integration log (contract §7).
import { sql } from 'kysely';
import { matchingContactsQuery } from '../contacts/match.js';
import type { OrderDocument } from '../domain/order.js';
import type { LogEntry } from '../integration-log/log.js';
import type { Tx } from './hooks.js';

export async function resolveReferences(tx: Tx, orderId: string, document: OrderDocument): Promise<{ contactId: string | null; warnings: LogEntry[] }> {
  const skus = [...new Set<string>(document.lineItems.items.map((line: { article: { sku: string } }) => line.article.sku))];
  // One round trip for all three registers: this runs for every processed order.
  const contact = matchingContactsQuery(document.contact, 1) ?? sql`SELECT NULL::uuid AS id`;
  const { rows } = await sql<{ contact_id: string | null; store_found: boolean; known_skus: string[] }>`
    SELECT (${contact}) AS contact_id,
      EXISTS (SELECT 1 FROM stores WHERE external_id = ${document.externalStoreId}) AS store_found,
      ARRAY(SELECT sku FROM articles WHERE sku = ANY(${skus}::text[])) AS known_skus`.execute(tx);
  const { contact_id: contactId, store_found: storeFound, known_skus: knownSkus } = rows[0]!;
  const warnings: LogEntry[] = [];
  const base = { type: 'Orders', orderId };
  if (!contactId) {
    const { matchKeyType, matchKey, contactType } = document.contact;
    warnings.push({
      ...base,
      errorCode: 'ContactMissing',
      message: `No contact matches ${matchKeyType} ${matchKey}${contactType ? ` (${contactType})` : ''}; the order is stored without a contact`,
      refKey: `${matchKeyType}:${matchKeyType === 'Email' ? String(matchKey).toLowerCase() : matchKey}`,
      details: { matchKeyType, matchKey, contactType: contactType ?? null },
    });
  }
  if (!storeFound) {
    warnings.push({ ...base, errorCode: 'StoreMissing', message: `Store ${document.externalStoreId} is not in the store register`, refKey: document.externalStoreId, details: { externalStoreId: document.externalStoreId } });
  }
  const known = new Set(knownSkus);
  for (const sku of skus.filter((sku) => !known.has(sku))) {
    warnings.push({ ...base, errorCode: 'ArticleMissing', message: `Article ${sku} is not in the article register`, refKey: sku, details: { sku } });
  }
  return { contactId, warnings };
}
