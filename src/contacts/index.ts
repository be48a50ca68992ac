// Contacts: the register, lookups by key, and the late-binding sweep.
import type { Capability } from '../app/capability.js';
import { lateBindingSweep } from './late-binding.js';
import { contactRoutes } from './routes.js';
import { contactKeyCheck } from './schemas.js';

export const contacts: Capability = {
  name: 'contacts',
  routes: contactRoutes,
  semanticChecks: { contact: contactKeyCheck },
  backgroundTasks: [lateBindingSweep],
};
