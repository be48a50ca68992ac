// GET /api/v3/contacts/id: which keys to search, decided by pure
// rules, then one query. Several keys narrow the search: the contact must match all.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { ErrorCode, FieldError } from '../domain/errors.js';
import { type MatchKey, matchColumns, normalMatchKey } from './match.js';
import { canonicalContactType, isE164, isEmail, isSocialSecurityNumber } from './rules.js';
import type { LookupQuery } from './schemas.js';

type Failure = { ok: false; code: ErrorCode; detail: string; errors?: FieldError[]; extra?: Record<string, unknown> };
export type LookupPlan = { ok: true; keys: MatchKey[]; contactType?: string } | Failure;
export type CustomKeyField = 'memberNumber' | 'externalId';

/** A refused query, naming the parameter at fault. */
const refused = (code: ErrorCode, path: string, message: string, detail: string): Failure => ({ ok: false, code, detail, errors: [{ path, message }] });

/** The lookup parameters, in the order `any` tries them. customKey searches the field CONTACT_CUSTOM_KEY names. */
function kindsFor(customKey: CustomKeyField) {
  return [
    { param: 'email', matchKeyType: 'Email', valid: isEmail, invalid: 'InvalidEmailAddress' },
    {
      param: 'socialSecurityNumber',
      matchKeyType: 'SocialSecurityNumber',
      plusAsSpace: true,
      valid: isSocialSecurityNumber,
      invalid: 'InvalidSocialSecurityNumber',
    },
    { param: 'mobilePhone', matchKeyType: 'MobilePhone', plusAsSpace: true, valid: isE164, invalid: 'InvalidPhoneNumber' },
    {
      param: 'customKey',
      matchKeyType: customKey === 'externalId' ? 'ExternalId' : 'MemberNumber',
      valid: (value: string) => value.length > 0,
      invalid: 'InvalidSearchQuery',
    },
  ] as const;
}

type Kind = ReturnType<typeof kindsFor>[number];

/**
 * The parameter's value as the client meant it. An unencoded `+` in a query
 * string reads as a space (form encoding); a phone number or a social security
 * number never holds a space, so when the value with `+` for its spaces is
 * valid, that is the value.
 */
function valueOf(kind: Kind, value: string): string {
  if (!('plusAsSpace' in kind) || !value.includes(' ')) return value;
  const restored = value.replaceAll(' ', '+');
  return kind.valid(restored) ? restored : value;
}

export function planLookup(query: LookupQuery, customKey: CustomKeyField = 'memberNumber'): LookupPlan {
  const kinds = kindsFor(customKey);
  const given = kinds.filter((kind) => query[kind.param] !== undefined);
  if (query.any !== undefined ? given.length > 0 : given.length === 0) {
    const detail = 'Give one or more of email, mobilePhone, socialSecurityNumber, customKey, or any alone';
    return refused(
      'InvalidSearchQuery',
      query.any !== undefined ? 'any' : 'query',
      query.any !== undefined ? 'may not be combined with another key' : 'names no key',
      detail,
    );
  }
  let contactType: string | undefined;
  if (query.contactType !== undefined) {
    contactType = canonicalContactType(query.contactType);
    if (!contactType) return refused('InvalidContactType', 'contactType', 'must not be empty', 'contactType must not be empty');
  }
  if (query.any !== undefined) {
    // Engage: try each kind in order and search only the first kind the value is valid for.
    const value = query.any;
    for (const kind of kinds) {
      const matchKey = valueOf(kind, value);
      if (kind.valid(matchKey)) return { ok: true, keys: [{ matchKeyType: kind.matchKeyType, matchKey }], contactType };
    }
    return refused('InvalidSearchQuery', 'any', 'must not be empty', 'any must not be empty');
  }
  const keys: MatchKey[] = [];
  for (const kind of given) {
    const value = valueOf(kind, query[kind.param]!);
    if (!kind.valid(value)) return refused(kind.invalid, kind.param, 'is not valid', `${kind.param} ${JSON.stringify(value)} is not valid`);
    keys.push({ matchKeyType: kind.matchKeyType, matchKey: value });
  }
  return { ok: true, keys, contactType };
}

/** How many candidates a MultipleMatches answer lists at most. */
export const MAX_CANDIDATES = 100;

/** Contacts matching every key (and the type), oldest first. */
async function matchingAll(db: Db, keys: MatchKey[], contactType: string | undefined, limit: number): Promise<string[]> {
  const conditions = keys.map((key) => sql`${sql.raw(matchColumns[key.matchKeyType]!)} = ${normalMatchKey(key)}`);
  if (contactType) conditions.push(sql`lower(contact_type) = lower(${contactType})`);
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM contacts WHERE ${sql.join(conditions, sql` AND `)} ORDER BY created_at, id LIMIT ${limit}`.execute(db);
  return rows.map((row) => row.id);
}

export async function lookupContactId(
  db: Db,
  query: LookupQuery,
  customKey: CustomKeyField = 'memberNumber',
): Promise<{ ok: true; contactId: string } | Failure> {
  const plan = planLookup(query, customKey);
  if (!plan.ok) return plan;
  const described = plan.keys.map((key) => `${key.matchKeyType} ${key.matchKey}`).join(' and ');
  const ids = await matchingAll(db, plan.keys, plan.contactType, MAX_CANDIDATES + 1);
  if (ids.length === 0) return { ok: false, code: 'ContactNotFound', detail: `No contact has ${described}` };
  if (ids.length > 1) {
    return {
      ok: false,
      code: 'MultipleMatches',
      detail: `${ids.length > MAX_CANDIDATES ? `More than ${MAX_CANDIDATES}` : ids.length} contacts have ${described}; give more keys or a contactType`,
      extra: { contactIds: ids.slice(0, MAX_CANDIDATES) },
    };
  }
  return { ok: true, contactId: ids[0]! };
}
