// Every capability of the service, in one list: adding one adds a line. The
// order is the order of routes in the OpenAPI document and the default order of
// steps that do not say otherwise (src/app/compose.ts).
import { articles } from '../articles/index.js';
import { automations } from '../automations/index.js';
import { contacts } from '../contacts/index.js';
import { gdpr } from '../gdpr/index.js';
import { integrationLog } from '../integration-log/index.js';
import { jobs } from '../jobs/index.js';
import { keys } from '../keys/index.js';
import { orders } from '../orders/index.js';
import { receipts } from '../receipts/index.js';
import { segments } from '../segments/index.js';
import { stores } from '../stores/index.js';
import type { Capability } from './capability.js';

export const capabilities: readonly Capability[] = [orders, jobs, contacts, stores, articles, integrationLog, receipts, gdpr, segments, automations, keys];
