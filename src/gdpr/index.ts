// GDPR: export and erasure of a contact's data, across every capability's contactData.
import type { Capability } from '../app/capability.js';
import { coreContactData } from './providers.js';
import { gdprRoutes } from './routes.js';

export const gdpr: Capability = { name: 'gdpr', routes: gdprRoutes, contactData: coreContactData };
