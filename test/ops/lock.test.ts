// The embedded data directory's lock file: a live holder is refused, a dead one's
// lock (or one whose pid now belongs to another process) is taken over and
// remembered, so start-up can say the last run did not stop cleanly.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataDirLockedError, lockDataDir, takenOverLocks } from '../../src/db/lock.js';

test("a lock held by a live process is refused; a dead holder's lock, or one whose pid went to another process, is taken over and recorded", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'engage-orders-lock-'));
  const lockPath = path.join(dir, 'engage-orders.lock');
  try {
    writeFileSync(lockPath, String(process.ppid)); // alive: the test runner
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
    assert.equal(takenOverLocks.length, 0);

    writeFileSync(lockPath, '999999999'); // no such process
    const release = lockDataDir(dir);
    assert.deepEqual(takenOverLocks, [{ lockPath, pid: 999999999 }]);
    assert.match(readFileSync(lockPath, 'utf8'), new RegExp(`^${process.pid} \\d+$`), 'our pid and when we started');
    release();
    assert.equal(existsSync(lockPath), false);

    // The test runner is alive, but it is not the process that wrote this lock: its pid was reused.
    writeFileSync(lockPath, `${process.ppid} 1`);
    const again = lockDataDir(dir);
    assert.deepEqual(takenOverLocks.at(-1), { lockPath, pid: process.ppid });
    again();
    // …while a lock naming the live holder's own start is refused, as is an old lock with the pid alone.
    const runnerStart = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
    writeFileSync(lockPath, `${process.ppid} ${runnerStart}`);
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
