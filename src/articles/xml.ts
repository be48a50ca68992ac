// The Engage article XML feed, parsed as a stream (saxes): articles are handed
// on in batches as they complete, so a feed of any size is never held in memory.
// Shape: any root element containing <article> elements (at any depth, any
// letter case) whose child elements are the article fields (any letter case).
// Memory stays flat whatever the feed holds: the body is counted against its own
// byte limit, text is capped per field while it is read (an over-long field makes
// its article invalid, the rest is skipped, never accumulated), and element names,
// nesting and unknown fields per article are capped.
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import type { Article } from './schemas.js';
import { articleFieldNames } from './schemas.js';
import { checkArticle } from './validate.js';

export interface FeedError {
  line: number;
  sku: string | null;
  field: string;
  message: string;
}

export interface FeedResult {
  imported: number;
  failed: number;
  errors: FeedError[];
  /** Set when more errors were found than the answer lists. */
  errorsTruncated?: boolean;
}

/** The feed is not well-formed XML. Articles before `line` may already be imported. */
export class FeedSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly imported: number,
  ) {
    super(message);
  }
}

/** The body passed the feed's byte limit (ARTICLE_FEED_LIMIT_BYTES). Articles before it may be imported. */
export class FeedTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly imported: number,
  ) {
    super(`The feed is larger than ${limitBytes} bytes (ARTICLE_FEED_LIMIT_BYTES)`);
  }
}

export const MAX_LISTED_ERRORS = 1000;
/** Characters kept of one field: above every schema maximum (description: 4,000), so only nonsense is cut. */
export const MAX_FIELD_CHARS = 10_000;
/** Characters of all fields of one article, so a batch of 500 articles stays a few tens of MB at most. */
export const MAX_ARTICLE_CHARS = 64_000;
/** Fields the article schema does not name, per article (they are kept, so they are bounded). */
export const MAX_UNKNOWN_FIELDS = 50;
/** Element names (and attribute names) longer than this make the feed malformed. */
export const MAX_NAME_CHARS = 100;
/** Element nesting deeper than this makes the feed malformed. */
export const MAX_DEPTH = 32;
/** The parser is fed at most this many characters at a time, so its buffers are checked often. */
const SLICE_CHARS = 64 * 1024;
export const DEFAULT_FEED_LIMIT_BYTES = 200 * 1024 * 1024;

/** saxes keeps the text, name or entity it is reading in these fields until it completes; we cap them. */
type SaxesBuffers = { text: string; name: string; entity: string; piTarget: string; attribList: unknown[] };
/** Attributes of one element (the feed uses none; they are only read past). */
const MAX_ATTRIBUTES = 100;
const canonicalField = new Map(articleFieldNames.map((name) => [name.toLowerCase(), name]));

/** Element text to a field value: awardsBonus becomes a boolean when it reads as one; everything else stays text. */
function fieldValue(name: string, text: string): unknown {
  if (name === 'awardsBonus') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return text;
}

interface ArticleState {
  line: number;
  depth: number;
  fields: Record<string, unknown>;
  chars: number;
  unknown: number;
  /** Problems found while reading (over-long field, too many unknown fields); the article is invalid. */
  problems: { path: string; message: string }[];
}

export interface FeedOptions {
  batchSize?: number;
  /** Bytes of body read before FeedTooLargeError (default 200 MB). */
  limitBytes?: number;
}

