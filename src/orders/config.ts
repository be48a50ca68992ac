// Order settings, added to Config by declaration merging (see src/automations/config.ts).
import type { Config } from '../config.js';
import { setUnknownStatusOngoing } from '../domain/order.js';

declare module '../config.js' {
  interface Config {
    /** UNKNOWN_ORDER_STATUS_ONGOING=false: a status the service does not know counts as not ongoing (default true). */
    unknownOrderStatusOngoing?: boolean;
  }
}

/** Applies the order settings that pure domain code reads (segmentation's "ongoing"). */
export function applyOrderSettings(config: Config): void {
  setUnknownStatusOngoing(config.unknownOrderStatusOngoing ?? true);
}
