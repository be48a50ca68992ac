// `npm start -- keys …` as an operator runs it, on an embedded data directory:
// create, list, revoke; and a clear pointer to the admin API while the service
// holds the data directory's lock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'eo-keys-'));

function keys(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), 'keys', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_API_KEY: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 240_000, // a loaded machine starts tsx and PGlite slowly
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('keys on the command line (embedded)', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('create prints a secret; list shows ids, scopes and names but no secret; revoke by name or id', () => {
    const created = keys('create', 'pos', 'write');
    assert.equal(created.status, 0, created.stderr);
    const secret = created.stdout.trim();
    assert.match(secret, /^eo_[\w-]{24,}$/);
    assert.equal(keys('create', 'shop', 'read').status, 0);

    const listed = keys('list');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^[0-9a-f-]{36} {2}write {2}\S+ {2}pos$/m);
    assert.match(listed.stdout, /^[0-9a-f-]{36} {2}read {3}\S+ {2}shop$/m);
    assert.ok(!listed.stdout.includes(secret));

    const byName = keys('revoke', 'pos');
    assert.equal(byName.status, 0, byName.stderr);
    assert.match(byName.stdout, /revoked .* \(pos, write\)/);
    const shopId = /^([0-9a-f-]{36}) .* shop$/m.exec(listed.stdout)![1]!;
    assert.equal(keys('revoke', shopId).status, 0);
    assert.doesNotMatch(keys('list').stdout, /pos|shop/);
    const missing = keys('revoke', 'pos');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /No key has the id or name "pos"/);
  });

  test('while the service holds the data directory, it points to the admin API', () => {
    // A live process (this test runner) holds the lock, as a running service would.
    writeFileSync(path.join(dataDir, 'engage-orders.lock'), String(process.pid));
    try {
      const answer = keys('list');
      assert.equal(answer.status, 1);
      assert.match(answer.stderr, /is in use by process/);
      assert.match(answer.stderr, /admin API/);
      assert.match(answer.stderr, /curl -H "apikey: \$ADMIN_KEY" http:\/\/127\.0\.0\.1:3000\/api\/v3\/keys/);
    } finally {
      rmSync(path.join(dataDir, 'engage-orders.lock'), { force: true });
    }
  });

  test('bad usage prints the usage', () => {
    const answer = keys('create', 'x', 'root');
    assert.equal(answer.status, 2);
    assert.match(answer.stderr, /keys revoke <id\|name>/);
  });
});
