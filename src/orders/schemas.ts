// Wire schemas of the order resource and its write bodies (contract §2, §5, §6).
// They validate requests, type the handlers and feed the OpenAPI document.
// Objects stay open (additionalProperties): fields the contract does not name are kept.
import { type Static, Type } from 'typebox';
import { orderRules, statusChangeRules } from '../domain/order-rules.js';
import { semanticChecks } from '../http/semantic-checks.js';

semanticChecks.set('order', orderRules);
semanticChecks.set('status-change', statusChangeRules);

const open = { additionalProperties: true } as const;
const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const amount = Type.Number();
const dateTime = Type.String({ format: 'date-time', description: 'ISO 8601 with an offset' });
/** Generous caps on nested lists (docs/security.md, "Input limits"): a hostile body is refused before it is fully checked. */
const many = { maxItems: 100 } as const;

export const matchKeyTypes = ['ContactId', 'Email', 'MobilePhone', 'MemberNumber', 'ExternalId', 'SocialSecurityNumber', 'CardId'] as const;
export const orderStatuses = ['Received', 'InProgress', 'Completed', 'Cancelled'] as const;

export const OrderContact = Type.Object(
  { matchKey: text(255, 1), matchKeyType: Type.Enum(matchKeyTypes), contactType: Type.Optional(text(50)) },
  open,
);

const Tax = Type.Object({ description: Type.Optional(text(255)), percent: amount, amount }, open);
const Discount = Type.Object({ type: Type.Optional(text(100)), description: Type.Optional(text(255)), amount }, open);

const LineItem = Type.Object(
  {
    id: Type.Optional(text(100)),
    type: Type.Optional(Type.Enum(['Purchase', 'Return'])),
    externalStatus: Type.Optional(text(100)),
    quantity: Type.Number({ exclusiveMinimum: 0 }),
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
    discounts: Type.Optional(Type.Array(Discount, many)),
    taxes: Type.Optional(Type.Array(Tax, many)),
    returnDetails: Type.Optional(Type.Object({ type: Type.Enum(['Normal', 'Complaint', 'Change']), reason: Type.Optional(text(255)) }, open)),
    group: Type.Optional(text(100)),
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

export const OrderAction = Type.Object(
  { action: text(100, 1), language: Type.Optional(text(20)), data: Type.Optional(Type.Object({}, open)) },
  open,
);

const itemsWithTotal = (item: ReturnType<typeof Type.Object>) => Type.Object({ items: Type.Array(item, many), total: Type.Optional(amount) }, open);

export const OrderBody = Type.Object(
  {
    orderId: text(100, 1),
    contact: OrderContact,
    externalStoreId: text(100, 1),
    status: Type.Enum(orderStatuses),
    externalStatus: Type.Optional(text(100)),
    references: Type.Optional(Type.Array(text(100, 1), { maxItems: 50 })),
    currencyCode: Type.String({ pattern: '^[A-Z]{3}$' }),
    channel: Type.Optional(text(50)),
    createdAt: dateTime,
    lastChangedAt: Type.Optional(dateTime),
    lineItems: Type.Object({ items: Type.Array(LineItem, { minItems: 1, maxItems: 1000 }), subTotal: amount }, open),
    payments: Type.Optional(
      itemsWithTotal(Type.Object({ type: text(100, 1), description: Type.Optional(text(255)), amount, reference: Type.Optional(text(255)) }, open)),
    ),
    fees: Type.Optional(itemsWithTotal(Type.Object({ type: text(100, 1), description: Type.Optional(text(255)), amount, taxes: Type.Optional(Type.Array(Tax, many)) }, open))),
    discounts: Type.Optional(itemsWithTotal(Type.Object({ type: text(100, 1), description: Type.Optional(text(255)), amount }, open))),
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
    status: Type.Optional(Type.Enum(orderStatuses)),
    externalStatus: Type.Optional(text(100)),
    lineItems: Type.Optional(Type.Array(Type.Object({ id: text(100, 1), externalStatus: text(100) }, open), { minItems: 1, maxItems: 1000 })),
    orderAction: Type.Optional(OrderAction),
  },
  { ...open, 'x-semantic': 'status-change' },
);
export type StatusChangeBody = Static<typeof StatusChangeBody>;

export const DeliveryChangeBody = Type.Object(
  { ...Delivery.properties, orderAction: Type.Optional(OrderAction) },
  { ...open, minProperties: 1 },
);
export type DeliveryChangeBody = Static<typeof DeliveryChangeBody>;

export const ActionBody = Type.Object(
  { action: text(100, 1), versionTag: text(100, 1), language: Type.Optional(text(20)), data: Type.Optional(Type.Object({}, open)) },
  open,
);
export type ActionBody = Static<typeof ActionBody>;

export const OrderIdParams = Type.Object({ orderId: text(100, 1) });

/** A contact GUID in a query string: anything else is a 400 naming contactId, not a failed uuid cast. */
export const ContactGuid = Type.String({ format: 'uuid', description: 'A contact id (GUID, any case)' });
