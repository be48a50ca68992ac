// The integration-log columns added by migration 0520, merged into the table type.
import type { ColumnType, Generated } from 'kysely';

declare module '../db/schema.js' {
  interface IntegrationLogTable {
    /** How many writes met this problem while the entry was open. */
    count: Generated<number>;
    last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
    /** The name of the API key that resolved the entry; null while open or when late binding resolved it. */
    resolved_by: string | null;
  }
}
