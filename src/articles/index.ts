// Articles: the article register (JSON and the XML feed).
import type { Capability } from '../app/capability.js';
import { articleRoutes } from './routes.js';
import { articleDateCheck } from './schemas.js';

export const articles: Capability = { name: 'articles', routes: articleRoutes, semanticChecks: { article: articleDateCheck } };
