// Email templates written by users: liquid, sandboxed. No file system (include,
// render and layout are refused when parsed; the fs throws should anything reach
// it), only own properties of the data (no prototype walks), and limits on
// template size, render time and memory so a hostile template fails its own
// delivery and nothing else. HTML templates escape every output by default: order
// and contact fields come from any write key or a shop's sign-up form, and must
// not become links or tracking pixels; `| raw` opts a trusted value out.
import { Liquid, type FS } from 'liquidjs';

type TagImplOptions = Parameters<Liquid['registerTag']>[1];
import type { FieldError } from '../domain/errors.js';

export interface EmailContent {
  subject: string;
  text?: string;
  html?: string;
}

export interface EmailStep extends EmailContent {
  type: 'email';
  templates?: Record<string, EmailContent>;
}

const noFileSystem: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error('templates cannot read files');
  },
  readFileSync: () => {
    throw new Error('templates cannot read files');
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

function refused(tag: string): TagImplOptions {
  return {
    parse() {
      throw new Error(`the {% ${tag} %} tag is not allowed: templates cannot read files`);
    },
    *render() {},
  };
}

export const MAX_TEMPLATE_CHARS = 100_000;

function createEngine(html: boolean): Liquid {
  const engine = new Liquid({
    ...(html ? { outputEscape: 'escape' as const } : {}),
    fs: noFileSystem,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    dynamicPartials: false,
    ownPropertyOnly: true,
    strictFilters: true,
    parseLimit: MAX_TEMPLATE_CHARS,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
    cache: false,
  });
  for (const tag of ['include', 'render', 'layout']) engine.registerTag(tag, refused(tag));
  if (html) {
    // Output that already ends in an escaping filter is not escaped twice (templates written before the default).
    for (const name of ['escape', 'escape_once', 'xml_escape']) {
      const builtin = engine.filters[name]!;
      engine.registerFilter(name, { handler: typeof builtin === 'function' ? builtin : builtin.handler, raw: true });
    }
  }
  return engine;
}

const engine = createEngine(false);
const htmlEngine = createEngine(true);

/** Parse errors of one template string, or none. Pure: nothing is read or run. */
export function templateErrors(source: string): string[] {
  try {
    engine.parse(source);
    return [];
  } catch (error) {
    return [firstLine(error)];
  }
}

/** Renders one template; `html` escapes every output unless its last filter is `raw`. */
export async function renderTemplate(source: string, data: Record<string, unknown>, options: { html?: boolean } = {}): Promise<string> {
  return (options.html ? htmlEngine : engine).parseAndRender(source, data);
}

export async function renderEmail(content: EmailContent, data: Record<string, unknown>): Promise<EmailContent> {
  const [subject, text, html] = await Promise.all([
    renderTemplate(content.subject, data),
    content.text === undefined ? undefined : renderTemplate(content.text, data),
    content.html === undefined ? undefined : renderTemplate(content.html, data, { html: true }),
  ]);
  return { subject: subjectLine(subject), text, html };
}

// A header cannot hold a line break; a template that writes one must not add headers.
const subjectLine = (rendered: string) => rendered.replace(/[\r\n]+/g, ' ').trim();

/**
 * renderEmail, field by field, for a preview: the same output, or every field that
 * failed with its path (`${path}.text`) and liquid's message (which names line and column).
 */
export async function renderEmailChecked(
  content: EmailContent,
  data: Record<string, unknown>,
  path: string,
): Promise<{ ok: true; content: EmailContent } | { ok: false; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const render = async (field: keyof EmailContent, html: boolean) => {
    const source = content[field];
    if (source === undefined) return undefined;
    try {
      return await renderTemplate(source, data, { html });
    } catch (error) {
      errors.push({ path: `${path}.${field}`, message: `template error: ${firstLine(error)}` });
      return undefined;
    }
  };
  const [subject, text, html] = await Promise.all([render('subject', false), render('text', false), render('html', true)]);
  if (errors.length) return { ok: false, errors };
  return { ok: true, content: { subject: subjectLine(subject ?? ''), text, html } };
}

/** The template for a language: exact ("sv-SE"), then its base ("sv"), then the step's default. */
export function pickTemplate(step: EmailStep, language: string | null): { content: EmailContent; language: string | null } {
  const templates = step.templates ?? {};
  const find = (wanted: string) => Object.keys(templates).find((key) => key.toLowerCase() === wanted.toLowerCase());
  if (language) {
    const exact = find(language) ?? find(language.split('-')[0]!);
    if (exact) return { content: templates[exact]!, language: exact };
  }
  return { content: { subject: step.subject, text: step.text, html: step.html }, language: null };
}

const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Every problem of an email step's templates, with paths under `path`. */
export function emailStepErrors(step: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const content = (value: Record<string, unknown>, at: string) => {
    if (typeof value.subject !== 'string' || value.subject.trim() === '') errors.push({ path: `${at}.subject`, message: 'is required' });
    for (const field of ['subject', 'text', 'html'] as const) {
      const source = value[field];
      if (source === undefined) continue;
      if (typeof source !== 'string') {
        if (field !== 'subject') errors.push({ path: `${at}.${field}`, message: 'must be a string' });
        continue;
      }
      if (source.length > MAX_TEMPLATE_CHARS) errors.push({ path: `${at}.${field}`, message: `must be at most ${MAX_TEMPLATE_CHARS} characters` });
      else for (const message of templateErrors(source)) errors.push({ path: `${at}.${field}`, message: `template error: ${message}` });
    }
  };
  content(step, path);
  if (step.templates !== undefined) {
    if (!isObject(step.templates)) errors.push({ path: `${path}.templates`, message: 'must be an object of language → { subject, text?, html? }' });
    else {
      for (const [language, value] of Object.entries(step.templates)) {
        const at = `${path}.templates.${language}`;
        if (!LANGUAGE.test(language)) errors.push({ path: at, message: 'must be keyed by a language code such as "sv" or "sv-SE"' });
        if (!isObject(value)) errors.push({ path: at, message: 'must be an object { subject, text?, html? }' });
        else content(value, at);
      }
    }
  }
  return errors;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .slice(0, 300);
}
