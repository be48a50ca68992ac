// The routes the contacts and integration-log pages call, as written in the OpenAPI
// document. Plain data without imports: test/e2e/console-contacts.test.ts checks each
// one against GET /api/docs/json, so a route renamed on the server fails a test.
export const browseEndpoints = {
  contactSearch: { method: 'GET', path: '/api/v3/contacts' },
  contactSummary: { method: 'GET', path: '/api/v3/contacts/{contactId}/summary' },
  contactPatch: { method: 'PATCH', path: '/api/v3/contacts/{contactId}' },
  logResolve: { method: 'POST', path: '/api/v3/integration-log/{id}/resolve' },
  logResolveMany: { method: 'POST', path: '/api/v3/integration-log/resolve' },
} as const;
