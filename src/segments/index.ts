// Segments: facts kept in step with orders, and the filter API over them.
import type { Capability } from '../app/capability.js';
import { relabelFactsOnContactLinked, writeFactsOnOrderChange } from './hooks.js';
import { segmentFilterCheck, segmentRoutes } from './routes.js';

export const segments: Capability = {
  name: 'segments',
  routes: segmentRoutes,
  semanticChecks: { 'segment-filter': segmentFilterCheck },
  onOrderChanged: [writeFactsOnOrderChange],
  onContactLinked: [relabelFactsOnContactLinked],
};
