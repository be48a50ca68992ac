// Orders: the write API (accepted as jobs), reads, versions and actions.
import type { Capability } from '../app/capability.js';
import { orderRules, statusChangeRules } from '../domain/order-rules.js';
import { orderBrowseRoutes } from './browse-routes.js';
import { orderRoutes } from './routes.js';

export const orders: Capability = {
  name: 'orders',
  async routes(app, ctx) {
    await orderRoutes(app, ctx);
    await orderBrowseRoutes(app, ctx);
  },
  semanticChecks: { order: orderRules, 'status-change': statusChangeRules },
  // Orders name their contact by match key and may arrive before it: late binding links them.
  lateBound: [{ table: 'orders', idColumn: 'order_id', announcesLinks: true }],
};
