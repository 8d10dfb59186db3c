/**
 * The server's feature modules, in registration order. Adding a feature is one import and one entry.
 */
import type { ServerFeature } from './serverContext';
import { completionFeature } from './features/completionFeature';
import { hoverFeature } from './features/hoverFeature';
import { structureFeature } from './features/structureFeature';
import { summaryFeature } from './features/summaryFeature';
import { scenarioFeature } from './features/scenarioFeature';
import { simulationFeature } from './features/simulationFeature';
import { accessDiffFeature } from './features/accessDiffFeature';
import { testingFeature } from './features/testingFeature';
import { authorFeature } from './features/authorFeature';
import { formatFeature } from './features/formatFeature';

export const SERVER_FEATURES: readonly ServerFeature[] = [
  completionFeature,
  hoverFeature,
  structureFeature,
  summaryFeature,
  scenarioFeature,
  simulationFeature,
  accessDiffFeature,
  testingFeature,
  authorFeature,
  formatFeature,
];
