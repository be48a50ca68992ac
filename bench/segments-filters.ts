// The fixed set of realistic filters the segmentation benchmark times.
import type { Filter } from '../src/segments/filter.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

export const benchFilters: { name: string; simple?: boolean; filter: Filter }[] = [
  { name: 'F1 has an ongoing order', simple: true, filter: { hasOrder: { ongoing: true } } },
  { name: 'F2 bought one brand', simple: true, filter: { hasOrder: { lineItem: { brand: ['Brand-7'] } } } },
  { name: 'F3 no ongoing order with brand X (exclusion)', filter: { not: { hasOrder: { ongoing: true, lineItem: { brand: ['Brand-7'] } } } } },
  { name: 'F4 ongoing order with red/black shoes', filter: { hasOrder: { ongoing: true, lineItem: { mainCategory: ['Shoes'], color: ['Red', 'Black'] } } } },
  { name: 'F5 Ecom order in the last 30 days', filter: { hasOrder: { channel: ['Ecom'], createdAt: { withinDays: 30 } } } },
  { name: 'F6 completed order over 3000', filter: { hasOrder: { status: ['Completed'], totalPrice: { min: 3000 } } } },
  {
    name: 'F7 returned Cat-3/Cat-4 in the last 90 days',
    filter: { hasOrder: { createdAt: { withinDays: 90 }, lineItem: { type: 'Return', productCategory: ['Cat-3', 'Cat-4'] } } },
  },
  {
    name: 'F8 members with brand 1 or 2, never cancelled',
    filter: {
      and: [
        { contact: { contactType: ['Member'] } },
        { or: [{ hasOrder: { lineItem: { brand: ['Brand-1'] } } }, { hasOrder: { lineItem: { brand: ['Brand-2'] } } }] },
        { not: { hasOrder: { status: ['Cancelled'] } } },
      ],
    },
  },
  {
    name: 'F9 SS25 female M/L in a date range',
    filter: { hasOrder: { createdAt: { from: daysAgo(400), to: daysAgo(200) }, lineItem: { season: ['SS25'], gender: ['Female'], size: ['M', 'L'] } } },
  },
  {
    name: 'F10 ongoing in 3 stores with one of 20 SKUs',
    filter: {
      hasOrder: { ongoing: true, externalStoreId: ['STORE-1', 'STORE-2', 'STORE-3'], lineItem: { sku: Array.from({ length: 20 }, (_, i) => `SKU-${i * 37}`) } },
    },
  },
];
