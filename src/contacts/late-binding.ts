// Late binding: a contact, store or article registered after the orders that
// named it is linked to them without the client resending, and the
// integration-log warnings about it are marked resolved. The versionTag does
// not change: the order's content is the same, only its link is new. Which
// tables are late-bound is declared by their capabilities (`lateBound`).
import { sql } from 'kysely';
import type { BackgroundTask, Log, Parts } from '../app/capability.js';
import type { AppContext } from '../app/capability.js';
import type { Db, Tx } from '../db/schema.js';
import { keysOfContact, withSpellings } from './match.js';

/** What linking needs from the assembled capabilities. */
export type LinkParts = Pick<Parts, 'lateBound' | 'onContactLinked'>;

// An unlinked row naming no contactType matches any contact; one naming a type matches only that type.
const typeMatches = (contactType: unknown) => sql`(contact_type IS NULL OR lower(contact_type) = lower(${contactType}))`;

/**
 * Links the unlinked rows (orders, receipts) whose match key names this contact,
 * and resolves the ContactMissing entries about its keys. Idempotent. The contact
 * row is share-locked so an erasure running at the same time cannot leave a row
 * linked to a deleted contact.
 */
export async function linkContact(tx: Tx, parts: LinkParts, contactId: string): Promise<string[]> {
  const contact = await tx.selectFrom('contacts').selectAll().where('id', '=', contactId).forShare().executeTakeFirst();
  if (!contact) return [];
  const keys = withSpellings(keysOfContact(contact));
  const types = keys.map((key) => key.matchKeyType);
  const values = keys.map((key) => key.matchKey);
  const linked: string[] = [];
  for (const { table, idColumn, announcesLinks } of parts.lateBound) {
    const { rows } = await sql<{ id: string }>`
      UPDATE ${sql.table(table)} SET contact_id = ${contactId}
      WHERE contact_id IS NULL
        AND (match_key_type, match_key) IN (SELECT * FROM unnest(${types}::text[], ${values}::text[]))
        AND ${typeMatches(contact.contact_type)}
      RETURNING ${sql.ref(idColumn)} AS id`.execute(tx);
    const ids = rows.map((row) => row.id);
    if (ids.length > 0 && announcesLinks) await parts.onContactLinked(tx, { contactId, orderIds: ids });
    linked.push(...ids);
  }
  const refKeys = keys.map((key) => `${key.matchKeyType}:${key.matchKey}`);
  await sql`
    UPDATE integration_log SET resolved_at = now()
    WHERE error_code = 'ContactMissing' AND resolved_at IS NULL AND ref_key = ANY(${refKeys}::text[])
      AND (coalesce(details->>'contactType', '') = '' OR lower(details->>'contactType') = lower(${contact.contact_type}))`.execute(tx);
  return linked;
}

/** Marks StoreMissing / ArticleMissing entries about these keys resolved. */
export async function resolveMissing(tx: Tx | Db, errorCode: 'StoreMissing' | 'ArticleMissing', refKeys: string[]): Promise<void> {
  if (refKeys.length === 0) return;
  await sql`
    UPDATE integration_log SET resolved_at = now()
    WHERE error_code = ${errorCode} AND resolved_at IS NULL AND ref_key = ANY(${refKeys}::text[])`.execute(tx);
}

/**
 * The race the registration alone cannot close: an order processed while its
 * contact (store, article) is being registered reads the registers before the
 * registration commits, and the registration's link step runs before the order
 * commits, so neither sees the other. This sweep re-runs the link for whatever
 * was registered in the last few minutes, which covers any transaction that was
 * in flight at the time (jobs are leased for far less). It is one indexed
 * statement per register per round, and idempotent, so several workers may run it.
 */
export const SWEEP_WINDOW_SECONDS = 300;

/** Contacts registered within the window that some late-bound table still has unlinked rows naming. */
async function contactsWithUnlinkedRows(db: Db, table: string, window: ReturnType<typeof sql>): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT DISTINCT c.id FROM contacts c
    CROSS JOIN LATERAL (VALUES ('ContactId', c.id::text), ('Email', lower(c.email)), ('MobilePhone', c.mobile_phone),
      ('MemberNumber', c.member_number), ('ExternalId', c.external_id), ('SocialSecurityNumber', c.ssn_key),
      ('CardId', c.card_id), ('MemberNumberWithCardNumberAsFallback', c.member_number),
      ('MemberNumberWithCardNumberAsFallback', c.card_id)) AS k(type, value)
    JOIN ${sql.table(table)} t ON t.contact_id IS NULL AND t.match_key_type = k.type AND t.match_key = k.value
      AND (t.contact_type IS NULL OR lower(t.contact_type) = lower(c.contact_type))
    WHERE c.created_at > ${window} AND k.value IS NOT NULL`.execute(db);
  return rows.map((row) => row.id);
}

export async function sweepLateBindings(db: Db, parts: LinkParts): Promise<{ linked: number }> {
  const window = sql`now() - ${SWEEP_WINDOW_SECONDS} * interval '1 second'`;
  const contactIds = new Set<string>();
  for (const { table } of parts.lateBound) for (const id of await contactsWithUnlinkedRows(db, table, window)) contactIds.add(id);
  let linked = 0;
  for (const id of contactIds) linked += (await db.transaction().execute((tx) => linkContact(tx, parts, id))).length;
  await sql`
    UPDATE integration_log l SET resolved_at = now() FROM stores s
    WHERE l.error_code = 'StoreMissing' AND l.resolved_at IS NULL AND l.ref_key = s.external_id AND s.created_at > ${window}`.execute(db);
  await sql`
    UPDATE integration_log l SET resolved_at = now() FROM articles a
    WHERE l.error_code = 'ArticleMissing' AND l.resolved_at IS NULL AND l.ref_key = a.sku AND a.updated_at > ${window}`.execute(db);
  return { linked };
}

export const SWEEP_INTERVAL_MS = 1000;

/** The sweep, every SWEEP_INTERVAL_MS, in worker roles. */
export function lateBindingSweep(ctx: AppContext, log: Log): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = sweepLateBindings(ctx.db, ctx.parts)
      .then(({ linked }) => {
        if (linked > 0) log.info({ linked }, 'late binding sweep linked orders and receipts');
      })
      .catch((error) => log.warn({ err: error }, 'late binding sweep failed; retrying next round'))
      .finally(() => {
        if (timer) timer = setTimeout(round, SWEEP_INTERVAL_MS);
      });
  };
  return {
    start() {
      timer = setTimeout(round, SWEEP_INTERVAL_MS);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
