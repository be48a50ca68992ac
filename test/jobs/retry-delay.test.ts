// The backoff of a job whose processing threw, and the code it shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorCodeOf, retryDelayMs } from '../../src/jobs/worker.js';

test('retry delays double per attempt from the base and stop growing at five minutes', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((attempt) => retryDelayMs(1000, attempt)),
    [1000, 2000, 4000, 8000],
  );
  assert.equal(retryDelayMs(1000, 9), 256_000);
  assert.equal(retryDelayMs(1000, 10), 300_000);
  assert.equal(retryDelayMs(1000, 1000), 300_000);
});

test('a database error shows its SQLSTATE; anything else shows InternalError', () => {
  assert.equal(errorCodeOf(Object.assign(new Error('terminating connection'), { code: '57P01' })), '57P01');
  assert.equal(errorCodeOf(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })), 'InternalError');
  assert.equal(errorCodeOf(new TypeError('x is undefined')), 'InternalError');
  assert.equal(errorCodeOf(undefined), 'InternalError');
});
