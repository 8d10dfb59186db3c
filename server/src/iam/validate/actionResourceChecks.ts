/**
 * Check family `actionResource`: actions,resources,ARNs. (Being written; registered so that it can grow without touching
 * the family list.)
 */
import type { CheckFamily } from './checkContext';

export const actionResourceChecks: CheckFamily = {
  name: 'actionResource',
  codes: [],
  check() {
    // Checks are added here.
  },
};
