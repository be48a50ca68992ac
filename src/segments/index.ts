// Segments: facts kept in step with orders, and the filter API over them.
import type { Capability } from '../app/capability.js';
import { relabelFactsOnContactLinked, writeFactsOnOrderChange } from './hooks.js';
import { segmentMemberRoutes } from './member-routes.js';
import { segmentFilterCheck, segmentRoutes } from './routes.js';

export const segments: Capability = {
  name: 'segments',
  routes: async (fastify, ctx) => {
    await segmentRoutes(fastify, ctx);
    await segmentMemberRoutes(fastify, ctx);
  },
  semanticChecks: { 'segment-filter': segmentFilterCheck },
  onOrderChanged: [writeFactsOnOrderChange],
  onContactLinked: [relabelFactsOnContactLinked],
};
