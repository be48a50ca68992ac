// Contacts: the register, lookups by key, and the late-binding sweep.
import type { Capability } from '../app/capability.js';
import { lateBindingSweep } from './late-binding.js';
import { contactRoutes } from './routes.js';
import { contactBrowseRoutes } from './search-routes.js';
import { contactKeyCheck } from './schemas.js';
import { contactTimelineRoutes } from './timeline-routes.js';

export const contacts: Capability = {
  name: 'contacts',
  async routes(app, ctx) {
    await contactRoutes(app, ctx);
    await contactBrowseRoutes(app, ctx);
    await contactTimelineRoutes(app, ctx);
  },
  semanticChecks: { contact: contactKeyCheck },
  backgroundTasks: [lateBindingSweep],
};
