// Every change kind, by operation name. Adding a kind adds a line here, not a switch.
import { changeDelivery } from './change-delivery.js';
import { changeStatus } from './change-status.js';
import { create } from './create.js';
import { remove } from './delete.js';
import type { OrderHandler } from './handler.js';
import { replace } from './replace.js';

const byOperation = { Create: create, Replace: replace, Delete: remove, ChangeStatus: changeStatus, ChangeDelivery: changeDelivery };

/** The operation names of jobs (PascalCase on the wire): one per handler. */
export type Operation = keyof typeof byOperation;

/** What a job of each operation carries: the payload its handler takes. */
export type JobPayload = { [K in Operation]: { operation: K; payload: Parameters<(typeof byOperation)[K]['apply']>[1] } }[Operation];

export const handlers: ReadonlyMap<string, OrderHandler<unknown>> = new Map(Object.entries(byOperation) as [Operation, OrderHandler<unknown>][]);
