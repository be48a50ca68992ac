// Wire types of the public API the console reads. Written by hand from the route
// TypeBox schemas (src/orders/schemas.ts and the other capabilities' schemas.ts) and
// the contract (docs: /work/shared/spec → orders-v3-contract.md), because most routes
// declare no response schema, so a generator fed with GET /api/docs/json would give
// little more than `unknown`. test/e2e/console-api.test.ts checks that every path
// used here is in the service's OpenAPI document, so a renamed route fails a test.
// Objects stay open: the API keeps fields the contract does not name.

export type Scope = 'read' | 'write' | 'admin';
export interface KeyInfo {
  name: string;
  scope: Scope;
}

export interface Link {
  rel: string;
  href: string;
  method: string;
}
export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  count: number;
  links: Link[];
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errorCode?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export interface Contact {
  id?: string;
  contactId?: string;
  contactType?: string;
  email?: string | null;
  mobilePhone?: string | null;
  memberNumber?: string | null;
  externalId?: string | null;
  socialSecurityNumber?: string | null;
  cardId?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  createdAt?: string;
  [extra: string]: unknown;
}

export type OrderStatus = 'Received' | 'InProgress' | 'Completed' | 'Cancelled';
export const orderStatuses: OrderStatus[] = ['Received', 'InProgress', 'Completed', 'Cancelled'];
export type OrderType = 'Purchase' | 'Return' | 'Mixed';
export const orderTypes: OrderType[] = ['Purchase', 'Return', 'Mixed'];

export interface Tax {
  description?: string;
  percent: number;
  amount: number;
}
export interface Discount {
  type?: string;
  description?: string;
  amount: number;
}
export interface LineItem {
  id?: string;
  type?: 'Purchase' | 'Return';
  externalStatus?: string;
  quantity: number;
  article: { sku: string; name?: string; description?: string; imageUri?: string; targetUri?: string; [extra: string]: unknown };
  pricePerUnit?: number;
  originalPricePerUnit?: number;
  totalPrice: number;
  originalTotalPrice?: number;
  /** Any JSON is kept by the API; the console reads the shape [{ amount, … }] only. */
  discounts?: Discount[] | unknown;
  taxes?: Tax[] | unknown;
  returnDetails?: { type: 'Normal' | 'Complaint' | 'Change'; reason?: string };
  group?: unknown;
}
export interface Address {
  title?: string;
  firstname?: string;
  lastname?: string;
  careOf?: string;
  street?: string;
  zipCode?: string;
  city?: string;
  region?: string;
  countryCode?: string;
  email?: string;
  mobilePhone?: string;
}
export interface AmountList<T> {
  items: T[];
  total?: number;
}
export interface Order {
  orderId: string;
  contact: { matchKey: string; matchKeyType: string; contactType?: string };
  externalStoreId: string;
  status: OrderStatus;
  externalStatus?: string;
  references?: string[];
  currencyCode: string;
  channel?: string;
  createdAt: string;
  lastChangedAt?: string;
  lineItems: { items: LineItem[]; subTotal: number };
  /** Any JSON is kept by the API; the console reads the shape { items: [{ amount, … }], total } only. */
  payments?: AmountList<{ type: string; description?: string; amount: number; reference?: string }> | unknown;
  fees?: AmountList<{ type: string; description?: string; amount: number; taxes?: Tax[] }> | unknown;
  discounts?: AmountList<{ type: string; description?: string; amount: number }> | unknown;
  taxes?: Tax[];
  totalPrice?: number;
  delivery?: { method?: string; trackingNumber?: string; trackingUri?: string; deliveryDate?: string };
  billingAddress?: Address;
  shippingAddress?: Address;
  // read-only
  versionTag: string;
  orderType: OrderType;
  contactId: string | null;
  processedAt: string;
  [extra: string]: unknown;
}

export interface OrderVersion {
  versionTag: string;
  operation: string;
  jobId: string | null;
  processedAt: string;
  /** What differs from the version before: field names, `lineItems[id] added|changed|removed`, or `created`. */
  changes: string[];
}
export interface ActionEvent {
  actionId: string;
  orderId: string;
  versionTag: string;
  action: string;
  language: string | null;
  data: unknown;
  contactId: string | null;
  jobId: string | null;
  createdAt: string;
}

export type JobStatus = 'Pending' | 'Processing' | 'Succeeded' | 'Failed';
export const jobStatuses: JobStatus[] = ['Pending', 'Processing', 'Succeeded', 'Failed'];
export interface Job {
  jobId: string;
  status: JobStatus;
  orderId: string;
  operation: string;
  acceptedAt: string;
  startedAt?: string;
  finishedAt?: string;
  versionTag?: string;
  errorCode?: string;
  errors?: { path: string; message: string }[];
}
export interface Accepted {
  jobId: string;
  status: 'Pending';
  orderId: string;
  links: Link[];
}

export interface Receipt {
  uniqueReceiptId: string;
  receiptNumber?: string;
  createdDate: string;
  storeExternalId: string;
  currency: string;
  totalGrossPrice: number;
  orderId?: string | null;
  contactId?: string | null;
  paymentMethods?: { type?: string; description?: string; value: number }[];
  items?: { type: string; sku: string; quantity: number; grossPaidPrice: number; articleName?: string; taxAmount?: number }[];
  [extra: string]: unknown;
}

export interface LogEntry {
  id: string | number;
  type: string;
  severity: 'Warning' | 'Error';
  errorCode: string;
  message: string;
  orderId: string | null;
  jobId: string | null;
  details: unknown;
  createdAt: string;
  resolvedAt: string | null;
}

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

export interface SegmentPreview {
  count: number;
  contactIds: string[];
  links?: Link[];
}
export interface Segment {
  id: string;
  name: string;
  filter: SegmentFilter;
  createdAt?: string;
  [extra: string]: unknown;
}

export interface Automation {
  id: string;
  name: string;
  trigger: { action: string };
  steps: { type: string; subject?: string; url?: string }[];
  createdAt?: string;
  updatedAt?: string;
  [extra: string]: unknown;
}
export interface Delivery {
  eventId: string;
  stepIndex: number;
  type: string;
  target: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}
export interface AutomationRun {
  runId: string;
  status: 'Pending' | 'Succeeded' | 'Failed';
  automationId: string;
  automationName: string;
  actionId: string;
  action: string;
  orderId: string;
  versionTag: string;
  contactId: string | null;
  language: string | null;
  occurredAt: string;
  createdAt: string;
  deliveries: Delivery[];
}
