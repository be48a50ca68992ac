// Stores: the store register.
import type { Capability } from '../app/capability.js';
import { storeRoutes } from './routes.js';

export const stores: Capability = { name: 'stores', routes: storeRoutes };
