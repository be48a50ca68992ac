// Automations joins the service at import time: a hook in every action's
// transaction, a delivery loop in worker roles, and a part of the GDPR export.
import { backgroundTaskFactories } from '../background.js';
import { contactDataProviders } from '../contacts/hooks.js';
import { actionHooks } from '../orders/hooks.js';
import { eraseContactRuns, exportContactRuns } from './runs-query.js';
import { enqueueRuns } from './runs.js';
import { DeliveryTask } from './task.js';

actionHooks.push(async (tx, event) => {
  await enqueueRuns(tx, event);
});
backgroundTaskFactories.push((ctx, log) => new DeliveryTask(ctx, log));
contactDataProviders.push({ name: 'automationRuns', export: exportContactRuns, erase: eraseContactRuns });

export { automationRoutes } from './routes.js';
