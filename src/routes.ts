// Every capability's routes, registered inside the API plugin (src/http/app.ts), where
// every route needs an API key unless it is marked `config.public`. Adding a capability adds a line.
// Importing a capability also registers its hooks (order changes, actions,
// late binding, GDPR parts, background tasks).
import type { FastifyInstance } from 'fastify';
import { articleRoutes } from './articles/routes.js';
import { automationRoutes } from './automations/index.js';
import { contactRoutes } from './contacts/routes.js';
import { contactBrowseRoutes } from './contacts/search-routes.js';
import type { AppContext } from './context.js';
import { gdprRoutes } from './gdpr/routes.js';
import { integrationLogRoutes } from './integration-log/routes.js';
import { integrationLogResolveRoutes } from './integration-log/resolve-routes.js';
import { jobRoutes } from './jobs/routes.js';
import { keyRoutes } from './keys/routes.js';
import { orderRoutes } from './orders/routes.js';
import { receiptRoutes } from './receipts/routes.js';
import { segmentRoutes } from './segments/routes.js';
import { storeRoutes } from './stores/routes.js';

type Capability = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

const capabilities: Capability[] = [
  orderRoutes,
  jobRoutes,
  contactRoutes,
  contactBrowseRoutes,
  storeRoutes,
  articleRoutes,
  integrationLogRoutes,
  integrationLogResolveRoutes,
  receiptRoutes,
  gdprRoutes,
  segmentRoutes,
  automationRoutes,
  keyRoutes,
];

export async function registerCapabilities(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const capability of capabilities) await capability(app, ctx);
}
