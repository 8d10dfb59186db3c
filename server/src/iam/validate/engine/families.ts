/**
 * The list of check families, in the order they run. Adding a family is one import and one entry.
 */
import type { CheckFamily } from './checkContext';
import { grammarChecks } from '../families/grammar/grammarChecks';
import { actionResourceChecks } from '../families/actionResource/actionResourceChecks';
import { conditionChecks } from '../families/condition/conditionChecks';
import { principalChecks } from '../families/principal/principalChecks';

export const CHECK_FAMILIES: readonly CheckFamily[] = [grammarChecks, actionResourceChecks, conditionChecks, principalChecks];
