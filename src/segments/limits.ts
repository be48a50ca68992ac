// What bounds a segment query besides the filter's size (filter.ts LIMITS): a
// statement timeout on its transaction, and a small number of previews at once,
// so that read keys cannot fill the database's connections with segment scans.
declare module '../config.js' {
  interface Config {
    /** SEGMENT_STATEMENT_TIMEOUT_MS: longest a segment query may run (PostgreSQL; default 15 s; 0 = none). */
    segmentStatementTimeoutMs?: number;
    /** SEGMENT_PREVIEW_CONCURRENCY: previews evaluated at once per process; more get 503 (default 2). */
    segmentPreviewConcurrency?: number;
  }
}

export const DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS = 15_000;
export const DEFAULT_SEGMENT_PREVIEW_CONCURRENCY = 2;

/**
 * A counting gate without a queue: a preview over the limit is refused at once (503 with
 * Retry-After) rather than queued, so waiting requests hold no memory or socket here and a
 * client that polls a preview backs off instead of piling up behind slow queries.
 */
export class Gate {
  private inside = 0;
  constructor(readonly limit: number) {}

  async run<T>(work: () => Promise<T>, busy: () => Error): Promise<T> {
    if (this.inside >= this.limit) throw busy();
    this.inside++;
    try {
      return await work();
    } finally {
      this.inside--;
    }
  }
}
