/**
 * The check families, in the order they run. Adding a family is one folder under `families/`, one
 * import and one entry here, and its name in the registry's `FamilyName` and `implementedBy`.
 */
import type { CheckFamily } from './checkContext';
import { grammarChecks } from '../families/grammar/grammarChecks';
import { actionResourceChecks } from '../families/actionResource/actionResourceChecks';
import { conditionChecks } from '../families/condition/conditionChecks';
import { variableChecks } from '../families/variable/variableChecks';
import { principalChecks } from '../families/principal/principalChecks';
import { trustChecks } from '../families/trust/trustChecks';
import { rcpChecks } from '../families/rcp/rcpChecks';
import { redundancyChecks } from '../families/redundancy/statementRedundancy';
import { sizeChecks } from '../families/size/sizeChecks';
import { attachedResourceChecks } from '../families/attachedResource/attachedResourceChecks';
import { accessChecks } from '../families/access/accessChecks';

export const CHECK_FAMILIES: readonly CheckFamily[] = [
  grammarChecks,
  actionResourceChecks,
  conditionChecks,
  variableChecks,
  principalChecks,
  trustChecks,
  rcpChecks,
  redundancyChecks,
  sizeChecks,
  attachedResourceChecks,
  accessChecks,
];
