// The console's filter summaries (web/src/segments/summary.ts): what a marketer reads
// instead of the filter JSON. Pure; literal filters in, literal sentences out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitLast } from '../../web/src/segments/entries.js';
import { summarize, summaryText } from '../../web/src/segments/summary.js';

describe('segment filter summaries', () => {
  test('one order condition reads as one sentence, values joined with "or"', () => {
    assert.equal(
      summaryText({ hasOrder: { ongoing: true, lineItem: { brand: ['Stride', 'Acme', 'Borg'] } } }),
      'Contacts who have an ongoing order with a line of brand Stride, Acme or Borg.',
    );
    assert.equal(
      summaryText({
        hasOrder: {
          status: ['Completed'],
          orderType: ['Return'],
          channel: ['Ecom'],
          externalStoreId: ['WEB-SE', 'WEB-NO'],
          totalPrice: { min: 100, max: 500 },
          createdAt: { withinDays: 30 },
          lineItem: { type: 'Return', mainCategory: ['Shoes'], color: ['Red'], size: ['42'] },
        },
      }),
      'Contacts who have an order with status Completed, of type Return, in channel Ecom, in store WEB-SE or WEB-NO, totalling between 100 and 500, created in the last 30 days, with a returned line of main category Shoes, color Red, size 42.',
    );
  });

  test('negations read as "have no" and "are not", groups as all / any', () => {
    assert.equal(
      summaryText({ and: [{ hasOrder: { lineItem: { brand: ['Stride'] } } }, { not: { hasOrder: { ongoing: true } } }] }),
      'Contacts who have an order with a line of brand Stride; and have no ongoing order.',
    );
    assert.equal(
      summaryText({ or: [{ contact: { contactType: ['Member'] } }, { not: { contact: { contactType: ['Contact'] } } }] }),
      'Contacts who are of contact type Member; or are not of contact type Contact.',
    );
    assert.equal(summaryText({ not: { not: { hasOrder: {} } } }), 'Contacts who have an order.');
    assert.equal(summaryText({ hasOrder: { ongoing: false } }), 'Contacts who have an order that is not ongoing.');
    assert.equal(summaryText({ not: { hasOrder: { ongoing: false } } }), 'Contacts who have no order that is not ongoing.');
  });

  test('nested groups are flattened when alike and parenthesised when not', () => {
    const filter = {
      and: [
        { and: [{ hasOrder: { status: ['Received'] } }, { contact: { contactType: ['Member'] } }] },
        { or: [{ hasOrder: { channel: ['Ecom'] } }, { hasOrder: { channel: ['App'] } }] },
        { not: { or: [{ hasOrder: { status: ['Cancelled'] } }, { hasOrder: { orderType: ['Return'] } }] } },
      ],
    };
    const tree = summarize(filter);
    assert.equal(tree.kind, 'all');
    assert.deepEqual(tree.kind === 'all' ? tree.parts.map((p) => p.kind) : [], ['condition', 'condition', 'any', 'none']);
    assert.equal(
      summaryText(filter),
      'Contacts who have an order with status Received; and are of contact type Member; and (have an order in channel Ecom; or have an order in channel App); and match none of: (have an order with status Cancelled; have an order of type Return).',
    );
  });

  test('created-at bounds show as days, and what the console does not know is named, not hidden', () => {
    assert.equal(
      summaryText({ hasOrder: { createdAt: { from: '2026-03-01T12:00:00Z', to: '2026-03-31T12:00:00Z' } } }),
      'Contacts who have an order created between 2026-03-01 and 2026-03-31.',
    );
    assert.equal(summaryText({ hasOrder: { createdAt: { from: '2026-03-01T12:00:00Z' } } }), 'Contacts who have an order created on or after 2026-03-01.');
    assert.equal(summaryText({ hasOrder: { lineItem: { fabric: ['Wool'] } } }), 'Contacts who have an order with a line of fabric Wool.');
    assert.equal(summaryText({ future: 1 }), 'Contacts who match {"future":1}.');
  });

  test('a value picker completes the entry after the last comma and keeps the others', () => {
    assert.deepEqual(splitLast(''), { head: '', last: '' });
    assert.deepEqual(splitLast(' st'), { head: '', last: 'st' });
    assert.deepEqual(splitLast('Acme, st'), { head: 'Acme, ', last: 'st' });
    assert.deepEqual(splitLast('Acme,Borg ,'), { head: 'Acme,Borg , ', last: '' });
    assert.equal(`${splitLast('Acme, Borg,st').head}Stride`, 'Acme, Borg, Stride');
  });
});
