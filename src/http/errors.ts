// Turns every failure into problem JSON: ours (ApiError), Fastify's (validation,
// body size, media type), and surprises (500 with a correlation id).
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode } from '../domain/errors.js';
import { isOutage, quietErrors } from '../db/log.js';
import { ApiError, type Problem, problem } from './problem.js';
import { toFieldErrors } from './validation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The errorCode a 400 from schema validation answers with on this route. */
    invalidCode?: ErrorCode;
  }
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'InvalidRequest',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'InvalidJson',
  FST_ERR_CTP_INVALID_JSON_BODY: 'InvalidJson',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).type('application/problem+json').send(problem('RouteNotFound', `${request.method} ${request.url.split('?')[0]} is not a route`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Problem;
    if (error instanceof ApiError) {
      body = error.toProblem();
    } else if (error.validation) {
      const part = error.validationContext ?? 'body';
      const code = part === 'body' ? (request.routeOptions.config?.invalidCode ?? 'InvalidRequest') : 'InvalidRequest';
      const errors = toFieldErrors(error.validation as never, part === 'body' ? undefined : part);
      body = problem(code, `The ${part} has ${errors.length} error${errors.length === 1 ? '' : 's'}`, errors);
    } else if (error.code && fastifyCodes[error.code]) {
      body = problem(fastifyCodes[error.code]!, error.message);
    } else if (error instanceof SyntaxError || error.statusCode === 400) {
      body = problem('InvalidJson', error.message);
    } else if (error.statusCode === 429) {
      body = problem('RateLimited', error.message);
    } else if (error.statusCode && error.statusCode < 500) {
      body = problem('InvalidRequest', error.message, [], {}, error.statusCode);
    } else {
      const unavailable = isOutage(error);
      quietErrors(request.log).error({ err: error }, unavailable ? 'request failed: database unavailable' : 'request failed');
      body = problem(unavailable ? 'ServiceUnavailable' : 'InternalError', `Correlation id ${request.id}`, [], { correlationId: request.id });
    }
    if (body.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfterSeconds(body.errorCode)));
    reply.code(body.status).type('application/problem+json').send(body);
  });
}

/** Every 503 says when to come back: soon when overloaded (the backlog figure refreshes twice a second), later when the database is away. */
export function retryAfterSeconds(code: ErrorCode): number {
  return code === 'Overloaded' ? 1 : 5;
}
