// Answer schemas of orders: the stored document (every field the client sent is
// kept: the schema is open) plus the read-only fields presentOrder adds.
import { Type } from 'typebox';
import { DateTime, Nullable, open } from '../http/schemas.js';
import { OrderBody } from './schemas.js';

export const OrderAnswer = Type.Object(
  {
    ...OrderBody.properties,
    versionTag: Type.String({ description: 'Pass as If-Match or an action versionTag' }),
    orderType: Type.Enum(['Purchase', 'Return', 'Mixed']),
    contactId: Nullable(Type.String({ description: 'The contact the order is linked to; null until one matches' })),
    processedAt: Type.String({ format: 'date-time', description: 'When the current version was processed' }),
    receipts: Type.Optional(Type.Array(Type.String(), { description: 'uniqueReceiptIds of the receipts that name this order' })),
  },
  { ...open, title: 'Order', description: 'The order as last written, with every field the client sent, and the read-only fields' },
);

export const OrderVersions = Type.Object({
  items: Type.Array(
    Type.Object(
      {
        versionTag: Type.String(),
        operation: Type.String(),
        jobId: Nullable(Type.String()),
        processedAt: DateTime,
        changes: Type.Array(Type.String(), {
          description: 'What differs from the version before: field names, lineItems[id] added|changed|removed, or created',
        }),
      },
      open,
    ),
  ),
});

export const ActionAccepted = Type.Object({ actionId: Type.String() }, open);

export const OrderActions = Type.Object({
  items: Type.Array(
    Type.Object(
      {
        actionId: Type.String(),
        orderId: Type.String(),
        versionTag: Type.String(),
        action: Type.String(),
        language: Nullable(Type.String()),
        data: Type.Unknown({ description: 'As sent with the action' }),
        contactId: Nullable(Type.String()),
        jobId: Nullable(Type.String()),
        createdAt: DateTime,
      },
      open,
    ),
  ),
});
