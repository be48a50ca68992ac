// One guard for every string and number a request brings (body, path parameters,
// query string), run before schema validation on every route: no NUL (PostgreSQL
// text and jsonb refuse it), no unpaired UTF-16 surrogate (not encodable as UTF-8:
// PostgreSQL refuses it too), only finite numbers (JSON's 1e999 parses to
// Infinity, which would be stored as null), and no nesting deeper than
// MAX_DEPTH (deep JSON overflows recursive code: JSON.stringify, jsonb).
// Without it such input was accepted and failed later as a 500 or a poison job.
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../domain/errors.js';

export const INPUT_LIMITS = {
  /** Object/array nesting of a JSON body; the deepest legitimate body (a segment filter at its depth limit) needs under 30. */
  maxDepth: 32,
  /** Errors listed in one problem; more are summarised by `truncated: true`. */
  maxErrors: 100,
} as const;

// eslint-disable-next-line no-control-regex -- finding the NUL control character is this pattern's purpose
const badString = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string is refused, or undefined when it is fine. */
export function stringProblem(value: string): string | undefined {
  const found = badString.exec(value);
  if (!found) return undefined;
  return found[0] === '\u0000' ? 'must not contain a NUL character (\\u0000)' : 'must not contain an unpaired UTF-16 surrogate';
}

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  key: string | number | undefined;
  depth: number;
}

function pathOf(frame: Frame, prefix: string): string {
  const parts: (string | number)[] = [];
  for (let at: Frame | undefined = frame; at && at.key !== undefined; at = at.parent) parts.push(at.key);
  return parts.reverse().reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${part}` : part), prefix);
}

/**
 * Every refused string, key, number and too-deep value in `root`, in document
 * order, at most maxErrors + 1 (the caller reports `truncated`). Iterative, so
 * no input depth can overflow the stack; each node is visited once.
 */
export function inspectInput(root: unknown, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Frame[] = [{ value: root, parent: undefined, key: undefined, depth: 0 }];
  while (stack.length > 0 && errors.length <= INPUT_LIMITS.maxErrors) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) errors.push({ path: pathOf(frame, prefix), message: problem });
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) errors.push({ path: pathOf(frame, prefix), message: 'must be a finite number' });
    } else if (value !== null && typeof value === 'object') {
      const depth = frame.depth + 1;
      if (depth > INPUT_LIMITS.maxDepth) {
        errors.push({ path: pathOf(frame, prefix), message: `is nested deeper than ${INPUT_LIMITS.maxDepth} levels` });
        continue;
      }
      const children: Frame[] = [];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) children.push({ value: value[i], parent: frame, key: i, depth });
      } else {
        for (const key of Object.keys(value)) {
          const child: Frame = { value: (value as Record<string, unknown>)[key], parent: frame, key, depth };
          const problem = stringProblem(key);
          if (problem) errors.push({ path: pathOf(child, prefix), message: `(a property name) ${problem}` });
          children.push(child);
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return errors;
}

/** A request part refused by the guard; errors.ts answers it like a schema failure. */
export class InputGuardError extends Error {
  constructor(
    readonly part: 'body' | 'params' | 'querystring',
    readonly fieldErrors: FieldError[],
  ) {
    super(`the ${part} has refused characters, numbers or nesting`);
  }
}

function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  return !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer) && typeof (value as { pipe?: unknown }).pipe !== 'function';
}

/**
 * The name of a query parameter whose percent-encoding is not UTF-8 (`?q=%FF`),
 * or undefined. The query parser leaves such a sequence as its raw text, which
 * would then be searched for or stored as if the client had meant it; a path
 * with the same flaw is refused by the router (400 `url`).
 */
function undecodableQueryParameter(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start < 0 || !url.includes('%', start)) return undefined;
  for (const pair of url.slice(start + 1).split('&')) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    for (const text of [name, equals < 0 ? '' : pair.slice(equals + 1)]) {
      try {
        decodeURIComponent(text.replaceAll('+', ' '));
      } catch {
        return name;
      }
    }
  }
  return undefined;
}

/** preValidation hook (app.ts): the query's encoding, then path parameters, query and a parsed JSON body. */
export async function guardRequest(request: FastifyRequest): Promise<void> {
  const badParameter = undecodableQueryParameter(request.url);
  if (badParameter !== undefined) throw new InputGuardError('querystring', [{ path: badParameter, message: 'is not valid percent-encoded UTF-8' }]);
  const parts = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const;
  for (const [part, value] of parts) {
    if (!isPlain(value)) continue; // a parsed JSON body, params or query; never an XML feed's text or a stream
    const errors = inspectInput(value);
    if (errors.length > 0) throw new InputGuardError(part, errors);
  }
}
