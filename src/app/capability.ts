// What a capability contributes to the service, declared in one descriptor per
// capability folder (its index.ts). Nothing is registered by importing a module:
// src/app/compose.ts assembles the descriptors listed in src/app/capabilities.ts,
// per role, and hands the result (`Parts`) to whoever runs them.
// This file is the port capabilities build against: it imports only types.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Db, Tx } from '../db/schema.js';
import type { FieldError } from '../domain/errors.js';
import type { ActionEvent, ContactLink, OrderChange } from '../domain/events.js';
import type { JobQueue } from '../jobs/queue.js';
import type { KeyStore } from '../keys/keys.js';
import type { Metrics } from '../metrics.js';

/**
 * What every capability gets handed: configuration, the database, the
 * process-wide services and the assembled capabilities. Built once per service
 * (src/service.ts), or by a test.
 */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  metrics: Metrics;
  keys: KeyStore;
  queue: JobQueue;
  /** Every capability's contributions, assembled (src/app/compose.ts). */
  parts: Parts;
}

/**
 * A step run inside another capability's transaction. `id` names it (unique per
 * event); `before`/`after` name other steps of the same event it must run
 * before or after. A step that throws rolls the transaction back.
 */
export interface Step<T> {
  id: string;
  before?: string[];
  after?: string[];
  run(tx: Tx, value: T): Promise<void>;
}

/** Personal data a capability stores about a contact: how to export and erase it (GDPR). */
export interface ContactData {
  /** Key of this part in the export document, e.g. "orders", "receipts"; also its step id in the erase order. */
  id: string;
  before?: string[];
  after?: string[];
  export(db: Db | Tx, contactId: string): Promise<unknown>;
  /** Runs inside the erasure transaction; `parts` lets it run other capabilities' steps (an erased order is a deleted one). */
  erase(tx: Tx, contactId: string, parts: Parts): Promise<void>;
}

/**
 * A table whose rows name a contact by match key and may be stored before the
 * contact exists (late binding). Each has `contact_id`, `match_key_type`,
 * `match_key` (emails lowercased) and `contact_type` columns.
 */
export interface LateBoundTable {
  table: string;
  idColumn: string;
  /** Linking rows of this table is a contact-linked event for the ids (orders: segment facts follow). */
  announcesLinks?: boolean;
}

/** Files outside the database that hold a contact's data (e.g. the email outbox), listed inside the erasure transaction and deleted after it commits. */
export type ContactFiles = (tx: Db | Tx, contactId: string, dataDir: string) => Promise<string[]>;

/** Extra read-only fields a capability adds to order answers (e.g. receipt ids). */
export type OrderDecorator = (db: Db, orders: { order_id: string }[], answers: Record<string, unknown>[]) => Promise<void>;

export interface Log {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** A long-running loop besides the job worker (e.g. automation deliveries), run in worker roles. */
export interface BackgroundTask {
  start(): void;
  /** Stops taking work and finishes (or releases) what it holds. */
  stop(): Promise<void>;
}

/** A named pure check that route schemas run through their `x-semantic` keyword. */
export type SemanticCheck = (data: unknown) => FieldError[];

export interface Capability {
  name: string;
  /** Registered inside the API plugin, where every route needs a key unless marked `config.public`. */
  routes?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** In the transaction that applies a batch of order writes, with every order it changed. */
  onOrderChanged?: Step<OrderChange[]>[];
  /** In the transaction that records an action event. */
  onActionRecorded?: Step<ActionEvent>[];
  /** In the transaction that links orders to a contact registered after them. */
  onContactLinked?: Step<ContactLink>[];
  contactData?: ContactData[];
  contactFiles?: ContactFiles[];
  lateBound?: LateBoundTable[];
  orderDecorators?: OrderDecorator[];
  backgroundTasks?: ((ctx: AppContext, log: Log) => BackgroundTask)[];
  semanticChecks?: Record<string, SemanticCheck>;
}

/** The capabilities, assembled: what the HTTP app, the worker and the tasks are handed. */
export interface Parts {
  capabilities: readonly Capability[];
  onOrderChanged(tx: Tx, changes: OrderChange[]): Promise<void>;
  onActionRecorded(tx: Tx, event: ActionEvent): Promise<void>;
  onContactLinked(tx: Tx, link: ContactLink): Promise<void>;
  /** In erase order (explicit before/after). */
  contactData: readonly ContactData[];
  contactFiles: readonly ContactFiles[];
  lateBound: readonly LateBoundTable[];
  decorateOrders: OrderDecorator;
  semanticChecks: ReadonlyMap<string, SemanticCheck>;
}
