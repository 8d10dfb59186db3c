/**
 * The server's feature modules, in registration order. Adding a feature is one import and one entry.
 */
import type { ServerFeature } from './serverContext';

export const SERVER_FEATURES: readonly ServerFeature[] = [];
