// A tolerant JSON body parser. Engage asks for `Content-Type: application/json`
// on every request, and real clients send it on DELETE and body-less POSTs too:
// an empty body with that header is "no body", not malformed JSON. Anything
// else goes through Fastify's own parser (prototype-poisoning checks included).
// The bytes are decoded strictly, in the declared charset (UTF-8 unless the
// content type names another): a body in another encoding than it claims is
// refused, never stored with replacement characters in place of its letters.
import { TextDecoder } from 'node:util';
import type { FastifyInstance } from 'fastify';

class BodyError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** The body as text, or why it cannot be read. */
function decodeBody(body: Buffer, contentType: string | undefined): string | BodyError {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return new BodyError(`charset ${charset} is not supported; send UTF-8`, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 415);
  }
  try {
    return decoder.decode(body);
  } catch {
    return new BodyError(`The body is not valid ${decoder.encoding.toUpperCase()}`, 'FST_ERR_CTP_INVALID_JSON_BODY', 400);
  }
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export function registerTolerantJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const text = decodeBody(body as Buffer, request.headers['content-type']);
    if (text instanceof BodyError) return done(text, undefined);
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, (error, value) => {
      // Fastify says "not valid JSON" for well-formed JSON it refuses for a prototype key too.
      if (error && isJson(text))
        return done(
          new BodyError('The body has a __proto__ or constructor.prototype key; such keys are refused', 'FST_ERR_CTP_INVALID_JSON_BODY', 400),
          undefined,
        );
      return done(error, value);
    });
  });
}
