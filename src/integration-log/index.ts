// The integration log: what processing could not resolve.
import type { Capability } from '../app/capability.js';
import { integrationLogRoutes } from './routes.js';

export const integrationLog: Capability = { name: 'integration-log', routes: integrationLogRoutes };
