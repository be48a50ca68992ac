// Wire schemas of the order resource and its write bodies.
// They validate requests, type the handlers and feed the OpenAPI document.
// Objects stay open (additionalProperties): fields the contract does not name are kept.
import { type Static, Type } from 'typebox';

const open = { additionalProperties: true } as const;
const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const amount = Type.Number();
const dateTime = Type.String({ format: 'date-time', description: 'ISO 8601 with an offset' });
/** Generous caps on nested lists (docs/security.md, "Input limits"): a hostile body is refused before it is fully checked. */
const many = { maxItems: 100 } as const;

export const matchKeyTypes = [
  'ContactId',
  'Email',
  'MobilePhone',
  'MemberNumber',
  'ExternalId',
  'SocialSecurityNumber',
  'CardId',
  // Engage: the member number first, then the card id.
  'MemberNumberWithCardNumberAsFallback',
] as const;
export const orderStatuses = ['Received', 'InProgress', 'Completed', 'Cancelled'] as const;
/** Known statuses in any case are canonicalized; any other non-empty text is kept as sent (UnknownOrderStatus warning). */
const OrderStatus = Type.String({
  minLength: 1,
  maxLength: 100,
  'x-canonical': orderStatuses,
  description: 'Received, InProgress, Completed, Cancelled (any case), or your own status (kept as sent)',
});
/** Engage does not publish these shapes: any JSON is kept; amounts are derived only from shapes the service recognizes. */
const AnyJson = (description: string) => Type.Unknown({ description });

export const OrderContact = Type.Object({ matchKey: text(255, 1), matchKeyType: Type.Enum(matchKeyTypes), contactType: Type.Optional(text(50)) }, open);

const Tax = Type.Object({ description: Type.Optional(text(255)), percent: amount, amount }, open);

export const LineItem = Type.Object(
  {
    id: Type.Optional(text(100)),
    type: Type.Optional(Type.Enum(['Purchase', 'Return'])),
    externalStatus: Type.Optional(text(100)),
    quantity: Type.Number({ description: '0 for a cancelled line; negative only on Return lines (read as its absolute value)' }),
    article: Type.Object(
      {
        sku: text(255, 1),
        name: Type.Optional(text(255)),
        description: Type.Optional(Type.String()),
        imageUri: Type.Optional(Type.String()),
        targetUri: Type.Optional(Type.String()),
      },
      open,
    ),
    pricePerUnit: Type.Optional(amount),
    originalPricePerUnit: Type.Optional(amount),
    totalPrice: amount,
    originalTotalPrice: Type.Optional(amount),
    discounts: Type.Optional(AnyJson('Line discounts, e.g. [{ type, description, amount }]; any JSON is kept')),
    taxes: Type.Optional(AnyJson('Line taxes, e.g. [{ description, percent, amount }]; any JSON is kept')),
    returnDetails: Type.Optional(Type.Object({ type: Type.Enum(['Normal', 'Complaint', 'Change']), reason: Type.Optional(text(255)) }, open)),
    group: Type.Optional(AnyJson('Any JSON is kept')),
  },
  open,
);

const Address = Type.Object(
  {
    title: Type.Optional(text(50)),
    firstname: Type.Optional(text(100)),
    lastname: Type.Optional(text(100)),
    careOf: Type.Optional(text(255)),
    street: Type.Optional(text(255)),
    zipCode: Type.Optional(text(20)),
    city: Type.Optional(text(100)),
    region: Type.Optional(text(100)),
    countryCode: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    email: Type.Optional(text(255)),
    mobilePhone: Type.Optional(text(50)),
  },
  open,
);

export const Delivery = Type.Object(
  {
    method: Type.Optional(text(100)),
    trackingNumber: Type.Optional(text(255)),
    trackingUri: Type.Optional(Type.String({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' })),
    deliveryDate: Type.Optional(dateTime),
  },
  open,
);

/** Engage's field table types action data as a string, its example as an object: any JSON is accepted. */
const ActionData = Type.Unknown({ description: 'Any JSON value (object or string)' });

export const OrderAction = Type.Object({ action: text(100, 1), language: Type.Optional(text(20)), data: Type.Optional(ActionData) }, open);

export const OrderBody = Type.Object(
  {
    orderId: text(100, 1),
    contact: OrderContact,
    externalStoreId: text(100, 1),
    status: OrderStatus,
    externalStatus: Type.Optional(text(100)),
    references: Type.Optional(Type.Array(text(100, 1), { maxItems: 50 })),
    currencyCode: Type.String({ pattern: '^[A-Z]{3}$' }),
    channel: Type.Optional(text(50)),
    createdAt: dateTime,
    lastChangedAt: Type.Optional(dateTime),
    lineItems: Type.Object({ items: Type.Array(LineItem, { minItems: 1, maxItems: 1000 }), subTotal: amount }, open),
    payments: Type.Optional(AnyJson('e.g. { items: [{ type, description, amount, reference }], total }; any JSON is kept')),
    fees: Type.Optional(AnyJson('e.g. { items: [{ type, description, amount, taxes }], total }; any JSON is kept')),
    discounts: Type.Optional(AnyJson('e.g. { items: [{ type, description, amount }], total }; any JSON is kept')),
    taxes: Type.Optional(Type.Array(Tax, many)),
    totalPrice: Type.Optional(amount),
    delivery: Type.Optional(Delivery),
    billingAddress: Type.Optional(Address),
    shippingAddress: Type.Optional(Address),
    orderAction: Type.Optional(OrderAction),
  },
  { ...open, 'x-semantic': 'order' },
);
export type OrderBody = Static<typeof OrderBody>;

export const StatusChangeBody = Type.Object(
  {
    status: Type.Optional(OrderStatus),
    externalStatus: Type.Optional(text(100)),
    lineItems: Type.Optional(Type.Array(Type.Object({ id: text(100, 1), externalStatus: text(100) }, open), { minItems: 1, maxItems: 1000 })),
    orderAction: Type.Optional(OrderAction),
  },
  { ...open, 'x-semantic': 'status-change' },
);
export type StatusChangeBody = Static<typeof StatusChangeBody>;

export const DeliveryChangeBody = Type.Object({ ...Delivery.properties, orderAction: Type.Optional(OrderAction) }, { ...open, minProperties: 1 });
export type DeliveryChangeBody = Static<typeof DeliveryChangeBody>;

export const ActionBody = Type.Object(
  { action: text(100, 1), versionTag: text(100, 1), language: Type.Optional(text(20)), data: Type.Optional(ActionData) },
  open,
);
export type ActionBody = Static<typeof ActionBody>;

/** Fields the GET answer adds: a client that PUTs back what it read sends them; they are ignored, never stored. */
export const readOnlyOrderFields = ['versionTag', 'orderType', 'contactId', 'processedAt', 'receipts'] as const;

export const OrderIdParams = Type.Object({ orderId: text(100, 1) });

/** A contact GUID in a query string: anything else is a 400 naming contactId, not a failed uuid cast. */
export const ContactGuid = Type.String({ format: 'uuid', description: 'A contact id (GUID, any case)' });
