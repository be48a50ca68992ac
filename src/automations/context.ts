// What a template or webhook body is rendered with: the order as of one versionTag
// and its contact. Deliveries and the preview/test-send routes read it the same way,
// so a preview shows exactly what the real delivery would send.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

export interface Context {
  order: Record<string, unknown> | null;
  contact: Record<string, unknown> | null;
}

export async function loadContext(db: Db, at: { orderId: string; versionTag: string; contactId: string | null }): Promise<Context> {
  const [version, contacts] = await Promise.all([
    sql<{ document: Record<string, unknown> }>`
      SELECT document FROM order_versions WHERE order_id = ${at.orderId} AND version_tag = ${at.versionTag}
      ORDER BY id DESC LIMIT 1`.execute(db),
    at.contactId
      ? db
          .selectFrom('contacts')
          .select(['id', 'contact_type', 'email', 'mobile_phone', 'member_number', 'external_id', 'first_name', 'last_name'])
          .where('id', '=', at.contactId)
          .execute()
      : Promise.resolve([]),
  ]);
  const row = contacts[0];
  return {
    order: version.rows[0] ? { ...version.rows[0].document, orderId: at.orderId, versionTag: at.versionTag } : null,
    // The personal number is left out on purpose: templates have no need for it.
    contact: row
      ? {
          id: row.id,
          contactType: row.contact_type,
          email: row.email,
          mobilePhone: row.mobile_phone,
          memberNumber: row.member_number,
          externalId: row.external_id,
          firstName: row.first_name,
          lastName: row.last_name,
        }
      : null,
  };
}

/** The facts of one delivery that templates and webhook bodies show. */
export interface DeliveryFacts {
  eventId: string;
  actionId: string;
  automationId: string;
  action: string;
  orderId: string;
  versionTag: string;
  contactId: string | null;
  data: unknown;
  language: string | null;
  occurredAt: string;
}

/** `action` in templates. */
export function templateAction(facts: DeliveryFacts): Record<string, unknown> {
  return {
    name: facts.action,
    action: facts.action,
    actionId: facts.actionId,
    data: facts.data ?? {},
    language: facts.language,
    versionTag: facts.versionTag,
    occurredAt: facts.occurredAt,
  };
}

/** The JSON body a webhook step posts (docs/automations.md). */
export function webhookPayload(facts: DeliveryFacts, order: Record<string, unknown>): Record<string, unknown> {
  return {
    eventId: facts.eventId,
    actionId: facts.actionId,
    automationId: facts.automationId,
    action: facts.action,
    orderId: facts.orderId,
    versionTag: facts.versionTag,
    order,
    contactId: facts.contactId,
    data: facts.data,
    language: facts.language,
    occurredAt: facts.occurredAt,
  };
}
