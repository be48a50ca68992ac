// An upgrade rolled out to several processes at once: each runs the migrations at
// start-up against the same new PostgreSQL database. One must apply them, the
// others wait and find nothing to do; none may fail or apply one twice.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { freshPostgresDatabase } from '../helpers/backends.js';

const root = path.resolve(import.meta.dirname, '../..');
const PROCESSES = 3;

function startChild(url: string): {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/db/migrate-child.ts'), url], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const waitFor = async (pattern: RegExp) => {
    const deadline = Date.now() + 240_000; // tsx start-up on a busy machine
    for (;;) {
      const match = output.match(pattern);
      if (match) return match;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} from the migrating process; output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, output: () => output, waitFor, exited };
}

describe('migrations from several processes at once (postgres)', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' }, () => {
  test(`${PROCESSES} processes migrate one new database: every migration applied exactly once`, async () => {
    const { url, drop } = await freshPostgresDatabase();
    const children = Array.from({ length: PROCESSES }, () => startChild(url));
    try {
      await Promise.all(children.map((c) => c.waitFor(/^ready$/m)));
      for (const c of children) c.child.stdin!.end('go\n');
      const codes = await Promise.all(children.map((c) => c.exited));
      assert.deepEqual(
        codes,
        children.map(() => 0),
        children.map((c) => c.output()).join('\n---\n'),
      );

      const applied = await Promise.all(children.map(async (c) => JSON.parse((await c.waitFor(/^applied (.*)$/m))[1]!) as string[]));
      const expected = readdirSync(path.join(root, 'src/db/migrations'))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => name.replace(/\.ts$/, ''))
        .sort();
      // Each migration was applied by exactly one process…
      assert.deepEqual(applied.flat().sort(), expected);
      // …and the one that took the lock first applied them all while the others waited.
      assert.deepEqual(
        applied.map((names) => names.length).sort((a, b) => a - b),
        [...Array(PROCESSES - 1).fill(0), expected.length],
      );

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
      await client.end();
      assert.deepEqual(
        rows.map((row) => row.name),
        expected,
      );
    } finally {
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
      await drop();
    }
  });
});
