/**
 * Check family `condition`: conditions,keys,operators,values,variables. (Being written; registered so that it can grow without touching
 * the family list.)
 */
import type { CheckFamily } from './checkContext';

export const conditionChecks: CheckFamily = {
  name: 'condition',
  codes: [],
  check() {
    // Checks are added here.
  },
};
