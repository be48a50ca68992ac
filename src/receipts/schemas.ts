// Wire schema of a receipt. Objects stay open: fields the
// contract does not name are kept. Sums and signs are checked by receiptRules.
import { type Static, Type } from 'typebox';
import { matchKeyTypes } from '../orders/schemas.js';

const open = { additionalProperties: true } as const;
const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const amount = Type.Number();
/** Generous caps on nested lists (docs/security.md, "Input limits"): a hostile body is refused before it is fully checked. */
const many = { maxItems: 100 } as const;

export const itemTypes = ['PURCHASE', 'RETURN', 'ADJUSTMENT'] as const;

const Discount = Type.Object(
  { value: Type.Number({ maximum: 0, description: 'Zero or negative' }), type: Type.Optional(text(100)), description: Type.Optional(text(255)) },
  open,
);

const Item = Type.Object(
  {
    type: Type.Enum(itemTypes),
    sku: text(255, 1),
    quantity: Type.Number({ description: 'Negative on RETURN lines, never elsewhere' }),
    grossPaidPrice: Type.Number({
      description: 'Engage: positive on RETURN lines too; the line counts as sign(quantity) × |grossPaidPrice|. Zero or positive on PURCHASE lines',
    }),
    taxAmount: amount,
    taxPercent: amount,
    articleNumber: text(255),
    articleName: text(255),
    discounts: Type.Optional(Type.Array(Discount, many)),
  },
  open,
);

export const ReceiptBody = Type.Object(
  {
    contact: Type.Optional(Type.Object({ matchKey: text(255, 1), matchKeyType: Type.Enum(matchKeyTypes), contactType: Type.Optional(text(50)) }, open)),
    uniqueReceiptId: text(255, 1),
    receiptNumber: Type.Optional(text(255, 1)),
    createdDate: Type.String({ format: 'date-time', description: 'ISO 8601 with an offset' }),
    storeExternalId: text(100, 1),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
    exchangeRateToGroupCurrency: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    totalGrossPrice: Type.Number({ description: 'Σ sign(quantity) × |grossPaidPrice| over the items; negative for returns' }),
    paymentMethods: Type.Array(Type.Object({ type: Type.Optional(text(100, 1)), description: Type.Optional(text(255)), value: amount }, open), {
      ...many,
      description: 'Values sum to totalGrossPrice',
    }),
    items: Type.Array(Item, { minItems: 1, maxItems: 1000 }),
    taxDetails: Type.Optional(Type.Array(Type.Object({}, open), many)),
    usedPromotions: Type.Optional(Type.Union([Type.Array(Type.Unknown(), many), Type.Object({}, open)])),
    extraData: Type.Optional(
      Type.Union([Type.Object({}, open), Type.Array(Type.Object({ name: Type.String(), value: Type.Unknown() }, open))], {
        description: 'An object, or [{ name, value }] as on items',
      }),
    ),
    orderId: Type.Optional(text(100, 1)),
  },
  { ...open, 'x-semantic': 'receipt' },
);
export type ReceiptBody = Static<typeof ReceiptBody>;
/** A receipt as stored: the validated body, with the fields the contract does not name kept. */
export type ReceiptDocument = ReceiptBody & Record<string, unknown>;
