/**
 * The list of check families, in the order they run. Adding a family is one import and one entry.
 */
import type { CheckFamily } from './checkContext';
import { grammarChecks } from './grammarChecks';

export const CHECK_FAMILIES: readonly CheckFamily[] = [grammarChecks];
