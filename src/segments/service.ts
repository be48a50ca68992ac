// Segment evaluation and saved segments. Evaluation always reads the facts as of
// the latest committed order change (they are written in the order's transaction).
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import { ApiError } from '../http/problem.js';
import { compileSegmentPage } from './compile.js';
import { type Filter, validateFilter } from './filter.js';
import { DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS } from './limits.js';

// Settings for the segment query's transaction only (measured in bench/segments.ts): a segment query
// hashes and sorts up to every contact id, so it gets memory for that (the server default of 4 MB
// spills to disk at ~100k contacts); no JIT, whose compile time costs more than it saves on queries
// of tens of milliseconds; and cheaper parallel costs, because the planner's defaults overprice
// passing narrow id rows from workers (a full scan of 1M order facts: ~400 → ~300 ms on 2 cores).
export const SEGMENT_SETTINGS = sql`set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
  set_config('parallel_setup_cost', '100', true), set_config('parallel_tuple_cost', '0.01', true)`;

export interface SegmentPage {
  count: number;
  contactIds: string[];
}

export interface SavedSegment {
  id: string;
  name: string;
  filter: Filter;
  createdAt: string;
}

/** Validates a filter from a request body, or throws the 400 that names every offending path. */
export function parseFilter(input: unknown): Filter {
  const result = validateFilter(input);
  if (!result.ok) throw new ApiError('InvalidFilter', `The filter has ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`, result.errors);
  return result.filter;
}

/**
 * Counts and pages a filter in one transaction whose settings (SET LOCAL) end with it. A query
 * that runs past `timeoutMs` is cancelled by PostgreSQL and answers 422 SegmentQueryTimeout.
 * The embedded database (PGlite) does not enforce statement_timeout: there the filter's size
 * limits and the one connection bound the cost.
 */
export async function evaluate(
  db: Db,
  filter: Filter,
  offset: number,
  count: number,
  now = new Date(),
  timeoutMs = DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS,
): Promise<SegmentPage> {
  try {
    return await db.transaction().execute(async (tx) => {
      await sql`SELECT ${SEGMENT_SETTINGS}, set_config('statement_timeout', ${String(Math.max(0, Math.floor(timeoutMs)))}, true)`.execute(tx);
      const { rows } = await compileSegmentPage(filter, { now, offset, count }).execute(tx);
      return { count: rows[0]?.count ?? 0, contactIds: rows[0]?.ids ?? [] };
    });
  } catch (error) {
    throw segmentQueryError(error, timeoutMs);
  }
}

/** The answer for a failed segment query: 422 when the statement timeout stopped it, else the error itself. */
export function segmentQueryError(error: unknown, timeoutMs: number): unknown {
  // 57014 query_canceled: here only the statement timeout cancels (shutdown terminates instead).
  if ((error as { code?: string } | null)?.code === '57014') {
    return new ApiError('SegmentQueryTimeout', `The segment query was stopped after ${timeoutMs} ms (SEGMENT_STATEMENT_TIMEOUT_MS); narrow the filter`);
  }
  return error;
}

type Row = { id: string; name: string; filter: Filter; created_at: Date };
const present = (row: Row): SavedSegment => ({ id: row.id, name: row.name, filter: row.filter, createdAt: new Date(row.created_at).toISOString() });

export async function createSegment(db: Db, name: string, filter: Filter): Promise<SavedSegment> {
  const { rows } = await sql<Row>`INSERT INTO segments (name, filter) VALUES (${name}, ${JSON.stringify(filter)}::jsonb) RETURNING *`.execute(db);
  return present(rows[0]!);
}

export async function getSegment(db: Db, id: string): Promise<SavedSegment> {
  const { rows } = isUuid(id) ? await sql<Row>`SELECT * FROM segments WHERE id = ${id}`.execute(db) : { rows: [] };
  if (!rows[0]) throw new ApiError('SegmentNotFound', `Segment ${id} does not exist`);
  return present(rows[0]);
}

export async function deleteSegment(db: Db, id: string): Promise<void> {
  const { rows } = isUuid(id) ? await sql<{ id: string }>`DELETE FROM segments WHERE id = ${id} RETURNING id`.execute(db) : { rows: [] };
  if (!rows[0]) throw new ApiError('SegmentNotFound', `Segment ${id} does not exist`);
}

export async function listSegments(db: Db, offset: number, count: number): Promise<{ items: SavedSegment[]; totalCount: number }> {
  const [items, total] = await Promise.all([
    sql<Row>`SELECT * FROM segments ORDER BY created_at DESC, id LIMIT ${count} OFFSET ${offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM segments`.execute(db),
  ]);
  return { items: items.rows.map(present), totalCount: total.rows[0]?.n ?? 0 };
}
