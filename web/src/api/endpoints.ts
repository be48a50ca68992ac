// Every API route the console calls, as written in the OpenAPI document.
// Plain data without DOM types: test/e2e/console-api.test.ts imports it and checks
// each one against GET /api/docs/json, so a route renamed on the server fails a test.
export const endpoints = {
  keyMe: { method: 'GET', path: '/api/v3/keys/me' },
  contactLookup: { method: 'GET', path: '/api/v3/contacts/id' },
  contact: { method: 'GET', path: '/api/v3/contacts/{contactId}' },
  contactReceipts: { method: 'GET', path: '/api/v3/contacts/{contactId}/receipts' },
  orders: { method: 'GET', path: '/api/v3/orders' },
  order: { method: 'GET', path: '/api/v3/orders/{orderId}' },
  orderReceipts: { method: 'GET', path: '/api/v3/orders/{orderId}/receipts' },
  orderActions: { method: 'GET', path: '/api/v3/orders/{orderId}/actions' },
  orderVersions: { method: 'GET', path: '/api/v3/orders/{orderId}/versions' },
  changeStatus: { method: 'POST', path: '/api/v3/orders/{orderId}/change-status' },
  triggerAction: { method: 'POST', path: '/api/v3/orders/{orderId}/action' },
  jobs: { method: 'GET', path: '/api/v3/orders/jobs' },
  job: { method: 'GET', path: '/api/v3/orders/jobs/{jobId}' },
  integrationLog: { method: 'GET', path: '/api/v3/integration-log' },
  segmentPreview: { method: 'POST', path: '/api/v3/segments/preview' },
  segments: { method: 'GET', path: '/api/v3/segments' },
  segmentCreate: { method: 'POST', path: '/api/v3/segments' },
  segment: { method: 'GET', path: '/api/v3/segments/{id}' },
  segmentDelete: { method: 'DELETE', path: '/api/v3/segments/{id}' },
  segmentContacts: { method: 'GET', path: '/api/v3/segments/{id}/contacts' },
  automations: { method: 'GET', path: '/api/v3/automations' },
  automationRuns: { method: 'GET', path: '/api/v3/automations/runs' },
  // Administration pages (web/src/pages/admin/).
  stores: { method: 'GET', path: '/api/v3/stores' },
  storeCreate: { method: 'POST', path: '/api/v3/stores' },
  article: { method: 'GET', path: '/api/v3/articles/{sku}' },
  articlePut: { method: 'PUT', path: '/api/v3/articles/{sku}' },
  automation: { method: 'GET', path: '/api/v3/automations/{id}' },
  automationCreate: { method: 'POST', path: '/api/v3/automations' },
  automationUpdate: { method: 'PUT', path: '/api/v3/automations/{id}' },
  automationDelete: { method: 'DELETE', path: '/api/v3/automations/{id}' },
  keys: { method: 'GET', path: '/api/v3/keys' },
  keyCreate: { method: 'POST', path: '/api/v3/keys' },
  keyRevoke: { method: 'DELETE', path: '/api/v3/keys/{id}' },
} as const;

export type EndpointName = keyof typeof endpoints;

/** Fills `{name}` placeholders (URL-encoded) and appends the non-empty query parameters. */
export function url(name: EndpointName, params: Record<string, string> = {}, query: Record<string, unknown> = {}): string {
  const path = endpoints[name].path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
