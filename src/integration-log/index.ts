// The integration log: what processing could not resolve.
import type { Capability } from '../app/capability.js';
import { integrationLogResolveRoutes } from './resolve-routes.js';
import { integrationLogRoutes } from './routes.js';

export const integrationLog: Capability = {
  name: 'integration-log',
  async routes(app, ctx) {
    await integrationLogRoutes(app, ctx);
    await integrationLogResolveRoutes(app, ctx);
  },
};
