// A realistic ~2 KB order body (six lines, payments, addresses, delivery) that
// passes every schema and sum rule. The orderId carries a run tag, so each
// run's jobs can be found in the database afterwards, and a placeholder that
// the load generator replaces with a fresh id per request.
export const ID_PLACEHOLDER = '[<id>]';

// Registers the benchmark seeds, so orders resolve their contact, store and
// articles like production orders do (no integration-log warning per order).
export const BENCH_CONTACT_EMAIL = 'bench.buyer@example.com';
export const BENCH_STORE = 'BENCH-WEB-SE';
export const BENCH_SKUS = ['BENCH-SKU-1', 'BENCH-SKU-2', 'BENCH-SKU-3', 'BENCH-SKU-4', 'BENCH-SKU-5', 'BENCH-SKU-6'];

const address = {
  firstname: 'Anna',
  lastname: 'Andersson',
  street: 'Storgatan 12, lgh 1101',
  zipCode: '11122',
  city: 'Stockholm',
  countryCode: 'SE',
  email: BENCH_CONTACT_EMAIL,
  mobilePhone: '+46701234567',
};

export function orderTemplate(runTag: string): Record<string, unknown> {
  const items = BENCH_SKUS.map((sku, i) => ({
    id: `line-${i + 1}`,
    type: 'Purchase',
    quantity: 1 + (i % 3),
    article: { sku, name: `Benchmark article ${i + 1}` },
    pricePerUnit: 100 + i * 25,
    totalPrice: (100 + i * 25) * (1 + (i % 3)),
    taxes: [{ description: 'VAT', percent: 25, amount: ((100 + i * 25) * (1 + (i % 3))) / 5 }],
  }));
  const subTotal = items.reduce((sum, item) => sum + item.totalPrice, 0);
  return {
    orderId: `bench-${runTag}-${ID_PLACEHOLDER}`,
    contact: { matchKey: BENCH_CONTACT_EMAIL, matchKeyType: 'Email' },
    externalStoreId: BENCH_STORE,
    status: 'Received',
    externalStatus: 'Paid',
    currencyCode: 'SEK',
    channel: 'Ecom',
    createdAt: '2025-12-03T15:15:19+01:00',
    lineItems: { items, subTotal },
    payments: { items: [{ type: 'Card', description: 'Visa', amount: subTotal, reference: 'psp-4711-0815' }], total: subTotal },
    totalPrice: subTotal,
    delivery: { method: 'Home delivery', trackingNumber: 'SE123456789' },
    billingAddress: address,
    shippingAddress: address,
  };
}

/** The JSON body with the id placeholder left in, for the load generators to fill. */
export function orderBodyTemplate(runTag: string): string {
  return JSON.stringify(orderTemplate(runTag));
}

/** One concrete body (for the baseline INSERTs and for checks). */
export function orderBody(runTag: string, id: string): string {
  return orderBodyTemplate(runTag).replace(ID_PLACEHOLDER, id);
}
