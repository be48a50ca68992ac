// The log de-duplicator and the outage classifier, on literal inputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RepeatFilter, isOutage, quietErrors } from '../../src/db/log.js';
import { waitUntil } from '../helpers/faults.js';

describe('repeated errors', () => {
  test('the first of a run is logged at once, the repeats once at the end of the interval with their count', async () => {
    const filter = new RepeatFilter(50);
    const calls: number[] = [];
    for (let i = 0; i < 5; i++) filter.report('k', (repeats) => calls.push(repeats));
    filter.report('other', (repeats) => calls.push(100 + repeats));
    assert.deepEqual(calls, [0, 100]);
    await waitUntil(() => calls.length === 3, 'the summary line');
    assert.deepEqual(calls, [0, 100, 4]);
  });

  test('quietErrors: same message and error → one line; other messages and lines without err pass through', () => {
    const lines: unknown[][] = [];
    const base = { error: (...args: unknown[]) => lines.push(['error', ...args]), warn: (...args: unknown[]) => lines.push(['warn', ...args]), info: () => {} };
    const quiet = quietErrors(base, new RepeatFilter(60_000));
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 100; i++) quiet.error({ err: down }, 'worker cycle failed');
    quiet.error({ err: new Error('something else') }, 'worker cycle failed');
    quiet.warn({ err: down }, 'sweep failed');
    quiet.error({ jobId: 'x' }, 'no error object');
    assert.equal(lines.length, 4);
  });

  test('outages are told from bad queries', () => {
    assert.equal(isOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), true);
    assert.equal(isOutage(Object.assign(new Error('the database system is starting up'), { code: '57P03' })), true);
    assert.equal(isOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })), true);
    assert.equal(isOutage(new Error('timeout exceeded when trying to connect')), true);
    assert.equal(isOutage(Object.assign(new Error('database "x" does not exist'), { code: '3D000' })), false);
    assert.equal(isOutage(Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' })), false);
  });
});
