// Answer schema of a contact: every field the client sent (open), with the key
// fields from their own columns (null when not set) and the service's id and time.
import { Type } from 'typebox';
import { DateTime, Nullable, open } from '../http/schemas.js';

const key = (description?: string) => Nullable(Type.String(description ? { description } : {}));

export const ContactAnswer = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    contactType: Type.String(),
    email: key(),
    mobilePhone: key('E.164'),
    memberNumber: key(),
    externalId: key(),
    socialSecurityNumber: key(),
    cardId: key(),
    firstName: key(),
    lastName: key(),
    createdAt: DateTime,
  },
  { ...open, title: 'Contact', description: 'A contact, with every field the client sent' },
);
