// The order list (GET /api/v3/orders without contactId) and the store register, for the
// Orders page, through fetchJson with the signed-in key.
import { type ApiClient, fetchJson } from './client.ts';
import type { AnswerOf } from './generated.ts';

/** The browsing answer of GET /api/v3/orders (the other shape is a contact's paged list), from the OpenAPI document. */
export type OrderListPage = Extract<AnswerOf<'GET /api/v3/orders'>, { nextCursor: unknown }>;
export type OrderListItem = OrderListPage['items'][number];

/** The list's filters as they appear in the page URL and the API query string (same names). */
export const orderFilterNames = [
  'q',
  'status',
  'orderType',
  'storeId',
  'channel',
  'createdFrom',
  'createdTo',
  'processedFrom',
  'processedTo',
  'hasWarnings',
  'sort',
  'order',
] as const;
export type OrderFilters = Partial<Record<(typeof orderFilterNames)[number], string>>;

export interface StoreSummary {
  externalId: string;
  name: string;
}

const get = <T>(api: ApiClient, path: string) => fetchJson<T>(api.key, path);

export function listOrders(api: ApiClient, filters: OrderFilters, cursor?: string | null, limit = 25): Promise<OrderListPage> {
  const query = new URLSearchParams();
  for (const name of orderFilterNames) {
    const value = filters[name]?.trim();
    if (value) query.set(name, value);
  }
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  return get<OrderListPage>(api, `/api/v3/orders?${query.toString()}`);
}

export function listStores(api: ApiClient): Promise<StoreSummary[]> {
  return get<StoreSummary[]>(api, '/api/v3/stores?includeInactive=true');
}
