/**
 * Check family `principal`: principals,trust,kinds,size,security. (Being written; registered so that it can grow without touching
 * the family list.)
 */
import type { CheckFamily } from './checkContext';

export const principalChecks: CheckFamily = {
  name: 'principal',
  codes: [],
  check() {
    // Checks are added here.
  },
};
