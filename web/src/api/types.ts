// Wire types of the public API the console reads, from the types generated from the
// service's OpenAPI document (generated.ts, `npm run gen:api`): every route declares
// its answers, so these are the service's own schemas, not copies. What the document
// cannot say is written here: the enums the console offers as choices, and the
// segment filter language (validated by the service's filter check, not a schema).
// test/e2e/console-api.test.ts checks that every path used is in the document.
// Objects stay open: the API keeps fields the contract does not name.
import type { AnswerOf, Schemas } from './generated.ts';

export type KeyInfo = AnswerOf<'GET /api/v3/keys/me'>;
export type Scope = KeyInfo['scope'];

export type Link = AnswerOf<'GET /api/v3/orders/jobs'>['links'][number];
/** An offset-paged list (src/http/paging.ts) of any item. */
export type Page<T> = Pick<AnswerOf<'GET /api/v3/orders/jobs'>, 'totalCount' | 'offset' | 'count' | 'links'> & { items: T[] };

/** A problem body; `status` alone when the service sent none (the network, a proxy). */
export type Problem = Partial<Schemas['Problem']> & { status: number };

export type Contact = AnswerOf<'GET /api/v3/contacts/{contactId}'>;

export type Order = AnswerOf<'GET /api/v3/orders/{orderId}'>;
/** Any text: a shop's own statuses are kept as sent. */
export type OrderStatus = Order['status'];
/** The statuses the service knows, offered as choices. */
export const orderStatuses: OrderStatus[] = ['Received', 'InProgress', 'Completed', 'Cancelled'];
export type OrderType = Order['orderType'];
export const orderTypes: OrderType[] = ['Purchase', 'Return', 'Mixed'];

export type LineItem = Order['lineItems']['items'][number];
export type Tax = NonNullable<Order['taxes']>[number];
export type Address = NonNullable<Order['billingAddress']>;

export type OrderVersion = AnswerOf<'GET /api/v3/orders/{orderId}/versions'>['items'][number];
export type ActionEvent = AnswerOf<'GET /api/v3/orders/{orderId}/actions'>['items'][number];

export type Job = AnswerOf<'GET /api/v3/orders/jobs/{jobId}'>;
export type JobStatus = Job['status'];
export const jobStatuses: JobStatus[] = ['Pending', 'Processing', 'Succeeded', 'Failed'];
export type Accepted = AnswerOf<'POST /api/v3/orders'>;

export type Receipt = AnswerOf<'GET /api/v3/orders/{orderId}/receipts'>['items'][number];

export type LogEntry = AnswerOf<'GET /api/v3/integration-log'>['items'][number];

/** and/or/not over hasOrder conditions. */
export interface HasOrder {
  ongoing?: boolean;
  status?: OrderStatus[];
  orderType?: OrderType[];
  channel?: string[];
  externalStoreId?: string[];
  createdAt?: { from?: string; to?: string; withinDays?: number };
  totalPrice?: { min?: number; max?: number };
  lineItem?: Partial<Record<LineItemListField, string[]>> & { type?: 'Purchase' | 'Return' };
}
export const lineItemListFields = ['sku', 'brand', 'mainCategory', 'productCategory', 'color', 'size', 'season', 'gender'] as const;
export type LineItemListField = (typeof lineItemListFields)[number];
export type SegmentFilter = { and: SegmentFilter[] } | { or: SegmentFilter[] } | { not: SegmentFilter } | { hasOrder: HasOrder };

export type SegmentPreview = AnswerOf<'POST /api/v3/segments/preview'>;
/** A saved segment; its filter is the language above (the schema declares it as any JSON). */
export type Segment = Pick<AnswerOf<'GET /api/v3/segments/{id}'>, 'id' | 'name' | 'createdAt' | 'links'> & {
  filter: SegmentFilter;
  [extra: string]: unknown;
};

export type Automation = AnswerOf<'GET /api/v3/automations/{id}'>;
export type AutomationRun = AnswerOf<'GET /api/v3/automations/runs'>['items'][number];
export type Delivery = AutomationRun['deliveries'][number];
