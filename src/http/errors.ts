// Turns every failure into problem JSON: ours (ApiError), Fastify's (validation,
// body size, media type), and surprises (500 with a correlation id).
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, FieldError } from '../domain/errors.js';
import { isOutage, quietErrors } from '../db/log.js';
import { INPUT_LIMITS, InputGuardError } from './input-guard.js';
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

/** The part of the request a framework refusal is about, so that every 4xx names one. */
function fieldErrorOf(code: ErrorCode, message: string, request: FastifyRequest): FieldError[] {
  if (code === 'InvalidJson') return [{ path: 'body', message }];
  if (code === 'PayloadTooLarge') return [{ path: 'body', message: `must not be larger than ${request.routeOptions.bodyLimit} bytes` }];
  if (code === 'UnsupportedMediaType') return [{ path: 'content-type', message }];
  return [];
}

/** A client's text echoed in a detail, cut short: a 15 KB path should not make a 15 KB answer. */
const clipped = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/problem+json')
      .send(problem('RouteNotFound', `${request.method} ${clipped(request.url.split('?')[0]!)} is not a route`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Problem;
    if (error instanceof ApiError) {
      body = error.toProblem();
    } else if (error.validation || error instanceof InputGuardError) {
      const part = error instanceof InputGuardError ? error.part : (error.validationContext ?? 'body');
      const code = part === 'body' ? (request.routeOptions.config?.invalidCode ?? 'InvalidRequest') : 'InvalidRequest';
      const errors: FieldError[] & { truncated?: boolean } =
        error instanceof InputGuardError ? capped(error.fieldErrors) : toFieldErrors(error.validation as never, part === 'body' ? undefined : part);
      const count = `${errors.length}${errors.truncated ? ' or more' : ''}`;
      body = problem(code, `The ${part} has ${count} error${errors.length === 1 ? '' : 's'}`, errors, errors.truncated ? { truncated: true } : {});
    } else if (error.code && fastifyCodes[error.code]) {
      const code = fastifyCodes[error.code]!;
      body = problem(code, error.message, fieldErrorOf(code, error.message, request));
    } else if (error instanceof SyntaxError || error.statusCode === 400) {
      // A body that is not JSON, or JSON with a __proto__ / constructor.prototype key (refused, not stripped).
      body = problem('InvalidJson', error.message, [{ path: 'body', message: error.message }]);
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

/** The first INPUT_LIMITS.maxErrors errors, marked `truncated` when there were more. */
function capped(errors: FieldError[]): FieldError[] & { truncated?: boolean } {
  if (errors.length <= INPUT_LIMITS.maxErrors) return errors;
  return Object.assign(errors.slice(0, INPUT_LIMITS.maxErrors), { truncated: true });
}

/**
 * Fastify's own early failures (a URL whose percent-encoding is not UTF-8), which
 * never reach the error handler: answered as problems too (app.ts `frameworkErrors`).
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body =
    error.code === 'FST_ERR_BAD_URL'
      ? problem('InvalidRequest', 'The URL is not valid percent-encoded UTF-8', [{ path: 'url', message: 'is not valid percent-encoded UTF-8' }])
      : problem('InvalidRequest', error.message, [], {}, error.statusCode && error.statusCode < 500 ? error.statusCode : 400);
  reply.code(body.status).type('application/problem+json').send(body);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a control
 * character in a header, raw non-ASCII bytes in the request target, a
 * Content-Length that is not a number, headers over the size limit, a request
 * that did not arrive in time): answered as problems too, then the connection
 * is closed, as Node does.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail, path] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are larger than the server accepts', 'headers']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time', 'request']
        : [400, 'The request is not valid HTTP/1.1 (a header, the request line or the body framing)', 'request'];
  const body = JSON.stringify(problem('InvalidRequest', detail, [{ path, message: 'could not be read' }], {}, status));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Every 503 says when to come back: soon when overloaded (the backlog figure refreshes twice a second), later when the database is away. */
export function retryAfterSeconds(code: ErrorCode): number {
  return code === 'Overloaded' ? 1 : 5;
}
