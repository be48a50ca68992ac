// Contact search and summary, contact edit, and integration-log resolve: the
// calls and answer types of the contacts and integration-log pages.
import { ApiFailure, type ApiClient } from './client.ts';
import { browseEndpoints } from './contacts-browse-endpoints.ts';
import type { Contact, LogEntry, Problem } from './types.ts';

export interface ContactListItem {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobilePhone: string | null;
  memberNumber: string | null;
  contactType: string;
  createdAt: string;
}

export interface ContactSummary {
  contactId: string;
  orders: number;
  purchases: number;
  returns: number;
  mixed: number;
  openOrders: number;
  /** Amounts are exact decimal strings. */
  totals: { currency: string; spent: string; returned: string; averageOrderValue: string }[];
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  segments: { id: string; name: string }[];
  segmentsTruncated: boolean;
}

/** An integration-log entry with its count and resolution (the log's current shape). */
export interface CountedLogEntry extends LogEntry {
  count: number;
  lastSeenAt: string;
  resolvedBy: string | null;
}

export interface BulkResolved {
  resolved: CountedLogEntry[];
  alreadyResolved: CountedLogEntry[];
  notFound: number[];
}

/** The fields the edit form may change; an empty string clears nothing, it is left out. */
export type ContactPatch = Partial<Record<'firstName' | 'lastName' | 'email' | 'mobilePhone' | 'memberNumber', string>>;

type Name = keyof typeof browseEndpoints;

async function call<T>(
  api: ApiClient,
  name: Name,
  options: { params?: Record<string, string>; query?: Record<string, string | number | undefined>; body?: unknown } = {},
): Promise<T> {
  const { method, path } = browseEndpoints[name];
  const filled = path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(options.params?.[key] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
  const url = search.toString() ? `${filled}?${search}` : filled;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { apikey: api.key, accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiFailure(0, undefined);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ApiFailure(response.status, (body as Problem | undefined) ?? { status: response.status });
  return body as T;
}

export const searchContacts = (api: ApiClient, q: string, cursor?: string, limit = 25) =>
  call<{ items: ContactListItem[]; nextCursor: string | null }>(api, 'contactSearch', { query: { q: q.trim() || undefined, cursor, limit } });

export const contactSummary = (api: ApiClient, contactId: string) => call<ContactSummary>(api, 'contactSummary', { params: { contactId } });

export const patchContact = (api: ApiClient, contactId: string, patch: ContactPatch) =>
  call<Contact>(api, 'contactPatch', { params: { contactId }, body: patch });

export const resolveLogEntry = (api: ApiClient, id: number | string) => call<CountedLogEntry>(api, 'logResolve', { params: { id: String(id) }, body: {} });

export const resolveLogEntries = (api: ApiClient, ids: (number | string)[]) => call<BulkResolved>(api, 'logResolveMany', { body: { ids: ids.map(Number) } });
