// The embedded data directory's lock file: a live holder is refused, a dead one's
// lock is taken over and remembered, so start-up can say the last run did not stop cleanly.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataDirLockedError, lockDataDir, takenOverLocks } from '../../src/db/lock.js';

test("a lock held by a live process is refused; a dead holder's lock is taken over and recorded; release removes it", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'engage-orders-lock-'));
  const lockPath = path.join(dir, 'engage-orders.lock');
  try {
    writeFileSync(lockPath, String(process.ppid)); // alive: the test runner
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
    assert.equal(takenOverLocks.length, 0);

    writeFileSync(lockPath, '999999999'); // no such process
    const release = lockDataDir(dir);
    assert.deepEqual(takenOverLocks, [{ lockPath, pid: 999999999 }]);
    assert.equal(readFileSync(lockPath, 'utf8'), String(process.pid));
    release();
    assert.equal(existsSync(lockPath), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
