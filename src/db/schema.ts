// Table types for Kysely. Each capability adds its own tables by declaration
// merging (`declare module '../db/schema.js' { interface Tables { … } }`), so
// no module has to edit this file to add a table.
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { OrderDocument } from '../domain/order.js';

// jsonb columns read as parsed JSON, whose shape the reader checks or knows from
// its writer; written as JSON text (or a value the driver serialises).
type Json = ColumnType<unknown, string | unknown, string | unknown>;
/** A jsonb column every writer fills with an object. */
type JsonObject = ColumnType<Record<string, unknown>, string | unknown, string | unknown>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ApiKeyTable {
  id: string;
  name: string;
  key_hash: string;
  scope: 'read' | 'write' | 'admin';
  created_at: Timestamp;
}

export interface OrderTable {
  order_id: string;
  contact_id: string | null;
  version_tag: string;
  content_hash: string;
  /** The current document, stored only after it passed validation. */
  document: ColumnType<OrderDocument, string | unknown, string | unknown>;
  order_type: string;
  status: string;
  store_external_id: string;
  match_key_type: string;
  match_key: string;
  contact_type: string | null;
  created_at: Timestamp;
  processed_at: Timestamp;
}

export interface OrderVersionTable {
  id: Generated<string>;
  order_id: string;
  version_tag: string;
  operation: string;
  job_id: string;
  document: Json;
  changes: Json;
  processed_at: Timestamp;
}

export interface JobTable {
  id: string;
  seq: Generated<string>;
  order_id: string;
  operation: string;
  status: 'Pending' | 'Processing' | 'Succeeded' | 'Failed';
  payload: Json;
  if_match: string | null;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  accepted_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  version_tag: string | null;
  error_code: string | null;
  errors: Json | null;
  retry_at: Timestamp | null;
  last_error_code: string | null;
  last_error_at: Timestamp | null;
}

export interface ActionEventTable {
  id: string;
  order_id: string;
  version_tag: string;
  action: string;
  language: string | null;
  data: Json | null;
  contact_id: string | null;
  job_id: string | null;
  created_at: Timestamp;
}

export interface ContactTable {
  id: string;
  contact_type: string;
  email: string | null;
  mobile_phone: string | null;
  member_number: string | null;
  external_id: string | null;
  social_security_number: string | null;
  /** The social security number in the form it is matched by (see ssnMatchKey). */
  ssn_key: string | null;
  card_id: string | null;
  first_name: string | null;
  last_name: string | null;
  /** Every field the client sent (and the create query parameters), as sent. */
  document: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface StoreTable {
  external_id: string;
  name: string;
  time_zone: string | null;
  type: string;
  /** Every field the client sent, as sent. */
  document: ColumnType<Record<string, unknown>, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface ArticleTable {
  sku: string;
  number: string;
  name: string;
  main_category: string;
  brand: string | null;
  color: string | null;
  size: string | null;
  product_category: string | null;
  sub_category: string | null;
  age_group: string | null;
  gender: string | null;
  season: string | null;
  document: Json;
  updated_at: Timestamp;
}

export interface IntegrationLogTable {
  id: Generated<string>;
  type: string;
  severity: 'Warning' | 'Error';
  error_code: string;
  message: string;
  order_id: string | null;
  job_id: string | null;
  version_tag: string | null;
  ref_key: string;
  details: JsonObject;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface Tables {
  api_keys: ApiKeyTable;
  orders: OrderTable;
  order_versions: OrderVersionTable;
  jobs: JobTable;
  action_events: ActionEventTable;
  contacts: ContactTable;
  stores: StoreTable;
  articles: ArticleTable;
  integration_log: IntegrationLogTable;
}

export type Db = Kysely<Tables>;

/** A transaction, as every capability's in-transaction code takes it. */
export type Tx = Transaction<Tables>;
