// Automations: a step in every action's transaction queues deliveries, a
// delivery loop in worker roles sends them, and GDPR covers their runs.
import type { Capability } from '../app/capability.js';
import { automationRoutes } from './routes.js';
import { eraseContactRuns, exportContactRuns, outboxFilesOfContact } from './runs-query.js';
import { enqueueRuns } from './runs.js';
import { automationStepsCheck } from './steps.js';
import { DeliveryTask } from './task.js';

export const automations: Capability = {
  name: 'automations',
  routes: automationRoutes,
  semanticChecks: { automationSteps: automationStepsCheck },
  onActionRecorded: [{ id: 'automations.queue-deliveries', run: async (tx, event) => void (await enqueueRuns(tx, event)) }],
  backgroundTasks: [(ctx, log) => new DeliveryTask(ctx, log)],
  contactData: [{ id: 'automationRuns', after: ['orders'], export: exportContactRuns, erase: eraseContactRuns }],
  contactFiles: [outboxFilesOfContact],
};
