/**
 * The list of check families, in the order they run. Adding a family is one import and one entry.
 */
import type { CheckFamily } from './checkContext';
import { grammarChecks } from './grammarChecks';
import { actionResourceChecks } from './actionResourceChecks';
import { conditionChecks } from './conditionChecks';
import { principalChecks } from './principalChecks';

export const CHECK_FAMILIES: readonly CheckFamily[] = [grammarChecks, actionResourceChecks, conditionChecks, principalChecks];
