// Calls of the order page's timeline and the administration pages, typed with the
// types generated from the OpenAPI document (generated.ts).
import { type ApiClient, ApiFailure, fetchJson } from './client.ts';
import type { AnswerOf, BodyOf } from './generated.ts';
import type { Automation } from './types.ts';

/** A failed call in one sentence for a toast: the problem's detail, code and field errors. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiFailure)) return String(error);
  if (error.forbidden) return `Not allowed: your API key's scope does not permit this. ${error.problem?.detail ?? ''}`.trim();
  const details = error.problem?.errors?.map((e) => `${e.path} ${e.message}`).join('; ');
  return `${error.message}${error.problem?.errorCode ? ` (${error.problem.errorCode})` : ''}${details ? `: ${details}` : ''}`;
}

export type StoreInput = BodyOf<'POST /api/v3/stores'>;
/** GET /api/v3/stores answers a bare array of what was registered, with the service's columns. */
export type Store = AnswerOf<'GET /api/v3/stores'>[number];
export type ArticleInput = BodyOf<'PUT /api/v3/articles/{sku}'>;
export type Article = AnswerOf<'GET /api/v3/articles/{sku}'>;
export type AutomationInput = BodyOf<'POST /api/v3/automations'>;
export type AutomationStep = AutomationInput['steps'][number];
export type ApiKey = AnswerOf<'GET /api/v3/keys'>['items'][number];
export type NewApiKey = AnswerOf<'POST /api/v3/keys'>;
export type Scope = BodyOf<'POST /api/v3/keys'>['scope'];
export type StatusChange = BodyOf<'POST /api/v3/orders/{orderId}/change-status'>;

export const stores = (api: ApiClient, includeInactive = true) => api.call<Store[] | { items: Store[] }>('stores', { query: { includeInactive } });
export const createStore = (api: ApiClient, body: StoreInput) => api.call<Store>('storeCreate', { body });

export const article = (api: ApiClient, sku: string) => api.call<Article>('article', { params: { sku } });
export const putArticle = (api: ApiClient, sku: string, body: ArticleInput) => api.call<Article>('articlePut', { params: { sku }, body, method: 'PUT' });

/** Every automation (admin keys only), a page of 100 at a time: there are few. */
export async function allAutomations(api: ApiClient): Promise<Automation[]> {
  const all: Automation[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.automations(offset, 100);
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.totalCount) return all;
  }
}
export const automation = (api: ApiClient, id: string) => api.call<Automation & AutomationInput>('automation', { params: { id } });
export const createAutomation = (api: ApiClient, body: AutomationInput) => api.call<Automation>('automationCreate', { body });
export const updateAutomation = (api: ApiClient, id: string, body: AutomationInput) =>
  api.call<Automation>('automationUpdate', { params: { id }, body, method: 'PUT' });
export const deleteAutomation = (api: ApiClient, id: string) => api.call<void>('automationDelete', { params: { id }, method: 'DELETE' });

export const keys = (api: ApiClient) => api.call<AnswerOf<'GET /api/v3/keys'>>('keys');
export const createKey = (api: ApiClient, body: BodyOf<'POST /api/v3/keys'>) => api.call<NewApiKey>('keyCreate', { body });
export const revokeKey = (api: ApiClient, id: string) => api.call<void>('keyRevoke', { params: { id }, method: 'DELETE' });

/** One entry of an order's timeline; every kind carries `at`, the rest is read tolerantly. */
/**
 * One timeline entry as GET /api/v3/orders/{orderId}/timeline sends it: every field of
 * the generated union, each optional, so that a kind or field the console does not know
 * yet is shown, never fatal.
 */
type TimelineEntry = AnswerOf<'GET /api/v3/orders/{orderId}/timeline'>['items'][number];
type WithoutKind<U> = U extends unknown ? Omit<U, 'kind' | 'at'> : never;
type AllOf<U> = (U extends unknown ? (u: U) => void : never) extends (all: infer I) => void ? I : never;
export type TimelineItem = Partial<AllOf<WithoutKind<TimelineEntry>>> & { at: string; kind: string; [extra: string]: unknown };

/**
 * GET /api/v3/orders/{orderId}/timeline. Called by URL rather than through the
 * endpoint table: a service without the route yet answers 404, and the page then
 * leaves the section out.
 */
export const orderTimeline = (api: ApiClient, orderId: string) =>
  fetchJson<{ items: TimelineItem[] }>(api.key, `/api/v3/orders/${encodeURIComponent(orderId)}/timeline`);
