// Contact search and summary, contact edit, and integration-log resolve: the
// calls and answer types of the contacts and integration-log pages.
import { type ApiClient, fetchJson } from './client.ts';
import type { AnswerOf } from './generated.ts';
import { browseEndpoints } from './contacts-browse-endpoints.ts';
import type { LogEntry } from './types.ts';

/** Answers of the contact search and summary, from the OpenAPI document (amounts are exact decimal strings). */
export type ContactListItem = AnswerOf<'GET /api/v3/contacts'>['items'][number];
export type ContactSummary = AnswerOf<'GET /api/v3/contacts/{contactId}/summary'>;

/** An integration-log entry with its count and resolution. */
export type CountedLogEntry = LogEntry;
export type BulkResolved = AnswerOf<'POST /api/v3/integration-log/resolve'>;
export type PatchedContact = AnswerOf<'PATCH /api/v3/contacts/{contactId}'>;

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
  return fetchJson<T>(api.key, search.toString() ? `${filled}?${search}` : filled, { method, body: options.body });
}

export const searchContacts = (api: ApiClient, q: string, cursor?: string, limit = 25) =>
  call<AnswerOf<'GET /api/v3/contacts'>>(api, 'contactSearch', { query: { q: q.trim() || undefined, cursor, limit } });

export const contactSummary = (api: ApiClient, contactId: string) => call<ContactSummary>(api, 'contactSummary', { params: { contactId } });

export const patchContact = (api: ApiClient, contactId: string, patch: ContactPatch) =>
  call<PatchedContact>(api, 'contactPatch', { params: { contactId }, body: patch });

export const resolveLogEntry = (api: ApiClient, id: number | string) =>
  call<AnswerOf<'POST /api/v3/integration-log/{id}/resolve'>>(api, 'logResolve', { params: { id: String(id) }, body: {} });

export const resolveLogEntries = (api: ApiClient, ids: (number | string)[]) => call<BulkResolved>(api, 'logResolveMany', { body: { ids: ids.map(Number) } });
