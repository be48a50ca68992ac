// The embedded database runs PGlite in a thread of its own (src/db/embedded.ts):
// a statement that takes long must not stop the service's event loop, and the
// one session must behave as a PostgreSQL connection does (results, errors,
// transactions, notifications at commit).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';

describe('the embedded database in its own thread', () => {
  test('the event loop keeps turning while a statement runs', async () => {
    const database = await openDatabase({ dataDir: 'memory://', migrate: false });
    try {
      let finished = false;
      const statement = database.pool.query('SELECT pg_sleep(1.5)').then(() => (finished = true));
      await nextTurn(); // on the service's own thread this turn would come only after the statement
      await nextTurn();
      assert.equal(finished, false, 'the loop turned while the statement was still running');
      await statement;
      assert.equal(finished, true);
    } finally {
      await database.close();
    }
  });

  test('results, errors, rolled-back transactions and notifications at commit', async () => {
    const database = await openDatabase({ dataDir: 'memory://', migrate: false });
    try {
      const { rows } = await sql<{ n: number; at: Date; doc: unknown; big: string }>`
        SELECT ${41}::int + 1 AS n, now() AS at, '{"a":[1,null]}'::jsonb AS doc, 9007199254740993::int8 AS big`.execute(database.db);
      assert.equal(rows[0]!.n, 42);
      assert.ok(rows[0]!.at instanceof Date);
      assert.deepEqual(rows[0]!.doc, { a: [1, null] });
      assert.equal(rows[0]!.big, '9007199254740993', 'bigint arrives as a string, exactly');

      await assert.rejects(sql`SELECT 1 / 0`.execute(database.db), (error: Error & { code?: string }) => error.code === '22012');
      await sql`CREATE TABLE t (v text)`.execute(database.db);
      await assert.rejects(
        database.db.transaction().execute(async (tx) => {
          await sql`INSERT INTO t VALUES ('kept?')`.execute(tx);
          throw new Error('roll back');
        }),
      );
      assert.equal((await sql<{ n: string }>`SELECT count(*) AS n FROM t`.execute(database.db)).rows[0]!.n, '0', 'the session is usable after an error');

      let notified = 0;
      database.onNotify('embedded_test', () => notified++);
      await database.db.transaction().execute(async (tx) => {
        await sql`SELECT pg_notify('embedded_test', '')`.execute(tx);
        await sql`INSERT INTO t VALUES ('x')`.execute(tx);
        assert.equal(notified, 0, 'not before commit');
      });
      await sql`SELECT 1`.execute(database.db);
      assert.equal(notified, 1, 'delivered once, at commit');
    } finally {
      await database.close();
    }
  });
});
