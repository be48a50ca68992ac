// Automation definitions: table types and the admin CRUD queries.
import { randomUUID } from 'node:crypto';
import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import type { Step } from './steps.js';

type Json = ColumnType<unknown, string | unknown, string | unknown>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AutomationTable {
  id: string;
  name: string;
  trigger_action: string;
  steps: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AutomationRunTable {
  id: string;
  automation_id: string;
  automation_name: string;
  action_event_id: string;
  action: string;
  order_id: string;
  version_tag: string;
  contact_id: string | null;
  language: string | null;
  data: Json | null;
  occurred_at: Timestamp;
  created_at: Timestamp;
}

export type DeliveryStatus = 'Pending' | 'Delivering' | 'Delivered' | 'Skipped' | 'Failed';

export interface AutomationDeliveryTable {
  id: string;
  run_id: string;
  step_index: number;
  step: Json;
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  attempt_log: Json;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  last_error: string | null;
  target: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

declare module '../db/schema.js' {
  interface Tables {
    automations: AutomationTable;
    automation_runs: AutomationRunTable;
    automation_deliveries: AutomationDeliveryTable;
  }
}

export interface AutomationInput {
  name: string;
  trigger: { action: string };
  steps: Step[];
}

export interface Automation extends AutomationInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Webhook secrets are write-only: answers never carry them. */
export function present(row: Selectable<AutomationTable>): Automation {
  return {
    id: row.id,
    name: row.name,
    trigger: { action: row.trigger_action },
    steps: (row.steps as Step[]).map((step) => (step.type === 'webhook' ? ({ type: 'webhook', url: step.url } as unknown as Step) : step)),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function createAutomation(db: Db, input: AutomationInput): Promise<Automation> {
  const row = await db
    .insertInto('automations')
    .values({ id: randomUUID(), name: input.name, trigger_action: input.trigger.action, steps: JSON.stringify(input.steps) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return present(row);
}

export async function getAutomation(db: Db, id: string): Promise<Automation | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('automations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && present(row);
}

export async function listAutomations(db: Db, offset: number, count: number): Promise<{ items: Automation[]; totalCount: number }> {
  const [rows, total] = await Promise.all([
    db.selectFrom('automations').selectAll().orderBy('created_at', 'desc').orderBy('id').offset(offset).limit(count).execute(),
    db
      .selectFrom('automations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), totalCount: Number(total.n) };
}

export async function updateAutomation(db: Db, id: string, input: AutomationInput): Promise<Automation | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .updateTable('automations')
    .set({ name: input.name, trigger_action: input.trigger.action, steps: JSON.stringify(input.steps), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && present(row);
}

/** Deliveries already queued still go out: they were promised when the action was accepted. */
export async function deleteAutomation(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom('automations').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
