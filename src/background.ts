// Long-running tasks besides the job worker (e.g. automation deliveries).
// A capability registers a factory at import time; the service starts them in
// worker roles and stops them on shutdown.
import type { AppContext } from './context.js';

export interface BackgroundTask {
  start(): void;
  /** Stops taking work and finishes (or releases) what it holds. */
  stop(): Promise<void>;
}

export type BackgroundTaskFactory = (ctx: AppContext, log: { info: Function; error: Function; warn: Function }) => BackgroundTask;

export const backgroundTaskFactories: BackgroundTaskFactory[] = [];
