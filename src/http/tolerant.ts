// A tolerant JSON body parser. Engage asks for `Content-Type: application/json`
// on every request, and real clients send it on DELETE and body-less POSTs too:
// an empty body with that header is "no body", not malformed JSON. Anything
// else goes through Fastify's own parser (prototype-poisoning checks included).
import type { FastifyInstance } from 'fastify';

export function registerTolerantJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return parseJson(request, body as string, done);
  });
}
