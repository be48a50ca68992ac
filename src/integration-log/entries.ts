// Reading and resolving integration-log entries, and their wire shape.
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../db/schema.js';
import './table.js';

export const LogEntrySchema = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  severity: Type.String({ description: 'Warning or Error' }),
  errorCode: Type.String(),
  message: Type.String({ description: 'As written by the latest write that met the problem' }),
  orderId: Type.Union([Type.String(), Type.Null()]),
  jobId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
  count: Type.Integer({ description: 'How many writes met this problem while the entry was open' }),
  createdAt: Type.String({ format: 'date-time', description: 'When a write first met the problem' }),
  lastSeenAt: Type.String({ format: 'date-time', description: 'When a write last met it' }),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  resolvedBy: Type.Union([Type.String(), Type.Null()], {
    description: 'The API key that resolved it; null while open or when the missing reference arrived (late binding)',
  }),
});

type Time = Date | string;
/** A row of integration_log as the queries here select it (bigint ids and counts may arrive as text). */
interface Row {
  id: number | string;
  type: string;
  severity: string;
  error_code: string;
  message: string;
  order_id: string | null;
  job_id: string | null;
  details: unknown;
  count: number | string;
  created_at: Time;
  last_seen_at: Time;
  resolved_at: Time | null;
  resolved_by: string | null;
}
const iso = (value: unknown) => new Date(value as string).toISOString();

export function presentEntry(row: Row) {
  return {
    id: Number(row.id),
    type: row.type,
    severity: row.severity,
    errorCode: row.error_code,
    message: row.message,
    orderId: row.order_id,
    jobId: row.job_id,
    details: row.details,
    count: Number(row.count),
    createdAt: iso(row.created_at),
    lastSeenAt: iso(row.last_seen_at),
    resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
    resolvedBy: row.resolved_by ?? null,
  };
}

export type ResolveOutcome = { resolved: Row[]; alreadyResolved: Row[]; notFound: number[] };

/**
 * Marks entries handled. An entry resolved before keeps its first resolver and time
 * (resolving is idempotent); ids that do not exist are reported, not fatal.
 */
export async function resolveEntries(db: Db, ids: number[], resolvedBy: string): Promise<ResolveOutcome> {
  const wanted = [...new Set(ids)];
  return db.transaction().execute(async (tx) => {
    const { rows: resolved } = await sql<Row>`
      UPDATE integration_log SET resolved_at = now(), resolved_by = ${resolvedBy}
      WHERE id = ANY(${wanted.map(String)}::bigint[]) AND resolved_at IS NULL
      RETURNING *`.execute(tx);
    const done = new Set(resolved.map((row) => Number(row.id)));
    const rest = wanted.filter((id) => !done.has(id));
    const { rows: alreadyResolved } = rest.length
      ? await sql<Row>`SELECT * FROM integration_log WHERE id = ANY(${rest.map(String)}::bigint[])`.execute(tx)
      : { rows: [] as Row[] };
    const found = new Set(alreadyResolved.map((row) => Number(row.id)));
    return { resolved, alreadyResolved, notFound: rest.filter((id) => !found.has(id)) };
  });
}
