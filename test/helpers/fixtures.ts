// Literal order bodies for tests.
let counter = 0;

export function uniqueId(prefix = 'order'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    orderId: uniqueId(),
    contact: { matchKey: 'anna@example.com', matchKeyType: 'Email' },
    externalStoreId: 'WEB-SE',
    status: 'Received',
    currencyCode: 'SEK',
    channel: 'Ecom',
    createdAt: '2025-12-03T15:15:19+01:00',
    lineItems: {
      items: [
        { id: 'l1', quantity: 2, article: { sku: 'SKU-1', name: 'Shirt' }, pricePerUnit: 199.5, totalPrice: 399 },
        { id: 'l2', quantity: 1, article: { sku: 'SKU-2', name: 'Socks' }, pricePerUnit: 49.9, totalPrice: 49.9 },
      ],
      subTotal: 448.9,
    },
    ...overrides,
  };
}
