// Literal receipt bodies for tests.
import { uniqueId } from '../helpers/fixtures.js';

export function receiptBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    contact: { matchKey: 'nobody@example.com', matchKeyType: 'Email' },
    uniqueReceiptId: uniqueId('receipt'),
    receiptNumber: 'R-1001',
    createdDate: '2025-12-03T15:15:19+01:00',
    storeExternalId: 'STORE-1',
    currency: 'SEK',
    exchangeRateToGroupCurrency: 1,
    totalGrossPrice: 448.9,
    paymentMethods: [{ type: 'Card', description: 'Visa', value: 448.9 }],
    items: [
      {
        type: 'PURCHASE',
        sku: 'SKU-1',
        quantity: 2,
        grossPaidPrice: 399,
        taxAmount: 79.8,
        taxPercent: 25,
        articleNumber: 'A1',
        articleName: 'Shirt',
        discounts: [{ value: -20, type: 'Campaign' }],
      },
      { type: 'PURCHASE', sku: 'SKU-2', quantity: 1, grossPaidPrice: 49.9, taxAmount: 9.98, taxPercent: 25, articleNumber: 'A2', articleName: 'Socks' },
    ],
    taxDetails: [{ description: 'VAT 25%', value: 89.78 }],
    usedPromotions: [{ id: 'P1' }],
    extraData: { cashier: 'Kim' },
    ...overrides,
  };
}
