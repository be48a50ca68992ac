// Closes the race that linking at registration alone cannot: a receipt stored
// while its contact is being registered looks the contact up before that
// registration commits, and the registration links receipts before the receipt
// commits, so neither sees the other. Every second this re-links the receipts
// that name a contact registered in the last few minutes. One indexed
// statement when there is nothing to do; idempotent, so several workers may run it.
import { sql } from 'kysely';
import { backgroundTaskFactories } from '../background.js';
import type { Db } from '../db/schema.js';
import { type LinkableContact, linkReceiptsToContact } from './link.js';

export const RECEIPT_SWEEP_WINDOW_SECONDS = 300;
const INTERVAL_MS = 1000;

export async function sweepReceiptBindings(db: Db, windowSeconds = RECEIPT_SWEEP_WINDOW_SECONDS): Promise<number> {
  const { rows: contacts } = await sql<LinkableContact>`
    SELECT DISTINCT c.id, c.contact_type, c.email, c.mobile_phone, c.member_number, c.external_id, c.social_security_number, c.card_id
    FROM contacts c
    CROSS JOIN LATERAL (VALUES ('ContactId', c.id::text), ('Email', lower(c.email)), ('MobilePhone', c.mobile_phone),
      ('MemberNumber', c.member_number), ('ExternalId', c.external_id), ('SocialSecurityNumber', c.social_security_number),
      ('CardId', c.card_id)) AS k(type, value)
    JOIN receipts r ON r.contact_id IS NULL AND r.match_key_type = k.type AND r.match_key = k.value
      AND (r.contact_type IS NULL OR lower(r.contact_type) = lower(c.contact_type))
    WHERE c.created_at > now() - ${windowSeconds} * interval '1 second' AND k.value IS NOT NULL`.execute(db);
  let linked = 0;
  for (const contact of contacts) linked += (await db.transaction().execute((tx) => linkReceiptsToContact(tx, contact))).length;
  return linked;
}

backgroundTaskFactories.push((ctx, log) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = sweepReceiptBindings(ctx.db)
      .then((linked) => {
        if (linked > 0) log.info({ linked }, 'receipt sweep linked receipts to contacts registered after them');
      })
      .catch((error) => log.warn({ err: error }, 'receipt sweep failed; retrying next round'))
      .finally(() => {
        if (timer) timer = setTimeout(round, INTERVAL_MS);
      });
  };
  return {
    start() {
      timer = setTimeout(round, INTERVAL_MS);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
});
