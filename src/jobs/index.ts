// Jobs: the public job resources clients follow after a write.
import type { Capability } from '../app/capability.js';
import { jobRoutes } from './routes.js';

export const jobs: Capability = { name: 'jobs', routes: jobRoutes };
