// Pure tests of the filter language: validation paths, canonical values, and the
// compiler's guarantee that values only ever travel as bound parameters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { compileSegmentPage } from '../../src/segments/compile.js';
import { type Filter, LIMITS, validateFilter } from '../../src/segments/filter.js';

const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const paths = (input: unknown) => {
  const result = validateFilter(input);
  return result.ok ? [] : result.errors.map((e) => e.path);
};

describe('segment filter validation', () => {
  test('a valid tree comes back canonical', () => {
    const result = validateFilter({
      and: [
        { hasOrder: { ongoing: true, status: ['inprogress', 'Shipped'], orderType: ['MIXED'], lineItem: { type: 'return', brand: ['Acme'] } } },
        { not: { contact: { contactType: ['Member'] } } },
      ],
    });
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && result.filter, {
      and: [
        { hasOrder: { ongoing: true, status: ['InProgress', 'Shipped'], orderType: ['Mixed'], lineItem: { type: 'Return', brand: ['Acme'] } } },
        { not: { contact: { contactType: ['Member'] } } },
      ],
    });
  });

  test('every error names its path', () => {
    assert.deepEqual(paths({ and: [{ hasOrder: {} }, { hasOrder: { orderType: ['Gift'] } }] }), ['filter.and[1].hasOrder.orderType[0]']);
    assert.deepEqual(
      paths({
        or: [
          { hasOrder: { ongoing: 'yes', colour: ['red'], createdAt: { from: '2025-01-01', withinDays: 0 }, totalPrice: { min: 10, max: 5 } } },
          { not: { hasOrder: { lineItem: { brand: [], size: ['M', 3], type: 'Gift' } } } },
          { contact: { contactType: 'Member' } },
          {},
          { hasOrder: {}, contact: {} },
          { nor: [] },
          [],
        ],
      }).sort(),
      [
        'filter.or[0].hasOrder.colour',
        'filter.or[0].hasOrder.createdAt.from',
        'filter.or[0].hasOrder.createdAt.withinDays',
        'filter.or[0].hasOrder.ongoing',
        'filter.or[0].hasOrder.totalPrice.max',
        'filter.or[1].not.hasOrder.lineItem.brand',
        'filter.or[1].not.hasOrder.lineItem.size[1]',
        'filter.or[1].not.hasOrder.lineItem.type',
        'filter.or[2].contact.contactType',
        'filter.or[3]',
        'filter.or[4]',
        'filter.or[5].nor',
        'filter.or[6]',
      ],
    );
    assert.deepEqual(paths({ and: [] }), ['filter.and']);
    assert.deepEqual(paths(null), ['filter']);
    assert.deepEqual(paths({ hasOrder: { createdAt: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00+01:00' } } }), ['filter.hasOrder.createdAt.to']);
  });

  test('depth and size are bounded', () => {
    let deep: Filter = { hasOrder: {} };
    for (let i = 0; i < 20; i++) deep = { not: deep };
    assert.equal(validateFilter(deep).ok, false);
    const wide = { or: Array.from({ length: 250 }, () => ({ or: [{ hasOrder: {} }] })) };
    assert.deepEqual(paths(wide), ['filter.or[31].or[0]', 'filter.or[32].or[0].hasOrder']);
  });

  test('the cost budget: nodes, conditions, depth and values in all, each error naming its limit', () => {
    const messages = (input: unknown) => {
      const result = validateFilter(input);
      return result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
    };
    const conditions = { and: Array.from({ length: 40 }, () => ({ hasOrder: { ongoing: true } })) };
    assert.deepEqual(messages(conditions), [
      `filter.and[${LIMITS.conditions}].hasOrder: a filter may have at most ${LIMITS.conditions} hasOrder and contact conditions`,
    ]);
    let deep: Filter = { hasOrder: {} };
    for (let i = 0; i < LIMITS.depth; i++) deep = { not: deep };
    assert.equal(validateFilter(deep).ok, true, `${LIMITS.depth} levels are allowed`);
    assert.match(messages({ not: deep })[0]!, new RegExp(`at most ${LIMITS.depth} levels`));
    const skus = Array.from({ length: 900 }, (_, i) => `S${i}`);
    const many = { or: Array.from({ length: 6 }, () => ({ hasOrder: { lineItem: { sku: skus } } })) };
    assert.deepEqual(messages(many), [`filter.or[5].hasOrder: a filter may list at most ${LIMITS.totalValues} values in all`]);
    assert.equal(validateFilter({ or: many.or.slice(0, 5) }).ok, true);
  });
});

describe('segment filter compiler', () => {
  const hostile = "x'); DROP TABLE orders; --";
  const filter: Filter = {
    and: [
      { hasOrder: { ongoing: true, channel: [hostile], createdAt: { withinDays: 30 }, totalPrice: { min: 1.5 }, lineItem: { brand: [hostile], sku: ['S1'] } } },
      { or: [{ contact: { contactType: [hostile] } }, { hasOrder: { status: ['Completed'] } }] },
      { not: { hasOrder: { externalStoreId: [hostile] } } },
    ],
  };

  test('values are bound parameters, never SQL text', () => {
    const compiled = compileSegmentPage(filter, { now: new Date('2025-06-01T00:00:00Z'), offset: 0, count: 10 }).compile(db);
    assert.ok(!compiled.sql.includes('DROP'), compiled.sql);
    assert.ok(!compiled.sql.includes('S1'));
    assert.ok(compiled.parameters.some((p) => Array.isArray(p) && p.includes(hostile)));
    assert.ok(compiled.parameters.includes('2025-05-02T00:00:00.000Z'), 'withinDays counts back from the given now');
    assert.match(compiled.sql, /INTERSECT/);
    assert.match(compiled.sql, /UNION/);
    assert.match(compiled.sql, /EXCEPT/);
  });

  test('line conditions with ongoing, status or createdAt stay on the line facts; other order conditions join the order fact', () => {
    const now = new Date();
    const linesOnly = compileSegmentPage(
      { hasOrder: { ongoing: true, status: ['Received'], createdAt: { withinDays: 3 }, lineItem: { brand: ['A'] } } },
      { now, offset: 0, count: 10 },
    ).compile(db).sql;
    assert.doesNotMatch(linesOnly, /segment_orders/);
    const joined = compileSegmentPage({ hasOrder: { channel: ['Ecom'], lineItem: { brand: ['A'] } } }, { now, offset: 0, count: 10 }).compile(db).sql;
    assert.match(joined, /JOIN segment_orders/);
  });
});
