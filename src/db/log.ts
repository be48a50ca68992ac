// Logging for database trouble. An outage makes every request and every worker
// cycle fail the same way: logging each one buried a 10 s outage under 14–24 MB
// of identical stack traces. Identical errors are logged once per interval,
// then once more with how many were held back.

/** The part of a pino logger the database code uses. */
export interface DbLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLog: DbLog = { info() {}, warn() {}, error() {} };

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * Pino-compatible JSON lines (ISO timestamps, as the service's logger writes them), for start-up
 * before the HTTP app and its logger exist. `write` gets each line; stdout unless told otherwise.
 */
export function lineLog(level = 'info', write: (line: string) => void = (line) => process.stdout.write(line)): DbLog {
  const threshold = LEVELS[level] ?? 30;
  const at = (value: number) => (obj: object, msg: string) => {
    if (value < threshold) return;
    write(`${JSON.stringify({ level: value, time: new Date().toISOString(), pid: process.pid, ...obj, msg })}\n`);
  };
  return { info: at(30), warn: at(40), error: at(50) };
}

/** PostgreSQL SQLSTATEs and socket errors that mean "the database is away", not "the query is wrong". */
const OUTAGE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

export function isOutage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && (OUTAGE_CODES.has(code) || code.startsWith('08'))) return true;
  return /ECONNREFUSED|terminat|Connection|timeout/i.test(String(message));
}

/** What makes two errors "the same" for de-duplication: where, code and message (not the stack). */
export function errorKey(error: unknown, where: string): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return `${where}|${code ?? ''}|${message ?? String(error)}`;
}

/**
 * Logs the first of a run of identical events at once; repeats within
 * `intervalMs` are only counted, and the count is logged when the interval ends.
 */
export class RepeatFilter {
  private windows = new Map<string, { count: number; log: (repeats: number) => void }>();

  constructor(private intervalMs = 10_000) {}

  /** `log(repeats)` is called now for a first occurrence, and later with the count of held-back repeats. */
  report(key: string, log: (repeats: number) => void): void {
    const window = this.windows.get(key);
    if (window) {
      window.count++;
      window.log = log;
      return;
    }
    log(0);
    this.open(key, log);
  }

  private open(key: string, log: (repeats: number) => void): void {
    const window = { count: 0, log };
    this.windows.set(key, window);
    const timer = setTimeout(() => {
      this.windows.delete(key);
      if (window.count === 0) return;
      window.log(window.count);
      this.open(key, window.log); // keep summarising while the run goes on
    }, this.intervalMs);
    timer.unref();
  }
}

/** The process-wide filter for database-down errors (request handler, worker loop, pooled clients). */
export const repeatedErrors = new RepeatFilter();

/** A pino-style log method: an object (or a message), then the message and format arguments. */
type LogMethod = (obj: unknown, msg?: string, ...rest: unknown[]) => void;

/**
 * A logger whose error() and warn() with an `err` go through the filter: same message and error → one line per interval.
 * Everything else is the original logger (pino methods are looked up through the prototype).
 */
export function quietErrors<L extends { error: LogMethod; warn: LogMethod }>(log: L, filter = repeatedErrors): L {
  const quiet = Object.create(log) as L;
  for (const level of ['error', 'warn'] as const) {
    quiet[level] = ((obj: unknown, msg?: string, ...rest: unknown[]) => {
      const err = (obj as { err?: unknown })?.err;
      if (!err || typeof obj !== 'object') return log[level](obj, msg, ...rest);
      filter.report(errorKey(err, `${level}:${msg ?? ''}`), (repeats) =>
        log[level](repeats ? { ...(obj as object), repeats } : obj, repeats ? `${msg} (repeated ${repeats} more times)` : msg, ...rest),
      );
    }) as L[typeof level];
  }
  return quiet;
}
