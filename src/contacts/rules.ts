// Pure validity rules for contact keys. The lookup's `any`
// parameter uses them to decide which kind of key a value is.
import { isFinnishPersonalIdentityCode, isSwedishPersonalNumber } from '../domain/personal-numbers.js';

/** The built-in contact types; any other name is a custom type, kept as sent. */
export const contactTypes = ['Member', 'Contact'] as const;

// Deliberately simple: one @, no spaces, a dot in the domain. The mail server decides the rest.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164: +, a country code not starting with 0, at most 15 digits in all. */
const e164Pattern = /^\+[1-9]\d{6,14}$/;

export function isEmail(value: string): boolean {
  return value.length <= 255 && emailPattern.test(value);
}

export function isE164(value: string): boolean {
  return e164Pattern.test(value);
}

/** A Swedish personnummer or samordningsnummer, or a Finnish personal identity code. */
export function isSocialSecurityNumber(value: string): boolean {
  return isSwedishPersonalNumber(value) || isFinnishPersonalIdentityCode(value);
}

/** Member and Contact in their canonical case; a custom type as sent; undefined for an empty one. */
export function canonicalContactType(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  return contactTypes.find((type) => type.toLowerCase() === value.toLowerCase()) ?? value;
}
