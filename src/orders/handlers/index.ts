// Every change kind, by operation name. Adding a kind adds a line here, not a switch.
import { changeDelivery } from './change-delivery.js';
import { changeStatus } from './change-status.js';
import { create } from './create.js';
import { remove } from './delete.js';
import type { OrderHandler } from './handler.js';
import { replace } from './replace.js';

export const handlers: ReadonlyMap<string, OrderHandler> = new Map(
  [create, replace, remove, changeStatus, changeDelivery].map((handler) => [handler.operation, handler]),
);
export type Operation = 'Create' | 'Replace' | 'Delete' | 'ChangeStatus' | 'ChangeDelivery';
