// Wire schema of a contact. Key formats are checked by the
// `contact` semantic check so one 400 lists every error. Every other field the
// client sends (address, custom attributes) is kept and returned.
import { type Static, Type } from 'typebox';
import type { FieldError } from '../domain/errors.js';
import type { SemanticCheck } from '../app/capability.js';
import { contactTypes, isE164, isEmail, isSocialSecurityNumber } from './rules.js';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const fields = {
  contactType: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 50,
      'x-canonical': contactTypes,
      description: 'Member (default), Contact (any case), or a custom type (kept as sent)',
    }),
  ),
  email: Type.Optional(text(255)),
  mobilePhone: Type.Optional(Type.String({ description: 'E.164, e.g. +46701234567' })),
  memberNumber: Type.Optional(text(100)),
  externalId: Type.Optional(text(100)),
  socialSecurityNumber: Type.Optional(Type.String({ description: 'Swedish personnummer (10 or 12 digits) or Finnish personal identity code (DDMMYY-NNNC)' })),
  cardId: Type.Optional(text(100)),
  firstName: Type.Optional(Type.String({ maxLength: 100 })),
  lastName: Type.Optional(Type.String({ maxLength: 100 })),
};

export const ContactBody = Type.Object(fields, { additionalProperties: true, 'x-semantic': 'contact' });
export type ContactBody = Static<typeof ContactBody> & Record<string, unknown>;

/** PATCH: the fields to change; fields left out keep their values. */
export const ContactPatchBody = Type.Object(fields, { additionalProperties: true, minProperties: 1, 'x-semantic': 'contact' });

/** Engage's create parameters: kept with the contact and returned. */
export const CreateContactQuery = Type.Object({
  source: Type.Optional(Type.String({ maxLength: 255 })),
  storeExternalId: Type.Optional(Type.String({ maxLength: 100 })),
  createAsUnapproved: Type.Optional(Type.Boolean()),
});
export type CreateContactQuery = Static<typeof CreateContactQuery>;

export const ContactIdParams = Type.Object({ contactId: Type.String() });

export const contactKeyCheck: SemanticCheck = (data) => {
  const body = (data ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof body.email === 'string' && !isEmail(body.email)) errors.push({ path: 'email', message: 'is not a valid email address' });
  if (typeof body.mobilePhone === 'string' && !isE164(body.mobilePhone)) errors.push({ path: 'mobilePhone', message: 'must be E.164, e.g. +46701234567' });
  if (typeof body.socialSecurityNumber === 'string' && !isSocialSecurityNumber(body.socialSecurityNumber)) {
    errors.push({
      path: 'socialSecurityNumber',
      message: 'is not a valid Swedish personnummer (10 or 12 digits) or Finnish personal identity code (DDMMYY-NNNC), check digit included',
    });
  }
  return errors;
};

export const LookupQuery = Type.Object({
  email: Type.Optional(Type.String()),
  mobilePhone: Type.Optional(Type.String()),
  socialSecurityNumber: Type.Optional(Type.String()),
  customKey: Type.Optional(Type.String({ description: 'The memberNumber, or the externalId with CONTACT_CUSTOM_KEY=externalId' })),
  any: Type.Optional(Type.String({ description: 'Tried as email, socialSecurityNumber, mobilePhone, then customKey' })),
  contactType: Type.Optional(Type.String()),
});
export type LookupQuery = Static<typeof LookupQuery>;
