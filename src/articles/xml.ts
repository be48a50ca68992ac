// The Engage article XML feed, parsed as a stream (saxes): articles are handed
// on in batches as they complete, so a feed of any size is never held in memory.
// Shape: any root element containing <article> elements (at any depth, any
// letter case) whose child elements are the article fields (any letter case).
import { StringDecoder } from 'node:string_decoder';
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

export const MAX_LISTED_ERRORS = 1000;
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

export async function importArticleFeed(
  input: AsyncIterable<Buffer | string>,
  store: (articles: Article[]) => Promise<void>,
  batchSize = 500,
): Promise<FeedResult> {
  const parser = new SaxesParser({ position: true });
  const result: FeedResult = { imported: 0, failed: 0, errors: [] };
  let pending: Article[] = [];
  let depth = 0;
  let article: { line: number; depth: number; fields: Record<string, unknown> } | null = null;
  let field: { name: string; text: string } | null = null;

  parser.on('opentag', (tag) => {
    depth += 1;
    if (!article && tag.name.toLowerCase() === 'article') article = { line: parser.line, depth, fields: {} };
    else if (article && depth === article.depth + 1) field = { name: canonicalField.get(tag.name.toLowerCase()) ?? tag.name, text: '' };
  });
  const addText = (text: string) => {
    if (field) field.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (article && field && depth === article.depth + 1) {
      const text = field.text.trim();
      if (text !== '') article.fields[field.name] = fieldValue(field.name, text);
      field = null;
    } else if (article && depth === article.depth) {
      const checked = checkArticle(article.fields);
      if (checked.ok) pending.push(checked.article);
      else {
        result.failed += 1;
        const sku = typeof article.fields.sku === 'string' ? article.fields.sku : null;
        for (const error of checked.errors) {
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
  const decoder = new StringDecoder('utf8'); // a character split across chunks stays whole
  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (error) {
      throw new FeedSyntaxError(parser.line, (error as Error).message, result.imported);
    }
  };
  for await (const chunk of input) {
    write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (pending.length >= batchSize) await flush();
  }
  write(decoder.end());
  try {
    parser.close();
  } catch (error) {
    throw new FeedSyntaxError(parser.line, (error as Error).message, result.imported);
  }
  await flush();
  return result;
}
