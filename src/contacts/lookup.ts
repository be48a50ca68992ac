// GET /api/v3/contacts/id (contract §8): which key to search, decided by pure
// rules, then one query through the same matcher orders use.
import type { Db } from '../db/schema.js';
import type { ErrorCode } from '../domain/errors.js';
import { type MatchKey, matchingContactIds } from './match.js';
import { canonicalContactType, isE164, isEmail, isSocialSecurityNumber } from './rules.js';
import type { LookupQuery } from './schemas.js';

type Failure = { ok: false; code: ErrorCode; detail: string };
export type LookupPlan = { ok: true; key: MatchKey } | Failure;

/** customKey is the contact's memberNumber (docs/registers.md). */
const kinds = [
  { param: 'email', matchKeyType: 'Email', valid: isEmail, invalid: 'InvalidEmailAddress' },
  { param: 'socialSecurityNumber', matchKeyType: 'SocialSecurityNumber', valid: isSocialSecurityNumber, invalid: 'InvalidSocialSecurityNumber' },
  { param: 'mobilePhone', matchKeyType: 'MobilePhone', valid: isE164, invalid: 'InvalidPhoneNumber' },
  { param: 'customKey', matchKeyType: 'MemberNumber', valid: (value: string) => value.length > 0, invalid: 'InvalidSearchQuery' },
] as const;

export function planLookup(query: LookupQuery): LookupPlan {
  const given = [...kinds.map((kind) => kind.param), 'any' as const].filter((param) => query[param] !== undefined);
  if (given.length !== 1) {
    return { ok: false, code: 'InvalidSearchQuery', detail: 'Give exactly one of email, mobilePhone, socialSecurityNumber, customKey or any' };
  }
  let contactType: string | undefined;
  if (query.contactType !== undefined) {
    contactType = canonicalContactType(query.contactType);
    if (!contactType) return { ok: false, code: 'InvalidContactType', detail: `${query.contactType} is not a contact type (Member, Contact)` };
  }
  const param = given[0]!;
  const value = query[param]!;
  if (param === 'any') {
    // Engage: try each kind in order and search only the first kind the value is valid for.
    const kind = kinds.find((candidate) => candidate.valid(value));
    if (!kind) return { ok: false, code: 'InvalidSearchQuery', detail: 'any must not be empty' };
    return { ok: true, key: { matchKeyType: kind.matchKeyType, matchKey: value, contactType } };
  }
  const kind = kinds.find((candidate) => candidate.param === param)!;
  if (!kind.valid(value)) return { ok: false, code: kind.invalid, detail: `${param} ${JSON.stringify(value)} is not valid` };
  return { ok: true, key: { matchKeyType: kind.matchKeyType, matchKey: value, contactType } };
}

export async function lookupContactId(db: Db, query: LookupQuery): Promise<{ ok: true; contactId: string } | Failure> {
  const plan = planLookup(query);
  if (!plan.ok) return plan;
  const ids = await matchingContactIds(db, plan.key, 2);
  if (ids.length === 0) return { ok: false, code: 'ContactNotFound', detail: `No contact has ${plan.key.matchKeyType} ${plan.key.matchKey}` };
  if (ids.length > 1) return { ok: false, code: 'MultipleMatches', detail: `More than one contact has ${plan.key.matchKeyType} ${plan.key.matchKey}` };
  return { ok: true, contactId: ids[0]! };
}
