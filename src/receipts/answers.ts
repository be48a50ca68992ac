// Answer schema of a receipt: the registered body as stored (open: every field
// the client sent), with the contact it was linked to and when it was registered.
import { Type } from 'typebox';
import { DateTime, Nullable, PageOf, open } from '../http/schemas.js';
import { ReceiptBody } from './schemas.js';

export const ReceiptAnswer = Type.Object(
  {
    ...ReceiptBody.properties,
    contactId: Nullable(Type.String({ description: 'The contact the receipt was linked to, if any' })),
    registeredAt: DateTime,
  },
  { ...open, title: 'Receipt', description: 'A receipt as registered, with every field the client sent' },
);

export const ReceiptList = Type.Object({ items: Type.Array(ReceiptAnswer) });
export const ReceiptPage = PageOf(ReceiptAnswer, { title: 'ReceiptPage' });
