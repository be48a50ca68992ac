// The command line as an operator meets it: --help, wrong arguments, and the
// start-up failures that must end with one clear sentence, a non-zero exit and
// nothing left behind (no data directory, lock file or minted key).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { environmentVariables, loadConfig } from '../../src/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'engage-orders-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs src/main.ts to its exit; a generous deadline because a busy machine makes tsx slow to start. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: path.join(scratch, 'never-created'), PORT: '0', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 240 s: ${stdout}${stderr}`));
    }, 240_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function assertNoSideEffects(): void {
  assert.equal(existsSync(path.join(scratch, 'never-created')), false, 'the data directory was created');
}

/** Every environment variable a source file under src/ reads. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name)) : [path.join(dir, name)]));
  for (const file of walk(path.join(root, 'src')).filter((file) => file.endsWith('.ts'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]|\(env, ['"]([A-Z][A-Z0-9_]+)['"]/g)) {
      names.add((match[1] ?? match[2] ?? match[3])!);
    }
  }
  return names;
}

describe('command line', () => {
  test('every environment variable the code reads is in the help table', () => {
    const read = variablesRead();
    assert.ok(read.has('DATABASE_URL') && read.has('PORT'), `the scan found too little: ${[...read].join(' ')}`);
    const documented = new Set(environmentVariables.map((variable) => variable.name));
    const missing = [...read].filter((name) => !documented.has(name));
    assert.deepEqual(missing, [], 'add a line to environmentVariables in src/config.ts for each');
    const stale = [...documented].filter((name) => !read.has(name));
    assert.deepEqual(stale, [], 'the help lists variables nothing reads');
  });

  test('--help lists the commands and every environment variable, and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /keys create <name> <read\|write\|admin>/);
    assert.match(stdout, /serve \[--role api\|worker\|all\]/);
    for (const variable of environmentVariables) assert.match(stdout, new RegExp(`^  ${variable.name} `, 'm'));
    assertNoSideEffects();
  });

  test('an unknown argument or command is an error with the help text, exit 2, and nothing starts', async () => {
    for (const args of [['--bogus'], ['frobnicate'], ['--role', 'api', 'extra'], ['keys', 'create', 'only-a-name']]) {
      const { code, stderr } = await run(args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /unknown|usage/i);
      if (args[0] !== 'keys') assert.match(stderr, /Environment variables/);
    }
    assertNoSideEffects();
  });

  test('a bad setting is named, exit 2', async () => {
    const role = await run([], { ROLE: 'boss' });
    assert.equal(role.code, 2);
    assert.match(role.stderr, /role must be api, worker or all, got "boss"/);
    const port = await run([], { PORT: 'eighty' });
    assert.equal(port.code, 2);
    assert.match(port.stderr, /PORT must be a whole number from 0 to 65535, got "eighty"/);
    // It used to pass the check, create the data directory and the first admin key, then crash before printing the key.
    const level = await run([], { LOG_LEVEL: 'verbose' });
    assert.equal(level.code, 2, level.stderr);
    assert.match(level.stderr, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/);
    assert.doesNotMatch(level.stderr, /^\s+at /m, 'one sentence, no stack trace');
    assertNoSideEffects();
  });

  test('settings that would crash later or start a service that does nothing are refused up front', () => {
    const refused: [Record<string, string>, RegExp][] = [
      [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
      [{ PORT: '3701.5' }, /PORT must be a whole number/],
      [{ BODY_LIMIT_BYTES: '0' }, /BODY_LIMIT_BYTES must be a whole number from 1/],
      [{ CONNECTION_TIMEOUT_MS: '1.5' }, /CONNECTION_TIMEOUT_MS must be a whole number/],
      [{ WORKER_CONCURRENCY: '0' }, /WORKER_CONCURRENCY must be a whole number from 1/],
      [{ WORKER_POLL_MS: '0' }, /WORKER_POLL_MS must be a whole number from 10/],
      [{ RATE_LIMIT_PER_SECOND: '0' }, /RATE_LIMIT_PER_SECOND must be a whole number from 1/],
      [{ SHUTDOWN_TIMEOUT_MS: '3000000000' }, /SHUTDOWN_TIMEOUT_MS must be a whole number from 1 to 2147483647/],
      [{ METRICS_NODE_VERSION: 'maybe' }, /METRICS_NODE_VERSION must be true or false, got "maybe"/],
      [{ ROLE: 'api' }, /role api needs DATABASE_URL/],
      [{ ROLE: 'worker' }, /role worker needs DATABASE_URL/],
    ];
    for (const [env, message] of refused) assert.throws(() => loadConfig(env, []), message, JSON.stringify(env));
    assert.equal(loadConfig({ ROLE: 'api', DATABASE_URL: 'postgres://db/orders' }, []).role, 'api');
  });

  test('settings: blanks are unset, booleans take 1/0 and yes/no', () => {
    const config = loadConfig(
      { PORT: ' ', ROLE: '', WORKER_POLL_MS: '', METRICS_NODE_VERSION: 'YES', WEBHOOK_ALLOW_PRIVATE: '1', UNKNOWN_ORDER_STATUS_ONGOING: 'no' },
      [],
    );
    assert.equal(config.port, 3000);
    assert.equal(config.role, 'all');
    assert.equal(config.workerPollMs, 1000);
    assert.equal(config.metricsNodeVersion, true);
    assert.equal(config.webhookAllowPrivate, true);
    assert.equal(config.unknownOrderStatusOngoing, false);
  });

  test('a port in use: one sentence, exit 1, no data directory and no admin key', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const { code, stdout, stderr } = await run([], { PORT: String(port) });
      assert.equal(code, 1, stderr);
      assert.match(stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
      assert.doesNotMatch(stdout, /admin key was created/);
      assertNoSideEffects();
    } finally {
      holder.close();
    }
  });

  test('a DATABASE_URL that is not a PostgreSQL URL: exit 2, the password not echoed', async () => {
    const other = await run([], { DATABASE_URL: 'mysql://root:hunter2@db/orders' });
    assert.equal(other.code, 2);
    assert.match(other.stderr, /DATABASE_URL must be a postgres:\/\//);
    assert.doesNotMatch(other.stderr, /hunter2/);
    const garbage = await run([], { DATABASE_URL: 'not a url' });
    assert.equal(garbage.code, 2);
    assert.match(garbage.stderr, /DATABASE_URL is not a URL/);
    assertNoSideEffects();
  });

  test('an unreachable database: one sentence naming where, exit 1', async () => {
    // Port 1 on loopback: nothing listens there. The start-up wait is kept short.
    const { code, stderr } = await run([], { DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/orders', DATABASE_STARTUP_TIMEOUT_MS: '500' });
    assert.equal(code, 1, stderr);
    assert.match(stderr, /Cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\)/);
    assert.doesNotMatch(stderr, /hunter2/);
    assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
  });

  test('a DATA_DIR that cannot be a writable directory: exit 1, nothing created', async () => {
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, 'not a directory');
    const { code, stderr } = await run([], { DATA_DIR: path.join(file, 'data') });
    assert.equal(code, 1, stderr);
    assert.match(stderr, /DATA_DIR .*a-file[/\\]data cannot be created: .*a-file is not a directory/);
    assert.equal(readFileSync(file, 'utf8'), 'not a directory');
  });
});
