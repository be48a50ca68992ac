// Wire schema of a contact (contract §8). Key formats are checked by the
// `contact` semantic check so one 400 lists every error.
import { type Static, Type } from 'typebox';
import type { FieldError } from '../domain/errors.js';
import { semanticChecks } from '../http/semantic-checks.js';
import { contactTypes, isE164, isEmail, isSocialSecurityNumber } from './rules.js';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const ContactBody = Type.Object(
  {
    contactType: Type.Optional(Type.Enum(contactTypes, { default: 'Member' })),
    email: Type.Optional(text(255)),
    mobilePhone: Type.Optional(Type.String({ description: 'E.164, e.g. +46701234567' })),
    memberNumber: Type.Optional(text(100)),
    externalId: Type.Optional(text(100)),
    socialSecurityNumber: Type.Optional(Type.String({ description: 'Swedish personnummer, 10 or 12 digits' })),
    cardId: Type.Optional(text(100)),
    firstName: Type.Optional(Type.String({ maxLength: 100 })),
    lastName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: true, 'x-semantic': 'contact' },
);
export type ContactBody = Static<typeof ContactBody>;

export const ContactIdParams = Type.Object({ contactId: Type.String() });

semanticChecks.set('contact', (data) => {
  const body = (data ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof body.email === 'string' && !isEmail(body.email)) errors.push({ path: 'email', message: 'is not a valid email address' });
  if (typeof body.mobilePhone === 'string' && !isE164(body.mobilePhone)) errors.push({ path: 'mobilePhone', message: 'must be E.164, e.g. +46701234567' });
  if (typeof body.socialSecurityNumber === 'string' && !isSocialSecurityNumber(body.socialSecurityNumber)) {
    errors.push({ path: 'socialSecurityNumber', message: 'is not a valid personnummer (10 or 12 digits with a valid check digit)' });
  }
  return errors;
});

export const LookupQuery = Type.Object({
  email: Type.Optional(Type.String()),
  mobilePhone: Type.Optional(Type.String()),
  socialSecurityNumber: Type.Optional(Type.String()),
  customKey: Type.Optional(Type.String({ description: 'The memberNumber' })),
  any: Type.Optional(Type.String({ description: 'Tried as email, socialSecurityNumber, mobilePhone, then customKey' })),
  contactType: Type.Optional(Type.String()),
});
export type LookupQuery = Static<typeof LookupQuery>;
