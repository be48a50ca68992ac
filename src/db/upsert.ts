// `ON CONFLICT … DO UPDATE SET col = excluded.col` for every column of a row but
// its key: an upsert that replaces the whole stored row with the one sent.
import { type RawBuilder, sql } from 'kysely';

/** The SET list for `doUpdateSet`, from the columns of one of the rows inserted. */
export function setAllFromExcluded<Row extends object, Key extends keyof Row & string>(
  row: Row,
  key: Key,
): { [C in Exclude<keyof Row, Key>]: RawBuilder<Row[C]> } {
  const columns = Object.keys(row).filter((column) => column !== key);
  return Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)])) as { [C in Exclude<keyof Row, Key>]: RawBuilder<Row[C]> };
}