export async function importArticleFeed(
  input: AsyncIterable<Buffer | string>,
  store: (articles: Article[]) => Promise<void>,
  options: FeedOptions | number = {},
): Promise<FeedResult> {
  const { batchSize = 500, limitBytes = DEFAULT_FEED_LIMIT_BYTES } = typeof options === 'number' ? { batchSize: options } : options;
  const parser = new SaxesParser({ position: true });
  const buffers = parser as unknown as SaxesBuffers;
  const result: FeedResult = { imported: 0, failed: 0, errors: [] };
  let pending: Article[] = [];
  let depth = 0;
  let article: ArticleState | null = null;
  let field: { name: string; text: string; overflow: boolean } | null = null;

  const problem = (path: string, message: string) => {
    if (article && !article.problems.some((p) => p.path === path && p.message === message)) article.problems.push({ path, message });
  };
  parser.on('opentag', (tag) => {
    depth += 1;
    if (tag.name.length > MAX_NAME_CHARS) throw new Error(`an element name is longer than ${MAX_NAME_CHARS} characters`);
    if (depth > MAX_DEPTH) throw new Error(`elements nest deeper than ${MAX_DEPTH} levels`);
    if (Object.keys(tag.attributes).length > MAX_ATTRIBUTES) throw new Error(`an element has more than ${MAX_ATTRIBUTES} attributes`);
    if (!article && tag.name.toLowerCase() === 'article') article = { line: parser.line, depth, fields: {}, chars: 0, unknown: 0, problems: [] };
    else if (article && depth === article.depth + 1) {
      const known = canonicalField.get(tag.name.toLowerCase());
      field = { name: known ?? tag.name, text: '', overflow: false };
      if (!known && !(tag.name in article.fields) && ++article.unknown > MAX_UNKNOWN_FIELDS) {
        problem('', `has more than ${MAX_UNKNOWN_FIELDS} fields the article schema does not name`);
        field.overflow = true; // not kept
      }
    }
  });
  const addText = (text: string) => {
    if (!field || field.overflow || !article) return;
    if (field.text.length + text.length > MAX_FIELD_CHARS) {
      field.overflow = true;
      problem(field.name, `is longer than ${MAX_FIELD_CHARS} characters (the feed stops reading a field there)`);
    } else if (article.chars + text.length > MAX_ARTICLE_CHARS) {
      field.overflow = true;
      problem(field.name, `makes the article longer than ${MAX_ARTICLE_CHARS} characters in all`);
    } else {
      field.text += text;
      article.chars += text.length;
    }
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (article && field && depth === article.depth + 1) {
      const text = field.text.trim();
      if (text !== '' && !field.overflow) article.fields[field.name] = fieldValue(field.name, text);
      field = null;
    } else if (article && depth === article.depth) {
      const checked = checkArticle(article.fields);
      if (checked.ok && article.problems.length === 0) pending.push(checked.article);
      else {
        result.failed += 1;
        const sku = typeof article.fields.sku === 'string' ? article.fields.sku : null;
        for (const error of [...article.problems, ...(checked.ok ? [] : checked.errors)]) {
          if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push({ line: article.line, sku, field: error.path, message: error.message });
          else result.errorsTruncated = true;
        }
      }
      article = null;
    }
    depth -= 1;
  });

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await store(batch);
    result.imported += batch.length;
  };
  let decoder: TextDecoder | undefined; // streaming: a character split across chunks stays whole
  const fail = (error: unknown) => new FeedSyntaxError(parser.line, (error as Error).message, result.imported);
  /** Between slices: what saxes is still reading may not grow past the caps. */
  const capBuffers = () => {
    if (buffers.name.length > MAX_NAME_CHARS || buffers.piTarget.length > MAX_NAME_CHARS)
      throw fail(new Error(`a name is longer than ${MAX_NAME_CHARS} characters`));
    if (buffers.attribList.length > MAX_ATTRIBUTES) throw fail(new Error(`an element has more than ${MAX_ATTRIBUTES} attributes`));
    if (buffers.entity.length > MAX_NAME_CHARS) throw fail(new Error(`an entity reference is longer than ${MAX_NAME_CHARS} characters`));
    if (buffers.text.length > MAX_FIELD_CHARS) {
      // Text, CDATA, a comment or an attribute value still being read. Only a field's text is kept, and
      // that one has just become too long: cut what saxes holds; addText then sees the field overflow.
      buffers.text = buffers.text.slice(0, MAX_FIELD_CHARS + 1);
    }
  };
  const write = (text: string) => {
    for (let at = 0; at < text.length; at += SLICE_CHARS) {
      try {
        parser.write(text.length <= SLICE_CHARS ? text : text.slice(at, at + SLICE_CHARS));
      } catch (error) {
        throw fail(error);
      }
      capBuffers();
    }
  };
  let bytes = 0;
  for await (const chunk of input) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > limitBytes) throw new FeedTooLargeError(limitBytes, result.imported);
    if (typeof chunk === 'string') write(chunk);
    else {
      decoder ??= feedDecoder(chunk, fail);
      write(decodeOrFail(decoder, chunk, fail, true));
    }
    if (pending.length >= batchSize) await flush();
  }
  if (decoder) write(decodeOrFail(decoder, undefined, fail, false));
  try {
    parser.close();
  } catch (error) {
    throw new FeedSyntaxError(parser.line, (error as Error).message, result.imported);
  }
  await flush();
  return result;
}

/**
 * A strict decoder for the feed's declared encoding (its XML declaration's
 * `encoding`, UTF-8 when there is none), read from the first bytes: a feed in
 * another encoding than it declares is refused, never imported with
 * replacement characters in place of its letters.
 */
function feedDecoder(first: Buffer, fail: (error: unknown) => Error): TextDecoder {
  const declared = /^(?:\xef\xbb\xbf)?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(first.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared, { fatal: true });
  } catch {
    throw fail(new Error(`encoding ${declared} is not supported`));
  }
}

function decodeOrFail(decoder: TextDecoder, chunk: Buffer | undefined, fail: (error: unknown) => Error, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw fail(new Error(`the feed is not valid ${decoder.encoding.toUpperCase()}`));
  }
}
