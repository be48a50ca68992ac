// The segment builder's number fields (web/src/segments/numbers.ts): what people type
// is read as they mean it, and what could mean two things is not guessed. Pure.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { numberProblems, readNumber } from '../../web/src/segments/numbers.js';

describe('segment builder number fields', () => {
  test('plain numbers, decimal commas and points, grouped thousands', () => {
    const read = (text: string) => readNumber(text).value;
    assert.equal(read(''), undefined);
    assert.equal(read('  '), undefined);
    assert.equal(read('250'), 250);
    assert.equal(read('-5'), -5);
    assert.equal(read('12,50'), 12.5);
    assert.equal(read('12.5'), 12.5);
    assert.equal(read('0,125'), 0.125, 'no one groups a zero');
    assert.equal(read('1 000'), 1000);
    assert.equal(read('1\u00a0000,50'), 1000.5, 'a no-break space, as Swedish number formatting writes it');
    assert.equal(read('1,000.50'), 1000.5);
    assert.equal(read('1.000,50'), 1000.5);
    assert.equal(read('10,000,000'), 10_000_000);
    assert.equal(read('1.000.000'), 1_000_000);
    assert.equal(read('1234,567'), 1234.567, 'four digits before the comma: not a thousands separator');
  });

  test('a lone separator before three digits is ambiguous, and text is not a number', () => {
    assert.deepEqual(readNumber('1,000'), { problem: '"1,000" could be read two ways: write 1000 or 1' });
    assert.deepEqual(readNumber('2.500'), { problem: '"2.500" could be read two ways: write 2500 or 2.5' });
    for (const text of ['abc', '1e3', '1,2,3', '1,00,000', '1.000,000.5', '1 2', '.', '12 kr'])
      assert.deepEqual(readNumber(text), { problem: `"${text}" is not a number` }, text);
  });

  test('a draft with an unreadable number names each such field', () => {
    const condition = { key: 7, min: '1,000', max: '2000', withinDays: 'ten' };
    const draft = { conditions: [condition] };
    assert.deepEqual(
      [...numberProblems(draft).entries()],
      [
        [`${condition.key}-withinDays`, '"ten" is not a number'],
        [`${condition.key}-min`, '"1,000" could be read two ways: write 1000 or 1'],
      ],
    );
  });
});
