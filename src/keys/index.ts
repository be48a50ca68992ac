// API keys: who may call the API, with which scope.
import type { Capability } from '../app/capability.js';
import { keyRoutes } from './routes.js';

export const keys: Capability = { name: 'keys', routes: keyRoutes };
