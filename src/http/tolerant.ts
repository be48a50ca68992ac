// A tolerant JSON body parser. Engage asks for `Content-Type: application/json`
// on every request, and real clients send it on DELETE and body-less POSTs too:
// an empty body with that header is "no body", not malformed JSON. Anything
// else goes through Fastify's own parser (prototype-poisoning checks included).
import type { FastifyInstance } from 'fastify';
import { parse } from 'node:querystring';

export function registerTolerantJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return parseJson(request, body as string, done);
  });
}

/**
 * The query-string parser. An empty value (`?status=&count=`: a client filling in a URL
 * template) is the same as the parameter being absent, as `null` is in a body. The parsed
 * object has no prototype, so a `__proto__` parameter is only a key.
 */
export function parseQuery(text: string): Record<string, string | string[]> {
  const query = parse(text) as Record<string, string | string[]>;
  for (const key of Object.keys(query)) {
    const value = query[key]!;
    const kept = Array.isArray(value) ? value.filter((item) => item !== '') : value;
    if (kept.length === 0) delete query[key];
    else query[key] = Array.isArray(kept) && kept.length === 1 ? kept[0]! : kept;
  }
  return query;
}
